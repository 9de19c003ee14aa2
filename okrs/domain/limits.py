"""Bounds every date and number okrs accepts, from the web, the API and files alike."""

import math
from datetime import date

DATE_MIN = date(1970, 1, 1)
DATE_MAX = date(2200, 12, 31)
NUMBER_LIMIT = 1e15


def date_in_range(value: date) -> bool:
    """Return whether a cycle date lies within DATE_MIN..DATE_MAX."""
    return DATE_MIN <= value <= DATE_MAX


def date_range_error(value: date) -> str | None:
    """Return why a cycle date is refused, or None when it lies within the range."""
    if date_in_range(value):
        return None
    return f"{value.isoformat()} is outside {DATE_MIN.isoformat()}..{DATE_MAX.isoformat()}"


def number_in_range(value: float) -> bool:
    """Return whether a number is finite and within +-NUMBER_LIMIT."""
    return math.isfinite(value) and abs(value) <= NUMBER_LIMIT


def number_range_error(value: float) -> str | None:
    """Return why a number is refused, or None when it is finite and within the limit."""
    if number_in_range(value):
        return None
    if not math.isfinite(value):
        return f"{value} is not a finite number"
    return f"{value:g} is beyond the limit of {NUMBER_LIMIT:g} (either sign)"
