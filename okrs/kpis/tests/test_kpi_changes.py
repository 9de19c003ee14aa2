"""KPIs as teams keep them: created, changed and archived, each change kept in the history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils.timezone import localtime

from okrs.kpis.actions import (
    add_kpi,
    archive_kpi,
    create_kpi,
    measurement_time,
    record_measurement,
    unarchive_kpi,
    update_kpi,
)
from okrs.kpis.models import KPI
from okrs.organizations.actions import archive_team
from okrs.organizations.models import AdministrativeChange


def summaries(world):
    return list(AdministrativeChange.objects.of(world.org).values_list("summary", flat=True))


def test_adding_a_kpi_is_kept_in_the_history(world):
    kpi = add_kpi(world.growth, "Donor churn", upper_bound=5, unit="%", by=world.alice)

    change = AdministrativeChange.objects.of(world.org).get()
    assert (change.action, change.actor, change.team) == ("kpi.created", world.alice, world.growth)
    assert change.summary == "KPI Donor churn of Growth created (healthy: at most 5)"
    assert change.details == {"kpi": kpi.pk}


def test_changing_the_healthy_range_says_what_it_was(world):
    kpi = create_kpi(world.growth, "Donor churn", upper_bound=5, unit="%")

    update_kpi(kpi, lower_bound=1, upper_bound=4, by=world.alice)

    assert summaries(world) == [
        "KPI Donor churn of Growth changed: lower bound, upper bound "
        "(healthy: 1 to 4, was at most 5)"
    ]


def test_an_unchanged_kpi_leaves_no_history(world):
    kpi = create_kpi(world.growth, "Donor churn", upper_bound=5)

    update_kpi(kpi, name="Donor churn", upper_bound=5, by=world.alice)

    assert summaries(world) == []


def test_archive_keeps_the_readings_and_refuses_new_ones(world):
    kpi = create_kpi(world.growth, "Donor churn", upper_bound=5)
    record_measurement(kpi, 4)

    archive_kpi(kpi, by=world.admin)

    with pytest.raises(ValidationError, match="archived: it takes no new readings"):
        record_measurement(kpi, 3)
    kpi.refresh_from_db()
    assert kpi.archived_at is not None
    assert list(kpi.measurements.values_list("value", flat=True)) == [4]
    assert summaries(world) == ["KPI Donor churn of Growth archived"]


def test_unarchive_takes_readings_again(world):
    kpi = create_kpi(world.growth, "Donor churn", upper_bound=5)
    archive_kpi(kpi, by=world.admin)

    unarchive_kpi(kpi, by=world.admin)
    record_measurement(kpi, 3)

    assert KPI.objects.get(pk=kpi.pk).latest_value == 3
    assert summaries(world)[0] == "KPI Donor churn of Growth unarchived"


def test_an_archived_team_takes_no_new_kpi(world):
    archive_team(world.support)

    with pytest.raises(ValidationError, match="Support is archived"):
        create_kpi(world.support, "Tickets", upper_bound=40)


def test_a_reading_entered_for_today_is_now_and_for_another_day_noon(world):
    assert localtime(measurement_time(date(2026, 12, 7))).hour == 10
    assert localtime(measurement_time(date(2026, 12, 1))).hour == 12
