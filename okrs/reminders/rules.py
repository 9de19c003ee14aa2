"""The cadence rules of check-in reminders, as pure functions of dates (no Django here)."""

from datetime import datetime, timedelta


def window_start(now: datetime, window_days: int) -> datetime:
    """Return the start of the check-in window that ends now."""
    return now - timedelta(days=window_days)


# A daily cron job may start a little earlier than the run it follows; it still counts as a
# full window later, so people are reminded on the day the window ends, not the day after.
REPEAT_GRACE = timedelta(hours=1)


def reminded_within(last_reminder: datetime | None, now: datetime, window_days: int) -> bool:
    """Return whether a reminder went out within the window, so another would be a repeat."""
    if last_reminder is None:
        return False
    return now - last_reminder < timedelta(days=window_days) - REPEAT_GRACE


def days_since(moment: datetime | None, now: datetime) -> int | None:
    """Return the whole days from the moment to now; None when there was no such moment."""
    if moment is None:
        return None
    return max(0, (now - moment).days)


def since_label(days: int | None) -> str:
    """Return how long ago the last check-in was: 'never', 'today', '1 day ago', '23 days ago'."""
    if days is None:
        return "never"
    if days == 0:
        return "today"
    return f"{count_label(days, 'day')} ago"


def count_label(count: int, noun: str) -> str:
    """Return the count with its noun, in the plural unless the count is one."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
