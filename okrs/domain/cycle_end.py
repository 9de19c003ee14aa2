"""The end of a cycle: when sharing an evaluation or closing the cycle comes early.

A team evaluates in the cycle's last week, when the numbers have nearly settled; the cycle closes on
or after its end date. Doing either sooner is allowed, but only once the person has been told what
it does and has confirmed.
"""

from datetime import date, timedelta

LAST_WEEK = timedelta(days=6)  # the end date and the six days before it


def last_week_starts(end: date) -> date:
    """Return the first day of the cycle's last week."""
    return end - LAST_WEEK


def days_left(end: date, on: date) -> int:
    """Return the days from the day to the cycle's end date, none once it has passed."""
    return max(0, (end - on).days)


def is_early_share(end: date, on: date) -> bool:
    """Return whether sharing an evaluation on the day comes before the cycle's last week."""
    return on < last_week_starts(end)


def is_early_close(end: date, on: date) -> bool:
    """Return whether closing the cycle on the day comes before its end date."""
    return on < end
