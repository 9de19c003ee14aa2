"""Calendar quarters and years: which quarter a day falls in, the next one, and the first cycles."""

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


def quarter_named(day: date) -> tuple[str, date, date]:
    """Return the name, start and end of the quarter the day falls in."""
    year, quarter = quarter_of(day)
    start, end = quarter_bounds(year, quarter)
    return f"{year}-Q{quarter}", start, end


def next_quarter(after: date) -> tuple[str, date, date]:
    """Return the name, start and end of the quarter that starts after the day's quarter."""
    year, quarter = quarter_of(after)
    year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    start, end = quarter_bounds(year, quarter)
    return f"{year}-Q{quarter}", start, end


def this_year_and_quarter(day: date) -> tuple[Span, Span]:
    """Return the calendar year and the quarter the day falls in, named as okrs names cycles."""
    year, quarter = quarter_of(day)
    start, end = quarter_bounds(year, quarter)
    return Span(str(year), date(year, 1, 1), date(year, 12, 31)), Span(
        f"{year}-Q{quarter}", start, end
    )
