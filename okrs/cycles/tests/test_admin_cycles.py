"""Cycles as admins run them: created, next quarter in one click, dates moved until the start."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from okrs.cadence.models import CadenceEvent
from okrs.cycles.actions import add_cycle, change_cycle_dates, create_next_quarter
from okrs.cycles.models import Cycle
from okrs.organizations.actions import create_organization
from okrs.organizations.models import AdministrativeChange


def history(organization):
    return list(AdministrativeChange.objects.of(organization).values_list("action", "summary"))


def test_adding_a_cycle_is_kept_in_the_history(world, q2):
    assert q2.state == "planning"
    change = AdministrativeChange.objects.of(world.org).get()
    assert change.actor == world.admin
    assert change.summary == "Quarter cycle 2027-Q2 created (1 Apr 2027 to 30 Jun 2027)"
    assert change.details == {"cycle": q2.pk}


def test_next_quarter_follows_the_latest_inside_its_year(world):
    quarter = create_next_quarter(world.org, by=world.admin)

    assert (quarter.name, quarter.start, quarter.end) == (
        "2027-Q2",
        date(2027, 4, 1),
        date(2027, 6, 30),
    )
    assert quarter.parent == world.annual
    assert quarter.state == "planning"


def test_next_quarter_after_q4_creates_the_next_year(world):
    add_cycle(
        world.org,
        "2027-Q4",
        date(2027, 10, 1),
        date(2027, 12, 31),
        parent=world.annual,
        by=world.admin,
    )

    quarter = create_next_quarter(world.org, by=world.admin)

    year = Cycle.objects.get(organization=world.org, name="2028")
    assert (year.kind, year.start, year.end) == ("annual", date(2028, 1, 1), date(2028, 12, 31))
    assert (quarter.name, quarter.parent) == ("2028-Q1", year)
    assert [action for action, _ in history(world.org)][:2] == ["cycle.created", "cycle.created"]


def test_next_quarter_of_an_organisation_without_cycles_is_this_quarter(db, clock):
    clock.move_to("2027-05-20 10:00")
    organization = create_organization("Initech", slug="initech")

    quarter = create_next_quarter(organization, by=None)

    assert (quarter.name, quarter.parent.name) == ("2027-Q2", "2027")


def test_next_quarter_whose_name_is_taken_is_refused(world):
    add_cycle(
        world.org, "2027-Q2", date(2027, 5, 1), date(2027, 5, 31), kind="multi-year", by=world.admin
    )
    count = Cycle.objects.count()

    with pytest.raises(ValidationError, match="A cycle named 2027-Q2 already exists"):
        create_next_quarter(world.org, by=world.admin)

    assert Cycle.objects.count() == count


def test_move_the_dates_of_a_cycle_that_has_not_started(world, q2):
    change_cycle_dates(q2, date(2027, 4, 5), date(2027, 7, 2), by=world.admin)

    stored = Cycle.objects.get(pk=q2.pk)
    assert (stored.start, stored.end) == (date(2027, 4, 5), date(2027, 7, 2))
    assert history(world.org)[0] == (
        "cycle.dates_changed",
        "Cycle 2027-Q2 now runs 5 Apr 2027 to 2 Jul 2027 (was 1 Apr 2027 to 30 Jun 2027)",
    )


def test_moving_the_dates_reschedules_the_cycles_events(world, q2):
    first = CadenceEvent.objects.filter(cycle=q2).order_by("starts_at").first().starts_at

    change_cycle_dates(q2, date(2027, 5, 3), date(2027, 7, 30), by=world.admin)

    moved = CadenceEvent.objects.filter(cycle=q2).order_by("starts_at").first().starts_at
    assert moved.date() > first.date()


def test_dates_of_a_cycle_that_started_are_refused_with_the_reason(world, clock, q2):
    clock.move_to("2027-04-02 10:00")

    with pytest.raises(ValidationError) as error:
        change_cycle_dates(q2, date(2027, 4, 5), date(2027, 7, 2), by=world.admin)

    assert error.value.message_dict == {
        "start": ["2027-Q2 started on 1 Apr 2027: its dates can no longer change."]
    }
    assert Cycle.objects.get(pk=q2.pk).start == date(2027, 4, 1)


def test_dates_of_an_active_cycle_are_refused(world):
    with pytest.raises(ValidationError, match="2027-Q1 is active"):
        change_cycle_dates(world.quarter, date(2027, 1, 2), date(2027, 3, 31), by=world.admin)


def test_new_dates_must_hold_the_cycles_inside(world):
    year = add_cycle(
        world.org, "2028", date(2028, 1, 1), date(2028, 12, 31), kind="annual", by=world.admin
    )
    add_cycle(
        world.org, "2028-Q1", date(2028, 1, 1), date(2028, 3, 31), parent=year, by=world.admin
    )

    with pytest.raises(ValidationError, match="2028-Q1 would no longer lie inside 2028"):
        change_cycle_dates(year, date(2028, 2, 1), date(2029, 1, 31), by=world.admin)


def test_new_dates_must_fit_the_parent(world, q2):
    with pytest.raises(ValidationError, match="inside 2027"):
        change_cycle_dates(q2, date(2027, 11, 1), date(2028, 1, 31), by=world.admin)


def test_new_dates_must_end_after_the_start(world, q2):
    with pytest.raises(ValidationError) as error:
        change_cycle_dates(q2, date(2027, 6, 1), date(2027, 5, 1), by=world.admin)

    assert error.value.message_dict == {"end": ["A cycle must end after it starts."]}
