"""Carrying an objective over into the next cycle, with its history linked."""

import pytest
from django.core.exceptions import ValidationError

from okrs.objectives.actions import align, record_check_in
from okrs.objectives.models import CheckIn, Objective
from okrs.planning import actions


@pytest.fixture
def running(world, plan):
    """Growth's Q1 objective, aligned to the 2027 strategic objective, mid-way."""
    objective = world.objective(
        title="Make clean water a topic no household can ignore",
        description="Towns talk about water.",
        hypothesis="We believe that petitions make the topic visible.",
        ambition="moonshot",
    )
    align(objective, plan.strategic)
    signatures, wait = objective.key_results.order_by("position")
    record_check_in(signatures, 60000, 7, author=world.alice)
    record_check_in(wait, 3, 9, author=world.alice)
    return objective


def test_carry_over_copies_the_objective_and_links_its_history(world, plan, running):
    result = actions.carry_over(running, plan.q2)
    copy = Objective.objects.get(pk=result.objective.pk)
    assert copy.cycle == plan.q2 and copy.team == world.growth
    assert copy.status == Objective.State.DRAFT and copy.shared_at is None
    assert copy.carried_from == running
    assert list(running.carried_into.all()) == [copy]
    assert (copy.title, copy.description, copy.hypothesis, copy.ambition) == (
        running.title,
        "Towns talk about water.",
        "We believe that petitions make the topic visible.",
        "moonshot",
    )
    assert list(copy.aligned_to.all()) == [plan.strategic]


def test_carried_key_result_starts_at_its_last_value(world, plan, running):
    result = actions.carry_over(running, plan.q2)
    (signatures,) = result.objective.key_results.all()
    assert signatures.title == "Grow petition signatures from 20,000 to 100,000"
    assert (signatures.start, signatures.current, signatures.target) == (60000, 60000, 100000)
    assert signatures.checked_in_at is None


def test_reached_key_result_stays_behind(world, plan, running):
    result = actions.carry_over(running, plan.q2)
    assert [kr.title for kr in result.left_behind] == ["Reduce wait time from 9 to 3 days"]


def test_old_objective_is_closed_and_keeps_its_check_ins(world, plan, running):
    actions.carry_over(running, plan.q2)
    assert Objective.objects.get(pk=running.pk).status == Objective.State.CLOSED
    assert CheckIn.objects.filter(key_result__objective=running).count() == 2


def test_carry_over_twice_into_one_cycle_is_refused(world, plan, running):
    actions.carry_over(running, plan.q2)
    with pytest.raises(ValidationError, match="already carried over"):
        actions.carry_over(Objective.objects.get(pk=running.pk), plan.q2)
    assert Objective.objects.filter(carried_from=running).count() == 1


def test_carry_over_into_the_same_cycle_is_refused(world, plan, running):
    with pytest.raises(ValidationError, match="open cycle after"):
        actions.carry_over(running, world.quarter)
    assert Objective.objects.get(pk=running.pk).status == Objective.State.ACTIVE


def test_parent_of_the_old_quarter_is_dropped_unless_it_was_carried_too(world, plan, running):
    quarterly = world.objective(team=world.marketing, title="Be in every local newspaper")
    align(running, quarterly)
    copy = actions.carry_over(running, plan.q2).objective
    assert set(copy.aligned_to.all()) == {plan.strategic}

    other = world.objective(team=world.support, title="Answer every donor within a day")
    align(other, quarterly)
    parent_copy = actions.carry_over(quarterly, plan.q2).objective
    child_copy = actions.carry_over(other, plan.q2).objective
    assert list(child_copy.aligned_to.all()) == [parent_copy]


def test_carry_over_refuses_another_organisations_cycle(world, running, other_world):
    with pytest.raises(ValidationError, match="another organisation"):
        actions.carry_over(running, other_world["cycle"])
