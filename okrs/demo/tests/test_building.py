"""Building the demo: deterministic for a date, right on any date, and only once."""

from datetime import date

import pytest
from django.db import transaction
from django.db.models import Count, Max

from okrs.cycles.models import Cycle
from okrs.demo.loader import DemoAlreadyLoaded, load_demo
from okrs.objectives.models import CheckIn, KeyResult, Objective
from okrs.organizations.actions import add_person, create_organization
from okrs.organizations.models import Organization

pytestmark = pytest.mark.walk  # a whole-organisation walk: make test runs it, test-fast not


def history(organization):
    """Return what a person sees of the demo's OKRs, without database ids."""
    key_results = KeyResult.objects.of(organization).order_by("objective__title", "position")
    check_ins = CheckIn.objects.of(organization).order_by("key_result__title", "checked_in_at")
    return (
        [(kr.objective.title, kr.title, kr.current, kr.confidence, kr.grade) for kr in key_results],
        [
            (
                c.key_result.title,
                c.value,
                c.confidence,
                c.checked_in_at,
                c.author.email,
                c.plans_note,
            )
            for c in check_ins.select_related("key_result", "author")
        ],
    )


def test_the_same_day_builds_the_same_demo(db):
    on = date(2026, 8, 12)
    with transaction.atomic():
        first = history(load_demo(on))
        transaction.set_rollback(True)
    second = history(load_demo(on))
    assert first == second
    assert len(first[1]) > 500


def test_another_day_moves_the_history_on(db):
    with transaction.atomic():
        earlier = history(load_demo(date(2026, 5, 6)))
        transaction.set_rollback(True)
    later = history(load_demo(date(2026, 5, 20)))
    assert len(later[1]) > len(earlier[1])
    assert earlier[1][0] in later[1]


@pytest.mark.parametrize(
    ("today", "previous", "annual_parent"),
    [(date(2027, 1, 4), "2026-Q4", False), (date(2026, 12, 30), "2026-Q3", True)],
)
def test_demo_builds_at_either_end_of_the_year(db, today, previous, annual_parent):
    organization = load_demo(today)
    cycles = {cycle.name: cycle for cycle in Cycle.objects.of(organization)}
    year, quarter = str(today.year), f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    assert set(cycles) == {year, previous, quarter}
    assert cycles[previous].state == Cycle.State.CLOSED
    assert cycles[quarter].state == cycles[year].state == Cycle.State.ACTIVE
    assert cycles[quarter].parent == cycles[year]
    assert (cycles[previous].parent == cycles[year]) is annual_parent
    closed = KeyResult.objects.filter(objective__cycle=cycles[previous])
    assert all(kr.n >= 10 for kr in closed.annotate(n=Count("check_ins")))
    assert all(kr.grade is not None for kr in closed)
    newest = CheckIn.objects.of(organization).aggregate(Max("checked_in_at"))
    assert newest["checked_in_at__max"].date() < today
    assert Objective.objects.of(organization).filter(cycle=cycles[quarter]).count() == 9


def test_load_demo_refuses_a_second_demo(db):
    load_demo(date(2026, 2, 10))
    with pytest.raises(DemoAlreadyLoaded, match="slug “demo” already exists"):
        load_demo(date(2026, 2, 10))
    assert Organization.objects.count() == 1


def test_load_demo_refuses_when_a_demo_email_is_taken_and_leaves_nothing_behind(db):
    other = create_organization("Acme Water", slug="acme")
    add_person(other, "alice@example.com", "Alice Elsewhere")
    with pytest.raises(DemoAlreadyLoaded, match="alice@example.com"):
        load_demo(date(2026, 2, 10))
    assert list(Organization.objects.values_list("slug", flat=True)) == ["acme"]
