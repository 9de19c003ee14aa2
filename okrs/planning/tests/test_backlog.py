"""A team's backlog of candidate objectives, promoted into a cycle as drafts."""

import pytest
from django.core.exceptions import ValidationError

from okrs.cycles.actions import set_cycle_state
from okrs.objectives.models import Objective
from okrs.planning import actions
from okrs.planning.models import CandidateObjective


def test_candidate_waits_in_no_cycle(world):
    candidate = actions.add_candidate(
        world.growth, "Be the charity students volunteer for", world.alice, notes="After Q2"
    )
    stored = CandidateObjective.objects.get(pk=candidate.pk)
    assert stored.team == world.growth and stored.added_by == world.alice
    assert stored.is_waiting() and stored.notes == "After Q2"
    assert not Objective.objects.filter(title="Be the charity students volunteer for").exists()


def test_promote_makes_a_draft_in_the_cycle(world, plan):
    candidate = actions.add_candidate(
        world.growth,
        "Be the charity students volunteer for",
        world.alice,
        description="Campuses",
        ambition="moonshot",
    )
    objective = actions.promote_candidate(candidate, plan.q2)
    stored = Objective.objects.get(pk=objective.pk)
    assert (stored.cycle, stored.team, stored.status) == (plan.q2, world.growth, "draft")
    assert (stored.description, stored.ambition) == ("Campuses", "moonshot")
    candidate = CandidateObjective.objects.get(pk=candidate.pk)
    assert candidate.promoted_to == stored and not candidate.is_waiting()


def test_promote_twice_is_refused(world, plan):
    candidate = actions.add_candidate(world.growth, "Be the charity students volunteer for")
    actions.promote_candidate(candidate, plan.q2)
    with pytest.raises(ValidationError, match="already promoted"):
        actions.promote_candidate(candidate, plan.q2)
    assert Objective.objects.filter(title="Be the charity students volunteer for").count() == 1


def test_promote_into_a_closed_cycle_is_refused(world, plan):
    set_cycle_state(plan.q2, "closed")
    candidate = actions.add_candidate(world.growth, "Be the charity students volunteer for")
    with pytest.raises(ValidationError, match="closed"):
        actions.promote_candidate(candidate, plan.q2)
    assert CandidateObjective.objects.get(pk=candidate.pk).is_waiting()


def test_drop_removes_a_waiting_candidate_only(world, plan):
    waiting = actions.add_candidate(world.growth, "Be the charity students volunteer for")
    actions.drop_candidate(waiting)
    assert not CandidateObjective.objects.filter(pk=waiting.pk).exists()
    promoted = actions.add_candidate(world.growth, "Run a festival")
    actions.promote_candidate(promoted, plan.q2)
    with pytest.raises(ValidationError):
        actions.drop_candidate(CandidateObjective.objects.get(pk=promoted.pk))


def test_candidate_needs_a_title(world):
    with pytest.raises(ValidationError):
        actions.add_candidate(world.growth, "")
    assert not CandidateObjective.objects.exists()
