"""Monthly OKR Reviews: expected against actual, confidence, decisions; stakeholders only read."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD, signed_in
from okrs.cycles.actions import set_cycle_state
from okrs.evaluation.actions import create_review, decide
from okrs.evaluation.forms import DecisionForm, add_action_error
from okrs.evaluation.models import Decision, Review
from okrs.evaluation.tests.conftest import check_in
from okrs.objectives.models import Objective
from okrs.organizations.actions import add_person

REVIEW_DAY = date(2027, 2, 15)


@pytest.fixture
def review(world, growth_objective):
    """Return Growth's review of 15 February 2027, facilitated by Alice, Sam invited."""
    return create_review(
        world.growth, world.quarter, REVIEW_DAY, facilitator=world.alice, invited=[world.sam]
    )


def decision_url(review, key_result=None, objective=None):
    if key_result is not None:
        return reverse("evaluation:decide-key-result", args=[review.pk, key_result.pk])
    return reverse("evaluation:decide-objective", args=[review.pk, objective.pk])


def test_team_lead_holds_a_review_for_her_team(world, growth_objective):
    alice = signed_in(world.alice)
    response = alice.post(
        reverse("evaluation:review-new"),
        {
            "team": world.growth.pk,
            "cycle": world.quarter.pk,
            "held_on": "2027-02-15",
            "facilitator": world.alice.pk,
            "invited": [world.sam.pk],
            "notes": "Signatures lag behind the plan.",
        },
    )
    review = Review.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("evaluation:review", args=[review.pk])
    assert (review.team, review.cycle, review.held_on) == (world.growth, world.quarter, REVIEW_DAY)
    assert review.facilitator == world.alice
    assert review.created_by == world.alice
    assert list(review.invited.all()) == [world.sam]
    assert review.notes == "Signatures lag behind the plan."


def test_new_review_form_offers_only_the_persons_teams_and_keeps_input_on_error(world):
    bob = signed_in(world.bob)
    page = bob.get(reverse("evaluation:review-new"))
    assert list(page.context["form"].fields["team"].queryset) == [world.support]
    response = bob.post(
        reverse("evaluation:review-new"),
        {"team": world.growth.pk, "cycle": world.quarter.pk, "held_on": "", "notes": "Kept text"},
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Give the review&#x27;s date." in content
    assert "Select a valid choice" in content
    assert "Kept text" in content
    assert not Review.objects.exists()


def test_a_second_review_the_same_day_is_refused_next_to_the_date(world, review):
    response = signed_in(world.alice).post(
        reverse("evaluation:review-new"),
        {"team": world.growth.pk, "cycle": world.quarter.pk, "held_on": "2027-02-15"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["held_on"] == [
        "Growth already has a review on that day."
    ]
    assert Review.objects.count() == 1


def test_review_shows_expected_against_actual_and_confidence_as_of_its_date(
    world, review, signatures, wait_time
):
    check_in(signatures, 30000, 8, date(2027, 1, 10))
    check_in(signatures, 40000, 6, date(2027, 2, 1))
    check_in(signatures, 90000, 9, date(2027, 3, 1))  # after the review: not shown
    check_in(wait_time, 6, 5, date(2027, 2, 14))
    response = signed_in(world.bob).get(reverse("evaluation:review", args=[review.pk]))
    assert response.status_code == 200
    [block] = response.context["blocks"]
    first, second = block.lines
    assert first.value == 40000
    assert first.progress == pytest.approx(0.25)
    # 45 of the quarter's 89 days have elapsed on 15 February.
    assert first.expected == pytest.approx(45 / 89)
    assert (first.trend.latest, first.trend.change, first.trend.direction()) == (6, -2, "falling")
    assert first.status == "off-track"
    assert second.progress == pytest.approx(0.5)
    assert block.progress == pytest.approx(0.375)
    assert block.confidence == round((6 + 5) / 2)
    content = response.content.decode()
    assert "▼ -2" in content
    assert "40,000" in content and "90,000" not in content


def test_keep_and_adjust_decisions_are_recorded_per_key_result(world, review, signatures):
    alice = signed_in(world.alice)
    alice.post(decision_url(review, signatures), {f"kr{signatures.pk}-choice": "keep"})
    response = alice.post(
        decision_url(review, signatures),
        {f"kr{signatures.pk}-choice": "adjust", f"kr{signatures.pk}-note": "Target 80,000"},
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.key_result, decision.choice, decision.note) == (
        signatures,
        "adjust",
        "Target 80,000",
    )
    assert decision.decided_by == world.alice


def test_adjust_without_a_note_is_refused_next_to_the_note(world, review, signatures):
    response = signed_in(world.alice).post(
        decision_url(review, signatures),
        {f"kr{signatures.pk}-choice": "adjust"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Say why you adjust it" in content
    assert f'id="objective-{signatures.objective_id}"' in content
    assert not Decision.objects.exists()


def test_htmx_decision_returns_the_objective_block_marked_saved(world, review, signatures):
    response = signed_in(world.alice).post(
        decision_url(review, signatures),
        {f"kr{signatures.pk}-choice": "keep"},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "Saved" in content
    assert Decision.objects.get().choice == "keep"


def test_abandoning_the_objective_sets_it_abandoned_and_taking_it_back_reactivates(
    world, review, growth_objective
):
    alice = signed_in(world.alice)
    prefix = f"o{growth_objective.pk}"
    url = decision_url(review, objective=growth_objective)
    alice.post(url, {f"{prefix}-choice": "abandon", f"{prefix}-note": "The law passed already"})
    growth_objective.refresh_from_db()
    assert growth_objective.status == Objective.State.ABANDONED
    assert Decision.objects.get().key_result is None
    alice.post(url, {f"{prefix}-choice": "keep"})
    growth_objective.refresh_from_db()
    assert growth_objective.status == Objective.State.ACTIVE
    assert Decision.objects.get().choice == "keep"


def test_abandoning_a_key_result_only_records_the_decision(world, review, signatures):
    decide(review, signatures.objective, "abandon", "Measured elsewhere", key_result=signatures)
    signatures.objective.refresh_from_db()
    assert signatures.objective.status == Objective.State.ACTIVE
    assert Decision.objects.get().choice == "abandon"


def test_stakeholder_reads_the_review_but_cannot_write_it(world, review, signatures):
    decide(review, signatures.objective, "keep", key_result=signatures)
    sam = signed_in(world.sam)
    page = sam.get(reverse("evaluation:review", args=[review.pk]))
    content = page.content.decode()
    assert page.status_code == 200
    assert "You are invited to read this review" in content
    assert "decision-form" not in content
    assert "Keep" in content
    notes = sam.post(reverse("evaluation:review-notes", args=[review.pk]), {"notes": "Mine now"})
    assert notes.status_code == 403
    choice = {f"kr{signatures.pk}-choice": "abandon", f"kr{signatures.pk}-note": "no"}
    assert sam.post(decision_url(review, signatures), choice).status_code == 403
    review.refresh_from_db()
    assert review.notes == ""
    assert Decision.objects.get().choice == "keep"
    assert sam.get(reverse("evaluation:review-new")).status_code == 403


def test_member_of_another_team_reads_but_does_not_decide(world, review, signatures):
    bob = signed_in(world.bob)
    assert (
        "decision-form"
        not in bob.get(reverse("evaluation:review", args=[review.pk])).content.decode()
    )
    choice = {f"kr{signatures.pk}-choice": "keep"}
    assert bob.post(decision_url(review, signatures), choice).status_code == 403
    assert not Decision.objects.exists()


def test_facilitating_practitioner_writes_notes_inline(world, review):
    pia = add_person(world.org, "pia@acme.test", "Pia Practitioner", "okr-practitioner", PASSWORD)
    response = signed_in(pia).post(
        reverse("evaluation:review-notes", args=[review.pk]),
        {"notes": "Confidence fell on signatures."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="review-notes"' in response.content.decode()
    review.refresh_from_db()
    assert review.notes == "Confidence fell on signatures."


def test_review_list_filters_by_cycle_and_team(world, review):
    create_review(world.support, world.quarter, REVIEW_DAY)
    page = signed_in(world.bob).get(
        reverse("evaluation:reviews"), {"cycle": world.quarter.pk, "team": "growth"}
    )
    assert [r.team for r in page.context["reviews"]] == [world.growth]
    everyone = signed_in(world.bob).get(reverse("evaluation:reviews"), {"cycle": world.quarter.pk})
    assert {r.team.name for r in everyone.context["reviews"]} == {"Growth", "Support"}


def test_review_list_without_reviews_says_how_to_start(world):
    content = signed_in(world.alice).get(reverse("evaluation:reviews")).content.decode()
    assert "No review in 2027-Q1 yet" in content
    assert "Hold the first review" in content


def test_a_closed_cycle_takes_no_new_review_nor_decision(world, review, signatures):
    set_cycle_state(world.quarter, "closed")
    with pytest.raises(ValidationError):
        create_review(world.growth, world.quarter, date(2027, 3, 15))
    with pytest.raises(ValidationError):
        decide(review, signatures.objective, "keep", key_result=signatures)
    page = signed_in(world.alice).get(reverse("evaluation:review", args=[review.pk]))
    assert "decision-form" not in page.content.decode()
    assert "The cycle is closed" in page.content.decode()


def test_review_page_queries_do_not_grow_with_objectives(world, review, signatures):
    alice = signed_in(world.alice)
    check_in(signatures, 30000, 7, date(2027, 1, 10))
    decide(review, signatures.objective, "keep", key_result=signatures)
    url = reverse("evaluation:review", args=[review.pk])
    alice.get(url)
    with CaptureQueriesContext(connection) as few:
        alice.get(url)
    for n in range(4):
        objective = world.objective(title=f"Make water safe in district {n}")
        kr = objective.key_results.first()
        check_in(kr, 50000, 6, date(2027, 2, 1))
        decide(review, objective, "adjust", "Sharper target", key_result=kr)
    with CaptureQueriesContext(connection) as many:
        response = alice.get(url)
    assert len(response.context["blocks"]) == 5
    assert len(many) == len(few)


def test_review_list_queries_do_not_grow_with_reviews(world, review):
    bob = signed_in(world.bob)
    url = reverse("evaluation:reviews")
    bob.get(url)
    with CaptureQueriesContext(connection) as few:
        bob.get(url)
    for day in (1, 8, 22):
        other = create_review(world.support, world.quarter, date(2027, 3, day))
        decide(
            other, world.objective(team=world.support, title=f"Answer within {day} days"), "keep"
        )
    with CaptureQueriesContext(connection) as many:
        response = bob.get(url)
    assert len(response.context["reviews"]) == 4
    assert len(many) == len(few)


def test_a_review_decides_only_on_its_teams_objectives(world, review):
    support = world.objective(team=world.support, title="Answer every household quickly")
    with pytest.raises(ValidationError, match="does not cover it"):
        decide(review, support, "keep")
    response = signed_in(world.admin).post(
        decision_url(review, objective=support), {f"o{support.pk}-choice": "keep"}
    )
    assert response.status_code == 404
    assert not Decision.objects.exists()


def test_an_action_error_for_a_field_the_form_lacks_goes_above_the_form():
    form = DecisionForm({"o1-choice": "keep"}, prefix="o1")
    assert form.is_valid()
    add_action_error(form, ValidationError({"cycle": "2027-Q1 is closed.", "note": "Say why."}))
    assert form.non_field_errors() == ["2027-Q1 is closed."]
    assert form.errors["note"] == ["Say why."]


def test_a_large_organisation_offers_the_okr_roles_and_you_as_facilitators(world, monkeypatch):
    from okrs.evaluation import forms
    from okrs.organizations.models import Role

    coach = add_person(world.org, "pat@acme.test", "Pat Coach", Role.OKR_PRACTITIONER, PASSWORD)
    alice = signed_in(world.alice)
    listed = alice.get(reverse("evaluation:review-new")).context["form"]["facilitator"]
    everyone = [choice.data["label"] for choice in listed.subwidgets][1:]
    assert everyone == ["Ada Admin", "Alice Doe", "Bob Roe", "Pat Coach"]

    monkeypatch.setattr(forms, "FACILITATORS_LISTED_UP_TO", 3)
    page = alice.get(reverse("evaluation:review-new"))
    field = page.context["form"]["facilitator"]
    assert [choice.data["label"] for choice in field.subwidgets][1:] == [
        "Ada Admin",
        "Alice Doe",
        "Pat Coach",
    ]
    assert "The people with an OKR role" in page.content.decode()
    response = alice.post(
        reverse("evaluation:review-new"),
        {
            "team": world.growth.pk,
            "cycle": world.quarter.pk,
            "held_on": "2027-02-15",
            "facilitator": coach.pk,
        },
    )
    assert response.status_code == 302
    assert Review.objects.get().facilitator == coach
