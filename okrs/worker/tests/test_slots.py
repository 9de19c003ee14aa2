"""The schedule's arithmetic: fixed slots, and a team's weekly check-in moment."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from okrs.domain.schedule import latest_weekly_moment, next_slot, slot_start


def test_a_slot_starts_on_the_whole_period_that_holds_the_moment():
    now = datetime(2027, 2, 16, 10, 7, 42, tzinfo=UTC)
    assert slot_start(now, timedelta(minutes=15)) == datetime(2027, 2, 16, 10, 0, tzinfo=UTC)
    assert slot_start(now, timedelta(seconds=5)) == datetime(2027, 2, 16, 10, 7, 40, tzinfo=UTC)
    assert next_slot(now, timedelta(days=1)) == datetime(2027, 2, 17, tzinfo=UTC)


def test_a_schedule_must_run_every_positive_duration():
    with pytest.raises(ValueError, match="every positive duration"):
        slot_start(datetime(2027, 2, 16, tzinfo=UTC), timedelta(0))


def test_the_weekly_moment_is_this_weeks_once_it_has_passed_else_last_weeks():
    paris = ZoneInfo("Europe/Paris")
    tuesday_ten = datetime(2027, 2, 16, 10, 0, tzinfo=paris)
    assert latest_weekly_moment(tuesday_ten, 1, time(10, 0)) == tuesday_ten
    just_before = tuesday_ten - timedelta(minutes=1)
    assert latest_weekly_moment(just_before, 1, time(10, 0)) == tuesday_ten - timedelta(days=7)
    friday = datetime(2027, 2, 19, 8, 0, tzinfo=paris)
    assert latest_weekly_moment(friday, 1, time(10, 0)) == tuesday_ten
