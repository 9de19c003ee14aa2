"""Opening and ending planning, publishing drafts, notes, and planning the next quarter."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from okrs.cycles.actions import create_cycle, set_cycle_state
from okrs.cycles.models import Cycle
from okrs.objectives.models import Objective
from okrs.planning import actions
from okrs.planning.models import PlanningSession, TeamPlanningNote
from okrs.planning.tests.helpers import SOUND, draft


def test_open_planning_publishes_the_strategic_objectives(world, plan):
    strategic_draft = draft(world.marketing, "Reach every town hall", world.annual)
    session = actions.open_planning(
        plan.q2, world.admin, [plan.strategic, strategic_draft], "Focus on towns this quarter."
    )
    stored = PlanningSession.objects.get(pk=session.pk)
    assert stored.cycle == plan.q2 and stored.opened_by == world.admin
    assert stored.message == "Focus on towns this quarter."
    assert set(stored.strategic_objectives.all()) == {plan.strategic, strategic_draft}
    published = Objective.objects.get(pk=strategic_draft.pk)
    assert published.status == Objective.State.ACTIVE and published.shared_at is not None
    assert Cycle.objects.get(pk=plan.q2.pk).state == Cycle.State.PLANNING


def test_open_planning_refuses_a_tactical_objective(world, plan):
    tactical = draft(world.growth, "Win the hearts of young donors", plan.q2)
    with pytest.raises(ValidationError, match="not a company or strategic"):
        actions.open_planning(plan.q2, world.admin, [tactical])
    assert not PlanningSession.objects.exists()


def test_open_planning_refuses_a_running_cycle(world, plan):
    with pytest.raises(ValidationError, match="active"):
        actions.open_planning(world.quarter, world.admin, [plan.strategic])


def test_reopening_planning_updates_the_session(world, plan):
    actions.open_planning(plan.q2, world.admin, [plan.strategic, plan.company], "First")
    actions.open_planning(plan.q2, world.admin, [plan.company], "Second")
    session = PlanningSession.objects.get()
    assert session.message == "Second"
    assert list(session.strategic_objectives.all()) == [plan.company]


def test_close_planning_starts_the_cycle_and_keeps_drafts(world, plan):
    actions.open_planning(plan.q2, world.admin, [plan.strategic])
    kept = draft(world.growth, "Win the hearts of young donors", plan.q2)
    actions.close_planning(plan.q2, world.admin)
    assert Cycle.objects.get(pk=plan.q2.pk).state == Cycle.State.ACTIVE
    session = PlanningSession.objects.get()
    assert session.closed_at is not None and session.closed_by == world.admin
    assert Objective.objects.get(pk=kept.pk).status == Objective.State.DRAFT


def test_publish_moves_a_draft_to_active_and_shares_it(world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, key_results=SOUND)
    actions.publish_draft(objective)
    stored = Objective.objects.get(pk=objective.pk)
    assert stored.status == Objective.State.ACTIVE
    assert stored.shared_at is not None


def test_publish_refuses_an_active_objective(world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, status="active")
    with pytest.raises(ValidationError, match="active"):
        actions.publish_draft(objective)


def test_share_refuses_an_active_objective(world, plan):
    objective = world.objective()
    with pytest.raises(ValidationError):
        actions.share_draft(objective)
    assert Objective.objects.get(pk=objective.pk).shared_at is None


def test_planning_note_towards_another_team(world, plan):
    note = actions.add_planning_note(
        plan.q2, world.growth, "dependency", "  Answers within a day  ", world.support, world.alice
    )
    stored = TeamPlanningNote.objects.get(pk=note.pk)
    assert (stored.team, stored.other_team, stored.kind) == (
        world.growth,
        world.support,
        "dependency",
    )
    assert stored.text == "Answers within a day"


def test_dependency_needs_another_team(world, plan):
    with pytest.raises(ValidationError, match="which team"):
        actions.add_planning_note(plan.q2, world.growth, "dependency", "Help")
    assert not TeamPlanningNote.objects.exists()


def test_note_cannot_point_at_its_own_team(world, plan):
    with pytest.raises(ValidationError):
        actions.add_planning_note(plan.q2, world.growth, "need", "Help", world.growth)


def test_note_refuses_another_organisations_team(world, plan, other_world):
    with pytest.raises(ValidationError, match="another organisation"):
        actions.add_planning_note(plan.q2, world.growth, "need", "Help", other_world["team"])


def test_plan_next_quarter_follows_the_latest_quarter_under_its_year(world, plan):
    cycle = actions.plan_next_quarter(world.org)
    stored = Cycle.objects.get(pk=cycle.pk)
    assert (stored.name, stored.start, stored.end) == (
        "2027-Q3",
        date(2027, 7, 1),
        date(2027, 9, 30),
    )
    assert stored.state == Cycle.State.PLANNING and stored.parent == world.annual


def test_plan_next_quarter_refuses_a_taken_name(world, plan):
    # Someone named a special cycle like the next quarter.
    create_cycle(world.org, "2027-Q3", date(2027, 2, 1), date(2027, 2, 28), kind="annual")
    with pytest.raises(ValidationError, match="already exists"):
        actions.plan_next_quarter(world.org)


def test_drafts_of_a_closed_cycle_are_neither_shared_nor_published(world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2)
    set_cycle_state(plan.q2, "closed")
    objective.refresh_from_db()
    for action in (actions.share_draft, actions.publish_draft):
        with pytest.raises(ValidationError, match="closed"):
            action(objective)
    stored = Objective.objects.get(pk=objective.pk)
    assert (stored.status, stored.shared_at) == ("draft", None)
