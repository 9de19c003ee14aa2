"""Fixtures of the health tests: crafted cycles whose figures are known exactly."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from okrs.cycles.actions import create_cycle
from okrs.objectives.actions import add_key_result, align, create_objective, record_check_in
from okrs.objectives.models import KeyResult
from okrs.organizations.actions import add_person, join_team
from okrs.organizations.models import Role

NOW = datetime(2027, 2, 12, 12, 0, tzinfo=UTC)
SCORES = {"focus": 4, "alignment": 3, "commitment": 5, "tracking": 2, "stretching": 4}


def at(month: int, day: int, year: int = 2027) -> datetime:
    """Return noon UTC of the day."""
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


def key_results(objective) -> list[KeyResult]:
    """Return the objective's key results in order."""
    return list(objective.key_results.order_by("position", "pk"))


@pytest.fixture
def built(world):
    """Return the 2027-Q1 objectives of every level, built well and badly, by name."""
    made = {}
    made["C1"] = world.objective(world.company, "Make clean water a right everyone enjoys")
    made["M1"] = world.objective(world.marketing, "Become the voice of clean water")
    add_key_result(made["M1"], "Increase donations from 10 to 50", start=10, target=50)
    made["G1"] = world.objective(world.growth)
    made["G2"] = create_objective(
        world.quarter, "Win new towns", team=world.growth, status="active"
    )
    add_key_result(made["G2"], "Launch the onboarding module", type="binary", kind="output")
    made["S1"] = create_objective(
        world.quarter, "Delight every caller", team=world.support, status="active"
    )
    for title, start, target, kind in [
        ("Increase CSAT from 70 to 90", 70, 90, "outcome"),
        ("Hold 4 customer workshops", 0, 4, "input"),
        ("Reduce the backlog from 200 to 50 tickets", 200, 50, "output"),
        ("Cut first reply time from 8 to 2 hours", 8, 2, "outcome"),
        ("Raise NPS from 20 to 40", 20, 40, "outcome"),
        ("Lower churn from 5% to 3%", 5, 3, "outcome"),
    ]:
        add_key_result(made["S1"], title, start=start, target=target, kind=kind)
    made["solo"] = create_objective(
        world.quarter, "Become a better writer", owner=world.bob, status="active"
    )
    add_key_result(made["solo"], "Grow readers from 10 to 100", start=10, target=100)
    add_key_result(made["solo"], "Raise replies from 1 to 5 a week", start=1, target=5)
    align(made["M1"], made["C1"])
    align(made["G1"], made["M1"])
    align(made["S1"], made["M1"])
    draft = create_objective(world.quarter, "A draft", team=world.growth)
    add_key_result(draft, "Launch a draft thing", type="binary")
    dropped = create_objective(world.quarter, "Dropped", team=world.support, status="abandoned")
    add_key_result(dropped, "Launch a dropped thing", type="binary")
    return made


@pytest.fixture
def rhythm(world):
    """Return 2027-Q1 objectives whose check-ins, judged at NOW, are known exactly."""
    made = {}
    made["G1"] = world.objective(world.growth)
    a, b = key_results(made["G1"])
    record_check_in(a, 30000, 6, at=at(1, 5))
    record_check_in(a, 40000, 7, at=at(1, 20))
    record_check_in(a, 50000, 8, at=at(2, 5))
    record_check_in(b, 8, 4, at=at(1, 5))
    record_check_in(b, 7, 2, at=at(2, 20))
    made["S1"] = world.objective(world.support)
    c, d = key_results(made["S1"])
    record_check_in(c, 30000, 5, at=at(2, 10))
    KeyResult.objects.filter(pk=d.pk).update(created_at=at(2, 1))
    made["M1"] = world.objective(world.marketing, status="achieved")
    record_check_in(key_results(made["M1"])[0], 90000, 9, at=at(1, 16))
    made["C1"] = world.objective(world.company)
    draft = world.objective(world.support, "A draft", status="draft")
    record_check_in(key_results(draft)[0], 1, 1, at=at(1, 10))
    return made


@pytest.fixture
def running(world):
    """Return a cycle around today with a checked-in objective per team, for the pages."""
    today = timezone.localdate()
    cycle = create_cycle(
        world.org, "Now", today - timedelta(days=45), today + timedelta(days=45), state="active"
    )
    for team in (world.growth, world.support):
        objective = world.objective(team, f"{team.name} serves more towns", cycle=cycle)
        record_check_in(key_results(objective)[0], 30000, 7, at=timezone.now() - timedelta(days=3))
    return cycle


@pytest.fixture
def growth_team(world):
    """Return Growth's members: Alice (lead), Carol and Dave."""
    people = [world.alice]
    for email, name in [("carol@acme.test", "Carol Poe"), ("dave@acme.test", "Dave Moe")]:
        person = add_person(world.org, email, name, Role.MEMBER, "correct-horse-battery")
        join_team(person, world.growth)
        people.append(person)
    return people


def first_of(month: int, year: int = 2027) -> date:
    """Return the first day of the month."""
    return date(year, month, 1)
