"""Cycles: their dates, their place inside a parent cycle and the one shown by default."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from okrs.cycles.actions import create_cycle, rename_cycle, set_cycle_state
from okrs.cycles.models import Cycle, pick_current
from okrs.organizations.actions import create_organization


def current_cycle(organization, on):
    """Return the cycle the pages show by default on the day, from the cycles as they load them."""
    return pick_current(list(Cycle.objects.of(organization)), on)


def test_create_cycle_stores_its_dates_and_parent(world):
    cycle = create_cycle(
        world.org, "2027-Q2", date(2027, 4, 1), date(2027, 6, 30), parent=world.annual
    )

    stored = Cycle.objects.get(pk=cycle.pk)
    assert (stored.start, stored.end) == (date(2027, 4, 1), date(2027, 6, 30))
    assert stored.parent == world.annual
    assert stored.kind == "quarter"
    assert stored.state == "planning"


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param(date(2027, 6, 30), date(2027, 4, 1), id="end-before-start"),
        pytest.param(date(2027, 4, 1), date(2027, 4, 1), id="end-on-start"),
    ],
)
def test_create_cycle_refuses_an_end_not_after_the_start(world, start, end):
    with pytest.raises(ValidationError) as error:
        create_cycle(world.org, "Broken", start, end)

    assert "end" in error.value.message_dict
    assert not Cycle.objects.filter(name="Broken").exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param(date(2026, 12, 1), date(2027, 2, 28), id="starts-before-parent"),
        pytest.param(date(2027, 11, 1), date(2028, 1, 31), id="ends-after-parent"),
        pytest.param(date(2028, 1, 1), date(2028, 3, 31), id="wholly-outside-parent"),
    ],
)
def test_create_cycle_refuses_a_quarter_outside_its_parent(world, start, end):
    with pytest.raises(ValidationError) as error:
        create_cycle(world.org, "Outside", start, end, parent=world.annual)

    assert "parent" in error.value.message_dict
    assert not Cycle.objects.filter(name="Outside").exists()


def test_create_cycle_refuses_a_parent_of_another_organization(world, other_world):
    with pytest.raises(ValidationError):
        create_cycle(
            world.org, "2027-Q2", date(2027, 4, 1), date(2027, 6, 30), parent=other_world["cycle"]
        )

    assert not Cycle.objects.filter(name="2027-Q2").exists()


def test_current_cycle_picks_the_active_quarter_over_the_annual_cycle(world):
    assert current_cycle(world.org, date(2027, 2, 15)) == world.quarter


def test_current_cycle_falls_back_to_the_annual_cycle_once_the_quarter_closed(world):
    set_cycle_state(world.quarter, Cycle.State.CLOSED)

    assert current_cycle(world.org, date(2027, 2, 15)) == world.annual


def test_current_cycle_picks_the_annual_cycle_after_the_quarter_ended(world):
    assert current_cycle(world.org, date(2027, 5, 10)) == world.annual


def test_current_cycle_is_none_without_cycles(db):
    assert current_cycle(create_organization("Empty Co"), date(2027, 2, 15)) is None


def test_set_cycle_state_refuses_an_unknown_state(world):
    with pytest.raises(ValidationError):
        set_cycle_state(world.quarter, "finished")

    assert Cycle.objects.get(pk=world.quarter.pk).state == "active"


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        pytest.param(date(9999, 10, 1), date(9999, 12, 31), "start", id="year-9999"),
        pytest.param(date(2200, 10, 1), date(2201, 1, 1), "end", id="ends-after-2200"),
        pytest.param(date(1969, 12, 31), date(1970, 3, 31), "start", id="starts-before-1970"),
        pytest.param(date(1, 1, 1), date(1, 3, 31), "start", id="year-1"),
    ],
)
def test_create_cycle_refuses_dates_outside_1970_to_2200(world, start, end, field):
    with pytest.raises(ValidationError) as error:
        create_cycle(world.org, "Far away", start, end)

    refused = start if field == "start" else end
    assert error.value.message_dict[field] == [
        f"A cycle's dates must lie within 1970-01-01..2200-12-31; {refused} does not."
    ]
    assert not Cycle.objects.filter(name="Far away").exists()


def test_create_cycle_accepts_each_end_of_the_range(world):
    first = create_cycle(world.org, "1970-Q1", date(1970, 1, 1), date(1970, 3, 31))
    last = create_cycle(world.org, "2200-Q4", date(2200, 10, 1), date(2200, 12, 31))

    assert (first.start, last.end) == (date(1970, 1, 1), date(2200, 12, 31))


def test_rename_cycle_refuses_a_name_another_cycle_has(world):
    with pytest.raises(ValidationError) as error:
        rename_cycle(world.quarter, "2027")

    assert error.value.message_dict == {"name": ["A cycle named 2027 already exists."]}
    assert Cycle.objects.get(pk=world.quarter.pk).name == "2027-Q1"


def test_rename_cycle_keeps_or_changes_its_own_name(world):
    assert rename_cycle(world.quarter, "2027-Q1").name == "2027-Q1"
    assert Cycle.objects.get(pk=rename_cycle(world.quarter, "Winter 2027").pk).name == "Winter 2027"


def test_create_cycle_refuses_a_name_in_use(world):
    with pytest.raises(ValidationError) as error:
        create_cycle(world.org, "2027-Q1", date(2027, 4, 1), date(2027, 6, 30))

    assert error.value.message_dict == {"name": ["A cycle named 2027-Q1 already exists."]}
