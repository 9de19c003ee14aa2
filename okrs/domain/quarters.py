"""Calendar quarters and years: the first cycles an organisation starts with."""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Span:
    """A named stretch of the calendar, both ends included."""

    name: str
    start: date
    end: date


def quarter_of(day: date) -> tuple[int, int]:
    """Return the year and quarter (1-4) of the day."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """Return the first and last day of the quarter."""
    start = date(year, 3 * quarter - 2, 1)
    after = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, after - timedelta(days=1)


def this_year_and_quarter(day: date) -> tuple[Span, Span]:
    """Return the calendar year and the quarter the day falls in, named as okrs names cycles."""
    year, quarter = quarter_of(day)
    start, end = quarter_bounds(year, quarter)
    return Span(str(year), date(year, 1, 1), date(year, 12, 31)), Span(
        f"{year}-Q{quarter}", start, end
    )
