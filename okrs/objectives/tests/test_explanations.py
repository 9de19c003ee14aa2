"""An explanation never disagrees with the figures the scorecards show."""

from datetime import date

import pytest

from okrs import clock
from okrs.cycles.actions import create_cycle
from okrs.objectives.actions import (
    add_key_result,
    create_objective,
    link_key_result,
    record_check_in,
)
from okrs.objectives.explanations import explain
from okrs.objectives.scorecards import scorecards_for
from tests.calendar import at_ten

MID_QUARTER = date(2027, 2, 15)


def assert_agrees(objective, scale: str) -> None:
    card = scorecards_for([objective], scale, clock.today())[objective.pk]
    why = explain(objective, scale, clock.today())
    assert why.progress == card.progress
    assert why.pace.expected == card.expected
    assert why.score.value == card.score
    assert why.score.label == card.score_label
    assert why.state.state == card.state
    assert why.state.status == card.status
    assert why.confidence == card.confidence
    assert why.achieved == card.achieved
    assert len(why.key_results) == len(card.key_results)
    for kr_why, kr_card in zip(why.key_results, card.key_results, strict=True):
        assert kr_why.title == kr_card.key_result.title
        assert kr_why.progress == kr_card.progress
        assert kr_why.score.value == kr_card.score
        assert kr_why.state.state == kr_card.state
        assert kr_why.state.status == kr_card.status


@pytest.fixture
def objectives(world, clock):
    """Objectives of every kind the explanation must agree on, mid-quarter."""
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    going = world.objective(title="Going")
    signatures, wait = going.key_results.order_by("position")
    record_check_in(signatures, 60000, 7, author=world.alice)
    record_check_in(wait, 6, 4, author=world.alice)

    child = world.objective(team=world.support, title="Child")
    record_check_in(child.key_results.first(), 40000, 6, author=world.bob)
    parent = world.objective(team=world.marketing, title="Parent")
    link_key_result(parent.key_results.first(), child)
    grandchild = world.objective(team=world.support, title="Grandchild")
    link_key_result(child.key_results.last(), grandchild)

    weighted = create_objective(world.quarter, "Weighted", team=world.growth, status="active")
    heavy = add_key_result(weighted, "Heavy", start=0, target=10, weight=3)
    add_key_result(weighted, "Light", start=0, target=10, weight=1, current=8)
    record_check_in(heavy, 6, 3, author=world.alice)

    moonshot = world.objective(title="Moonshot", ambition="moonshot")
    record_check_in(moonshot.key_results.first(), 50000, 8, author=world.alice)
    draft = world.objective(title="Draft", status="draft")
    record_check_in(draft.key_results.first(), 50000, 8, author=world.alice)
    fresh = world.objective(title="Not started")

    closed = create_cycle(world.org, "2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
    graded = world.objective(title="Graded", cycle=closed, grade=6.0)
    closed.state = "closed"
    closed.save(update_fields=["state"])
    return [going, child, parent, grandchild, weighted, moonshot, draft, fresh, graded]


@pytest.mark.parametrize("scale", ["0-10", "0-1"])
def test_explanation_equals_the_scorecard(world, objectives, scale):
    for objective in objectives:
        objective.refresh_from_db()
        assert_agrees(objective, scale)


def test_the_fixture_covers_every_rule_it_claims(world, objectives):
    states = {
        o.title: explain(o, world.org.score_scale, clock.today()).state.rule for o in objectives
    }
    assert states["Draft"] == "draft"
    assert states["Not started"] == "not-started"
    assert states["Graded"] == "closed-cycle"
    assert states["Weighted"] == "confidence"
    parent = next(o for o in objectives if o.title == "Parent")
    why = explain(parent, world.org.score_scale, clock.today())
    assert why.key_results[0].child.title == "Child"
    assert why.key_results[0].child.checked_in
    assert explain(objectives[-1], "0-10", clock.today()).score.graded
