"""The days okrs supports (1970-01-01..2200-12-31), checked where people type a day."""

from datetime import date

from django.core.exceptions import ValidationError

from okrs.domain.limits import DATE_MAX, DATE_MIN, date_in_range


def validate_supported_day(day: date) -> None:
    """Refuse a day outside the range every cycle, event and review lies within."""
    if day is not None and not date_in_range(day):
        raise ValidationError(f"Choose a day within {DATE_MIN}..{DATE_MAX}; {day} is not.")
