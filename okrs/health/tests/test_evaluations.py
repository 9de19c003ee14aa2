"""Evaluation completion: published objectives of closed cycles that received a grade."""

from datetime import date

import pytest

from okrs.cycles.actions import create_cycle, set_cycle_state
from okrs.health.evaluations import evaluated_cycle
from okrs.health.report import cycle_health
from okrs.health.tests.conftest import NOW
from okrs.objectives.actions import update_objective


@pytest.fixture
def closed(world):
    """Return two closed quarters of 2026: Q2 fully graded, Q3 two of three graded."""
    q2 = create_cycle(world.org, "2026-Q2", date(2026, 4, 1), date(2026, 6, 30), state="active")
    q3 = create_cycle(world.org, "2026-Q3", date(2026, 7, 1), date(2026, 9, 30), state="active")
    update_objective(world.objective(world.growth, cycle=q2), grade=8)
    update_objective(world.objective(world.growth, cycle=q3), grade=7)
    world.objective(world.growth, cycle=q3)
    update_objective(world.objective(world.support, cycle=q3), grade=5)
    world.objective(world.support, cycle=q3, status="draft")
    world.objective(world.support, cycle=q3, status="abandoned")
    for cycle in (q2, q3):
        set_cycle_state(cycle, "closed")
    return {"q2": q2, "q3": q3, "all": [world.quarter, q3, q2]}


def test_the_latest_closed_cycle_is_evaluated_while_the_chosen_one_runs(world, closed):
    assert evaluated_cycle(world.quarter, closed["all"]) == closed["q3"]
    assert evaluated_cycle(closed["q2"], closed["all"]) == closed["q2"]
    assert evaluated_cycle(world.quarter, [world.quarter]) is None


def test_evaluation_completion_for_the_organisation_and_per_team(world, closed):
    report = cycle_health(world.org, world.quarter, closed["all"], NOW)
    measure = report.measures["evaluation"]
    assert (measure.part, measure.whole) == (2, 3) and measure.band() == "amber"
    rows = {row.team_id: row.measures["evaluation"] for row in report.teams}
    assert (rows[world.growth.pk].part, rows[world.growth.pk].whole) == (1, 2)
    assert rows[world.support.pk].value == 1.0


def test_history_lists_closed_cycles_latest_first(world, closed):
    report = cycle_health(world.org, closed["q2"], closed["all"], NOW)
    assert [(e["cycle"].name, e["measure"].shown()) for e in report.evaluations] == [
        ("2026-Q3", "67%"),
        ("2026-Q2", "100%"),
    ]
    assert report.measures["evaluation"].value == 1.0


def test_grading_the_last_objective_completes_the_evaluation(world, closed):
    ungraded = closed["q3"].objectives.get(team=world.growth, grade__isnull=True)
    update_objective(ungraded, grade=4)
    report = cycle_health(world.org, world.quarter, closed["all"], NOW)
    assert report.measures["evaluation"].band() == "green"
