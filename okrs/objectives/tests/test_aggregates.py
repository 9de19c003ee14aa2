"""Progress computed in the database agrees with the domain math, key result by key result."""

import pytest

from okrs.domain.coverage import check_in_coverage
from okrs.objectives.actions import (
    add_key_result,
    create_objective,
    link_key_result,
    record_check_in,
)
from okrs.objectives.aggregates import objective_progress_rows
from okrs.objectives.models import Objective
from okrs.objectives.scorecards import scorecards_for

CASES = [
    # (fields, check-in values)
    ({"start": 20000, "target": 100000}, [60000]),
    ({"start": 9, "target": 3}, [5]),
    ({"start": 9, "target": 3}, [11]),
    ({"start": 0, "target": 10}, [14]),
    ({"start": 0, "target": 10}, []),
    ({"type": "binary", "start": 0, "target": 1}, [1]),
    ({"type": "binary", "start": 0, "target": 1}, [0]),
    ({"direction": "stay-above", "start": 4, "target": 4.5}, [4.5]),
    ({"direction": "stay-above", "start": 4, "target": 4.5}, [4.4]),
    ({"direction": "stay-below", "start": 6, "target": 5}, [5]),
    ({"direction": "stay-below", "start": 6, "target": 5}, [5.2]),
    ({"start": 10, "target": 20, "weight": 3}, [12]),
    ({"start": 10, "target": 20, "weight": 0}, [20]),
]


def progress_shown(*cycles):
    """Return each objective's rolled-up progress as the pages read it, from the cycles' rows."""
    return {row["id"]: row["progress"] for c in cycles for row in objective_progress_rows(c)}


@pytest.fixture
def objectives(world):
    """Create objectives mixing every kind of key result, weights and a linked child."""
    made = []
    for n, (fields, values) in enumerate(CASES):
        objective = create_objective(
            world.quarter, f"Objective {n}", team=world.growth, status="active"
        )
        kr = add_key_result(objective, f"KR {n}", **fields)
        add_key_result(objective, f"Second KR {n}", start=0, target=4)
        for value in values:
            record_check_in(kr, value, 6, author=world.alice)
        made.append(objective)
    parent = create_objective(world.annual, "Parent", team=world.marketing, status="active")
    linked = add_key_result(parent, "Takes the child's progress", start=0, target=1)
    add_key_result(parent, "Own", start=0, target=10, current=5)
    link_key_result(linked, made[0])
    return [*made, parent]


def test_database_progress_equals_domain_progress(world, objectives):
    expected = {
        pk: card.progress
        for pk, card in scorecards_for(objectives, "0-10", world.quarter.start).items()
    }
    found = progress_shown(world.quarter, world.annual)
    assert found == pytest.approx(expected)


def test_linked_key_result_takes_the_child_objectives_progress(world, objectives):
    parent = objectives[-1]
    child = objectives[0]
    found = progress_shown(world.quarter, world.annual)
    # child: (0.5 + 0) / 2 = 0.25; parent: (0.25 + 0.5) / 2
    assert found[child.pk] == pytest.approx(0.25)
    assert found[parent.pk] == pytest.approx(0.375)


def test_progress_rows_carry_confidence_and_skip_abandoned(world, objectives):
    Objective.objects.filter(pk=objectives[1].pk).update(status="abandoned")
    rows = {row["id"]: row for row in objective_progress_rows(world.quarter)}
    assert objectives[1].pk not in rows
    assert rows[objectives[0].pk]["confidence"] == 6
    assert rows[objectives[4].pk]["confidence"] is None


def test_check_in_coverage_counts_fresh_key_results(world, objectives):
    from django.utils import timezone

    rows = objective_progress_rows(world.quarter, timezone.now() - timezone.timedelta(days=7))
    fresh, total = check_in_coverage(rows)
    checked = sum(1 for _, values in CASES if values)
    assert (fresh, total) == (checked, 2 * len(CASES))


def test_last_check_in_is_the_latest_moment_to_the_microsecond(world, objectives):
    from datetime import UTC, datetime

    from okrs.objectives.models import KeyResult

    first, second = objectives[0].key_results.order_by("id")
    moments = {
        first.pk: datetime(2026, 3, 4, 5, 6, 7, 123457, tzinfo=UTC),
        second.pk: datetime(2026, 3, 4, 5, 6, 7, 123458, tzinfo=UTC),
    }
    for pk, at in moments.items():
        KeyResult.objects.filter(pk=pk).update(checked_in_at=at)
    whole = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)  # stored without a fraction on SQLite
    KeyResult.objects.filter(objective=objectives[2]).update(checked_in_at=whole)
    rows = {row["id"]: row for row in objective_progress_rows(world.quarter)}
    assert rows[objectives[0].pk]["last_check_in"] == moments[second.pk]
    assert rows[objectives[2].pk]["last_check_in"] == whole
    assert rows[objectives[4].pk]["last_check_in"] is None
    assert rows[objectives[0].pk]["confidence"] == 6
    assert isinstance(rows[objectives[0].pk]["confidence"], float)


def test_no_objectives_have_no_progress(world):
    assert objective_progress_rows(world.quarter) == []
