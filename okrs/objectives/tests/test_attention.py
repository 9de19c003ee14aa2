"""The radar's read: open cycles only, linked work judged through its child, in fixed queries."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from okrs.cycles.actions import create_cycle, set_cycle_state
from okrs.domain.attention import Reason, attention_reasons
from okrs.objectives.actions import (
    add_key_result,
    create_objective,
    link_key_result,
    record_check_in,
)
from okrs.objectives.attention import needs_attention, running_cycles
from okrs.objectives.tree import alignment_tree

NOW = datetime(2027, 2, 9, 10, 0, tzinfo=UTC)  # 39 days into 2027-Q1


@pytest.fixture
def on_the_day(world, clock):
    """Move to 9 February 2027, when world's 2027 and 2027-Q1 are both open."""
    clock.move_to(NOW, tick=False)
    return world


def checked(objective, title, value, confidence=7, days=1, target=100):
    """Add a key result (0 to target) with one check-in that many days before NOW."""
    key_result = add_key_result(objective, title, start=0, target=target)
    record_check_in(key_result, value, confidence, at=NOW - timedelta(days=days))
    return key_result


def reasons_by_title(radar) -> dict[str, tuple]:
    return {item.title: item.reasons for item in radar.items}


def test_only_cycles_open_today_are_read(on_the_day):
    world = on_the_day
    later = create_cycle(world.org, "2027-Q2", date(2027, 4, 1), date(2027, 6, 30), state="active")
    over = create_cycle(world.org, "2026-Q4", date(2026, 10, 1), date(2026, 12, 31), state="active")
    set_cycle_state(over, "closed")
    planning = create_cycle(world.org, "Sprint", date(2027, 1, 20), date(2027, 2, 28))
    assert {c.name for c in running_cycles([later, over, planning, world.quarter], NOW.date())} == {
        "Sprint",
        "2027-Q1",
    }
    for cycle in (later, over, planning):
        create_objective(cycle, f"Work in {cycle.name}", team=world.growth, status="active")
    radar = needs_attention(world.org)
    assert {c.name for c in radar.cycles} == {"2027", "2027-Q1", "Sprint"}
    # Without a key result, nothing was checked in for the 20 days Sprint has run.
    assert reasons_by_title(radar) == {"Work in Sprint": (Reason.STALE,)}


def test_never_checked_in_is_stale_once_the_cycle_ran_longer_than_the_window(on_the_day):
    world = on_the_day
    quiet = create_objective(world.quarter, "Quiet", team=world.growth, status="active")
    add_key_result(quiet, "Never checked in", start=0, target=10)
    radar = needs_attention(world.org)
    assert reasons_by_title(radar) == {
        "Quiet": (Reason.STALE,),
        "Never checked in": (Reason.STALE,),
    }
    assert radar.items[0].last_check_in is None and radar.items[0].window_days == 14
    young = needs_attention(world.org, now=datetime(2027, 1, 14, 10, 0, tzinfo=UTC))
    assert young.items == []


def test_a_key_result_that_reached_its_target_is_done_and_never_stale(on_the_day):
    world = on_the_day
    made = create_objective(world.quarter, "Reached", team=world.growth, status="active")
    checked(made, "Done long ago", 100, days=30)
    checked(made, "On pace", 60)
    assert needs_attention(world.org).items == []


def test_linked_work_is_judged_through_its_child(on_the_day):
    world = on_the_day
    company = create_objective(world.annual, "Clean water", team=world.company, status="active")
    child = create_objective(world.quarter, "Win towns", team=world.growth, status="active")
    checked(child, "Sign towns", 60, days=2)
    link_key_result(add_key_result(company, "Through Growth", type="binary"), child)
    radar = needs_attention(world.org)
    # The company objective is on pace through its child and checked in through it 2 days ago.
    assert radar.items == []
    checked(child, "Open offices", 60, days=20)
    radar = needs_attention(world.org)
    assert reasons_by_title(radar) == {"Open offices": (Reason.STALE,)}
    assert radar.objective_ids() == {child.pk}


def test_a_team_keeps_its_own_window(on_the_day):
    world = on_the_day
    made = create_objective(world.quarter, "Weekly", team=world.growth, status="active")
    checked(made, "Ten days ago", 60, days=10)
    assert needs_attention(world.org).items == []
    weekly = needs_attention(world.org, window_of=lambda team_id: 7)
    assert reasons_by_title(weekly) == {"Weekly": (Reason.STALE,), "Ten days ago": (Reason.STALE,)}


def test_the_worst_come_first_objectives_before_their_key_results(on_the_day):
    world = on_the_day
    behind = create_objective(world.quarter, "Behind", team=world.support, status="active")
    checked(behind, "Barely moved", 5)
    unsure = create_objective(world.quarter, "Unsure", team=world.growth, status="active")
    checked(unsure, "On pace, unsure", 60, confidence=2)
    titles = [item.title for item in needs_attention(world.org).items]
    assert titles == ["Behind", "Barely moved", "Unsure", "On pace, unsure"]


def test_the_radar_reads_in_fixed_queries(on_the_day):
    world = on_the_day
    parent = create_objective(world.annual, "Parent", team=world.company, status="active")
    with CaptureQueriesContext(connection) as few:
        needs_attention(world.org)
    for n in range(6):
        made = create_objective(world.quarter, f"More {n}", team=world.growth, status="active")
        checked(made, f"More KR {n}", 10 * n, days=n * 5)
        link_key_result(add_key_result(parent, f"Through {n}", type="binary"), made)
    with CaptureQueriesContext(connection) as many:
        radar = needs_attention(world.org)
    assert len(radar.items) > 3
    # The organisation's cycles, the objectives, their key results.
    assert len(few) == len(many) == 3


def test_the_radar_judges_every_state_as_the_tree_shows_it(on_the_day):
    world = on_the_day
    company = create_objective(world.annual, "Clean water", team=world.company, status="active")
    checked(company, "Members", 8, confidence=6, days=2)
    growth = create_objective(world.quarter, "Win towns", team=world.growth, status="active")
    checked(growth, "Sign towns", 30, days=3)
    checked(growth, "Unsure towns", 60, confidence=3, days=5)
    link_key_result(add_key_result(company, "Through Growth", type="binary"), growth)
    done_child = create_objective(world.quarter, "Done early", team=world.support, status="active")
    checked(done_child, "Finished", 100, days=30)
    link_key_result(add_key_result(growth, "Through Support", type="binary"), done_child)
    bound = create_objective(world.quarter, "Keep it up", team=world.marketing, status="active")
    kept = add_key_result(bound, "Uptime above 99", start=95, target=99, direction="stay-above")
    record_check_in(kept, 99.5, 8, at=NOW - timedelta(days=16))
    falling = add_key_result(bound, "Cut waits from 9 to 3", start=9, target=3)
    record_check_in(falling, 8, 7, at=NOW - timedelta(days=1))
    create_objective(world.quarter, "Draft", team=world.growth)
    cycles = [world.quarter, world.annual]
    cards = alignment_tree(world.org, world.quarter, cycles, NOW.date()).cards
    expected = set()
    for card in cards.values():
        objective, start = card.objective, card.objective.cycle.start
        judged = [(objective.title, card.state, None, card.confidence)]
        judged += [
            (kr.key_result.title, kr.state, kr.key_result.checked_in_at, kr.key_result.confidence)
            for kr in card.key_results
            if not kr.key_result.linked_objective_id
        ]
        for title, state, last, confidence in judged:
            if last is None and title == objective.title:
                moments = [kr.key_result.checked_in_at for kr in card.key_results]
                last = max((m for m in moments if m), default=None)
            reasons = attention_reasons(state, last, start, NOW, 14, confidence)
            if title == objective.title and card.progress >= 1:
                reasons = tuple(r for r in reasons if r != Reason.STALE)
            if reasons:
                expected.add((title, state, reasons))
    radar = needs_attention(world.org)
    assert {(item.title, item.state, item.reasons) for item in radar.items} == expected
    titles = {title for title, _, _ in expected}
    assert "Done early" not in titles and "Finished" not in titles  # reached: nothing to check
    assert {"Uptime above 99", "Unsure towns", "Cut waits from 9 to 3"} <= titles
