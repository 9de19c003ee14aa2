"""Mean confidence per week: the same weeks on SQLite (hours folded in Python) and PostgreSQL."""

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from okrs.objectives.actions import record_check_in
from okrs.objectives.aggregates import confidence_by_week

# (UTC moment, confidence): Sunday night UTC is already Monday in Berlin and Kolkata.
CHECK_INS = [
    (datetime(2027, 1, 4, 9, 0, tzinfo=UTC), 4),
    (datetime(2027, 1, 10, 23, 30, tzinfo=UTC), 8),
    (datetime(2027, 1, 11, 0, 10, tzinfo=UTC), 5),
    (datetime(2027, 1, 17, 18, 45, tzinfo=UTC), 7),
    (datetime(2027, 3, 28, 22, 15, tzinfo=UTC), 6),
]


def expected_weeks(zone: str) -> list[tuple[date, float, int]]:
    """Return each local week's Monday, mean confidence and number of check-ins."""
    weeks: dict[date, list[int]] = {}
    with timezone.override(zone):
        for at, confidence in CHECK_INS:
            day = timezone.localtime(at).date()
            weeks.setdefault(date.fromordinal(day.toordinal() - day.weekday()), []).append(
                confidence
            )
    return [(week, sum(c) / len(c), len(c)) for week, c in sorted(weeks.items())]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"])
def test_check_ins_fall_into_their_local_week(world, zone):
    kr = world.objective().key_results.first()
    for n, (at, confidence) in enumerate(CHECK_INS):
        record_check_in(kr, 1000 + n, confidence, at=at)
    with timezone.override(zone):
        weeks = confidence_by_week(world.quarter)
        found = [
            (timezone.localtime(row["week"]).date(), row["confidence"], row["check_ins"])
            for row in weeks
        ]
        assert all(timezone.localtime(row["week"]).hour == 0 for row in weeks)
    assert found == expected_weeks(zone)
