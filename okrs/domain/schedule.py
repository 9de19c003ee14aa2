"""When scheduled jobs are due: fixed slots of time, and a weekly moment (no Django here)."""

from datetime import UTC, date, datetime, time, timedelta

EPOCH = datetime(2000, 1, 3, tzinfo=UTC)  # a Monday at midnight: daily and weekly slots align


def slot_start(now: datetime, every: timedelta) -> datetime:
    """Return the start of the slot of length `every` that holds the moment."""
    if every <= timedelta(0):
        raise ValueError(f"a schedule runs every positive duration, not every {every}")
    return EPOCH + ((now - EPOCH) // every) * every


def next_slot(now: datetime, every: timedelta) -> datetime:
    """Return the start of the slot after the one that holds the moment."""
    return slot_start(now, every) + every


def latest_weekly_moment(local_now: datetime, weekday: int, at: time) -> datetime:
    """Return the latest weekday-at-time, in the moment's own time zone, not after the moment."""
    day: date = local_now.date() - timedelta(days=(local_now.weekday() - weekday) % 7)
    moment = datetime.combine(day, at, tzinfo=local_now.tzinfo)
    return moment if moment <= local_now else moment - timedelta(days=7)
