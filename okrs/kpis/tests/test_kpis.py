"""KPIs: health metrics with a healthy range, kept apart from OKRs."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from okrs.kpis.actions import create_kpi, record_measurement


@pytest.mark.parametrize(
    ("lower", "upper", "value", "healthy"),
    [
        (98, None, 99.5, True),
        (98, None, 98, True),
        (98, None, 97.9, False),
        (None, 5, 5, True),
        (None, 5, 6, False),
        (10, 20, 15, True),
        (10, 20, 9, False),
        (10, 20, 21, False),
    ],
)
def test_kpi_is_healthy_inside_its_range(world, lower, upper, value, healthy):
    kpi = create_kpi(world.support, "Water quality tests passed", lower, upper, unit="%")
    record_measurement(kpi, value)
    kpi.refresh_from_db()
    assert kpi.is_healthy() is healthy


def test_kpi_without_measurement_has_no_health(world):
    assert create_kpi(world.support, "Donor churn", upper_bound=5).is_healthy() is None


def test_kpi_needs_a_bound(world):
    with pytest.raises(ValidationError, match="lower or an upper bound"):
        create_kpi(world.support, "Mood")


def test_kpi_refuses_an_upper_bound_below_the_lower(world):
    with pytest.raises(ValidationError, match="upper bound"):
        create_kpi(world.support, "Mood", lower_bound=8, upper_bound=3)


def test_latest_measurement_wins_even_when_an_older_one_arrives_late(world):
    kpi = create_kpi(world.support, "Donor churn", upper_bound=5, unit="%")
    record_measurement(kpi, 4, at=datetime(2027, 2, 1, tzinfo=UTC))
    record_measurement(kpi, 9, at=datetime(2027, 1, 1, tzinfo=UTC))
    kpi.refresh_from_db()
    assert kpi.latest_value == 4
    assert kpi.measurements.count() == 2
