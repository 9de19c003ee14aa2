"""Action plans: initiatives under key results, apart from them; every change recorded."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from okrs import clock
from okrs.cycles.actions import set_cycle_state
from okrs.domain.initiatives import INITIATIVE_STATUSES, INITIATIVES_PER_KEY_RESULT
from okrs.objectives.actions import add_key_result, record_check_in
from okrs.objectives.history import objective_history
from okrs.objectives.initiatives import (
    add_initiative,
    check_in_with_initiatives,
    move_to_action_plan,
    remove_initiative,
    update_initiative,
)
from okrs.objectives.models import Initiative, InitiativeStatus, KeyResult
from okrs.objectives.scorecards import scorecards_for


def _figures(objective):
    card = scorecards_for([objective], "0-10", clock.today())[objective.pk]
    return (
        card.progress,
        card.score,
        [(k.progress, k.score, k.state) for k in card.key_results],
    )


def test_statuses_are_the_domain_ones():
    assert [status.value for status in InitiativeStatus] == list(INITIATIVE_STATUSES)


def test_initiatives_change_neither_progress_nor_score(world):
    objective = world.objective()
    signatures = objective.key_results.first()
    record_check_in(signatures, 60000, 7, author=world.alice)
    before = _figures(objective)
    first = add_initiative(signatures, "Door-to-door petition weekends", owner=world.alice)
    second = add_initiative(signatures, "Partner with schools", status="doing")
    assert _figures(objective) == before
    update_initiative(first, status="done")
    update_initiative(second, status="dropped")
    assert _figures(objective) == before
    remove_initiative(first)
    assert _figures(objective) == before


def test_an_initiative_keeps_its_fields_in_order(world):
    kr = world.objective().key_results.first()
    first = add_initiative(
        kr,
        "  Door-to-door petition weekends ",
        owner=world.alice,
        due=date(2027, 2, 15),
        link="https://tracker.acme.test/PET-12",
    )
    add_initiative(kr, "Partner with schools")
    assert first.title == "Door-to-door petition weekends"
    assert first.status == "planned"
    assert [i.title for i in kr.initiatives.all()] == [
        "Door-to-door petition weekends",
        "Partner with schools",
    ]


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "ftp://files.acme.test/plan", "tracker.acme.test/PET-12", "https://"],
)
def test_a_link_must_be_a_web_address(world, link):
    kr = world.objective().key_results.first()
    with pytest.raises(ValidationError) as refused:
        add_initiative(kr, "Partner with schools", link=link)
    assert "link" in refused.value.message_dict
    assert not Initiative.objects.exists()


def test_a_title_is_required_and_a_status_must_be_known(world):
    kr = world.objective().key_results.first()
    with pytest.raises(ValidationError) as refused:
        add_initiative(kr, "   ")
    assert "title" in refused.value.message_dict
    initiative = add_initiative(kr, "Partner with schools")
    with pytest.raises(ValidationError) as refused:
        update_initiative(initiative, status="finished")
    assert "status" in refused.value.message_dict
    initiative.refresh_from_db()
    assert initiative.status == "planned"


def test_an_owner_from_another_organisation_is_refused(world, other_world):
    kr = world.objective().key_results.first()
    with pytest.raises(ValidationError) as refused:
        add_initiative(kr, "Partner with schools", owner=other_world["person"])
    assert "owner" in refused.value.message_dict


def test_an_action_plan_holds_a_limited_number_of_initiatives(world):
    kr = world.objective().key_results.first()
    for n in range(INITIATIVES_PER_KEY_RESULT):
        add_initiative(kr, f"Initiative {n}")
    with pytest.raises(ValidationError, match="at most"):
        add_initiative(kr, "One too many")


def test_a_closed_cycle_freezes_the_action_plan(world):
    kr = world.objective().key_results.first()
    initiative = add_initiative(kr, "Partner with schools")
    set_cycle_state(world.quarter, "closed")
    kr = KeyResult.objects.select_related("objective__cycle").get(pk=kr.pk)
    with pytest.raises(ValidationError, match="closed"):
        add_initiative(kr, "Too late")
    with pytest.raises(ValidationError, match="closed"):
        update_initiative(Initiative.objects.get(pk=initiative.pk), status="done")


def test_every_change_is_in_the_objectives_history(world):
    objective = world.objective()
    kr = objective.key_results.first()
    initiative = add_initiative(kr, "Partner with schools", by=world.alice)
    update_initiative(initiative, status="doing", by=world.bob)
    remove_initiative(initiative, by=world.alice)
    entries = [e for e in objective_history(objective) if e.subject == "initiative"]
    assert [(e.who(), e.summary()) for e in entries] == [
        ("Alice Doe", "removed the initiative “Partner with schools”"),
        (
            "Bob Roe",
            "changed the status from “Planned” to “Doing” of the initiative “Partner with schools”",
        ),
        ("Alice Doe", "added the initiative “Partner with schools”"),
    ]


def test_a_check_in_moves_initiatives_in_the_same_submit(world):
    kr = world.objective().key_results.first()
    started = add_initiative(kr, "Partner with schools")
    finished = add_initiative(kr, "Door-to-door weekends", status="doing")
    check_in_with_initiatives(
        kr,
        {started.pk: "doing", finished.pk: "done"},
        author=world.alice,
        value=40000,
        confidence=6,
    )
    assert dict(kr.initiatives.values_list("title", "status")) == {
        "Partner with schools": "doing",
        "Door-to-door weekends": "done",
    }
    assert kr.check_ins.count() == 1


def test_a_check_in_refuses_another_key_results_initiative_and_records_nothing(world):
    objective = world.objective()
    signatures, wait = objective.key_results.all()
    elsewhere = add_initiative(wait, "Hire a second clerk")
    with pytest.raises(ValidationError):
        check_in_with_initiatives(
            signatures, {elsewhere.pk: "done"}, author=world.alice, value=40000, confidence=6
        )
    assert signatures.check_ins.count() == 0
    assert Initiative.objects.get(pk=elsewhere.pk).status == "planned"


def test_an_activity_moves_under_the_first_measurable_key_result(world):
    objective = world.objective()
    activity = add_key_result(objective, "Launch the petition website", type="binary")
    initiative = move_to_action_plan(activity, by=world.alice)
    assert initiative.key_result == objective.key_results.first()
    assert initiative.title == "Launch the petition website"
    assert not KeyResult.objects.filter(pk=activity.pk).exists()
    assert KeyResult.all_objects.get(pk=activity.pk).deleted_at is not None
    summaries = [e.summary() for e in objective_history(objective)[:2]]
    assert "deleted “Launch the petition website”" in summaries
    assert "added the initiative “Launch the petition website”" in summaries


def test_an_activity_moves_under_the_key_result_picked(world):
    objective = world.objective()
    wait = objective.key_results.all()[1]
    activity = add_key_result(objective, "Run 3 webinars", start=0, target=3)
    assert move_to_action_plan(activity, under=wait).key_result == wait


def test_an_activity_cannot_move_under_itself_or_another_objective(world):
    objective = world.objective()
    activity = add_key_result(objective, "Run 3 webinars", start=0, target=3)
    other = world.objective(team=world.support).key_results.first()
    for under in (activity, other):
        with pytest.raises(ValidationError):
            move_to_action_plan(activity, under=under)
    assert KeyResult.objects.filter(pk=activity.pk).exists()
    assert not Initiative.objects.exists()


def test_an_only_key_result_has_nowhere_to_move(world):
    objective = world.objective()
    first, second = objective.key_results.all()
    move_to_action_plan(second)
    with pytest.raises(ValidationError, match="no other key result"):
        move_to_action_plan(KeyResult.objects.get(pk=first.pk))
