"""Hypotheses tested at reviews: the verdict recorded, shown, and carried into the evaluation."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import signed_in
from okrs.cycles.actions import set_cycle_state
from okrs.evaluation.actions import create_review
from okrs.evaluation.hypotheses import latest_verdicts, record_verdict, verdicts_of
from okrs.evaluation.models import HypothesisVerdict
from okrs.objectives.actions import update_objective

HYPOTHESIS = (
    "We believe that by growing signatures we will make water a topic, because MPs count them."
)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def tested(world):
    """Return Growth's objective with a hypothesis."""
    return world.objective(hypothesis=HYPOTHESIS)


@pytest.fixture
def review(world, tested):
    """Return Growth's review of 15 February 2027 with Sam invited."""
    return create_review(world.growth, world.quarter, date(2027, 2, 15), invited=[world.sam])


def verdict_url(review, objective):
    return reverse("evaluation:verdict", args=[review.pk, objective.pk])


def test_a_verdict_keeps_the_hypothesis_as_tested_and_who_gave_it(world, review, tested):
    verdict = record_verdict(
        review, tested, "supported", "  Signatures doubled after the MP letter. ", by=world.alice
    )
    update_objective(tested, hypothesis="A new hypothesis")
    stored = HypothesisVerdict.objects.get(pk=verdict.pk)
    assert (stored.verdict, stored.note, stored.decided_by) == (
        "supported",
        "Signatures doubled after the MP letter.",
        world.alice,
    )
    assert stored.hypothesis == HYPOTHESIS


def test_recording_again_at_the_same_review_changes_the_verdict(world, review, tested):
    record_verdict(review, tested, "too-early")
    record_verdict(review, tested, "refuted", "MPs ignored the petition.")
    assert [(v.verdict, v.note) for v in verdicts_of(tested)] == [
        ("refuted", "MPs ignored the petition.")
    ]


def test_each_review_adds_to_the_hypothesis_history(world, review, tested):
    later = create_review(world.growth, world.quarter, date(2027, 3, 15))
    record_verdict(later, tested, "supported", "The vote is scheduled.")
    record_verdict(review, tested, "too-early")
    assert [(v.review.held_on, v.verdict) for v in verdicts_of(tested)] == [
        (date(2027, 2, 15), "too-early"),
        (date(2027, 3, 15), "supported"),
    ]
    assert latest_verdicts(world.growth, world.quarter)[tested.pk].verdict == "supported"


@pytest.mark.parametrize(
    ("verdict", "note", "field", "message"),
    [
        ("maybe", "", "verdict", "Choose supported, refuted or too-early."),
        ("refuted", "  ", "note", "Say what showed it wrong"),
        ("supported", "x" * 2001, "note", "under 2000 characters"),
    ],
)
def test_a_bad_verdict_is_refused_naming_the_field(
    world, review, tested, verdict, note, field, message
):
    with pytest.raises(ValidationError) as refused:
        record_verdict(review, tested, verdict, note)
    assert message in refused.value.message_dict[field][0]
    assert not HypothesisVerdict.objects.exists()


def test_an_objective_without_hypothesis_has_nothing_to_test(world):
    objective = world.objective()
    review = create_review(world.growth, world.quarter, date(2027, 2, 15))
    with pytest.raises(ValidationError, match="states no hypothesis to test"):
        record_verdict(review, objective, "supported")


def test_a_closed_cycle_takes_no_verdict(world, review, tested):
    set_cycle_state(world.quarter, "closed")
    with pytest.raises(ValidationError, match="closed"):
        record_verdict(review, tested, "supported")


def test_another_teams_objective_is_not_covered(world, review):
    theirs = world.objective(team=world.support, hypothesis=HYPOTHESIS)
    with pytest.raises(ValidationError, match="does not cover it"):
        record_verdict(review, theirs, "supported")


def test_the_review_page_shows_the_hypothesis_and_records_the_verdict_with_htmx(
    client, world, review, tested
):
    alice = signed_in(world.alice, client)
    page = alice.get(reverse("evaluation:review", args=[review.pk])).content.decode()
    assert HYPOTHESIS in page and "Did the hypothesis hold?" in page
    response = alice.post(
        verdict_url(review, tested),
        {f"h{tested.pk}-verdict": "refuted", f"h{tested.pk}-note": "MPs ignored the petition."},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="objective-{tested.pk}"' in html and "Saved" in html
    assert HypothesisVerdict.objects.get().verdict == "refuted"


def test_a_refuted_verdict_without_note_is_shown_beside_the_form(client, world, review, tested):
    response = signed_in(world.alice, client).post(
        verdict_url(review, tested), {f"h{tested.pk}-verdict": "refuted"}
    )
    assert response.status_code == 422
    assert "a refuted hypothesis is the learning" in response.content.decode()
    assert not HypothesisVerdict.objects.exists()


def test_without_htmx_the_verdict_goes_back_to_the_objective(client, world, review, tested):
    response = signed_in(world.alice, client).post(
        verdict_url(review, tested), {f"h{tested.pk}-verdict": "supported"}
    )
    assert response.status_code == 302
    assert (
        response.url == reverse("evaluation:review", args=[review.pk]) + f"#objective-{tested.pk}"
    )


def test_a_stakeholder_reads_the_verdict_and_may_not_record_one(client, world, review, tested):
    record_verdict(review, tested, "too-early", "Only two weeks of data.")
    sam = signed_in(world.sam, client)
    page = sam.get(reverse("evaluation:review", args=[review.pk])).content.decode()
    assert "Too early to tell" in page and "Only two weeks of data." in page
    assert "Save verdict" not in page
    refused = sam.post(verdict_url(review, tested), {f"h{tested.pk}-verdict": "supported"})
    assert refused.status_code == 403
    assert HypothesisVerdict.objects.get().verdict == "too-early"


def test_a_member_of_another_team_may_not_record_a_verdict(client, world, review, tested):
    response = signed_in(world.bob, client).post(
        verdict_url(review, tested), {f"h{tested.pk}-verdict": "supported"}
    )
    assert response.status_code == 403
    assert not HypothesisVerdict.objects.exists()


def test_the_evaluation_shows_each_hypothesis_with_its_latest_verdict(
    client, world, review, tested
):
    record_verdict(review, tested, "supported", "Signatures doubled after the MP letter.")
    page = signed_in(world.alice, client).get(
        reverse("evaluation:team", args=[world.quarter.pk, world.growth.slug])
    )
    html = page.content.decode()
    assert "Hypotheses tested" in html and HYPOTHESIS in html
    assert "Supported" in html and "Signatures doubled after the MP letter." in html


def test_the_objective_page_shows_the_hypothesis_tested_review_by_review(
    client, world, review, tested
):
    record_verdict(review, tested, "too-early", "Only two weeks of data.")
    later = create_review(world.growth, world.quarter, date(2027, 3, 15))
    record_verdict(later, tested, "supported", "The vote is scheduled.")
    html = signed_in(world.sam, client).get(reverse("objective", args=[tested.pk])).content.decode()
    assert "Tested at reviews" in html
    assert html.index("Only two weeks of data.") < html.index("The vote is scheduled.")
