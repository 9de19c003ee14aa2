"""Quarters: the next one after a day across a year's end, and a new organisation's first cycles."""

from datetime import date

import pytest

from okrs.domain.profiles import PROFILES, explain
from okrs.domain.quarters import next_quarter, quarter_bounds, this_year_and_quarter


def test_next_quarter_after_the_end_of_q1():
    assert next_quarter(date(2027, 3, 31)) == ("2027-Q2", date(2027, 4, 1), date(2027, 6, 30))


def test_next_quarter_wraps_into_the_next_year():
    assert next_quarter(date(2027, 11, 5)) == ("2028-Q1", date(2028, 1, 1), date(2028, 3, 31))


def test_quarter_bounds_of_q4():
    assert quarter_bounds(2027, 4) == (date(2027, 10, 1), date(2027, 12, 31))


@pytest.mark.parametrize(
    ("day", "quarter", "start", "end"),
    [
        (date(2026, 1, 1), "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 6, 30), "2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
        (date(2028, 8, 15), "2028-Q3", date(2028, 7, 1), date(2028, 9, 30)),
        (date(2026, 12, 31), "2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_the_first_quarter_is_the_one_the_day_falls_in(day, quarter, start, end):
    year, first = this_year_and_quarter(day)

    assert (first.name, first.start, first.end) == (quarter, start, end)
    assert (year.name, year.start, year.end) == (
        str(day.year),
        date(day.year, 1, 1),
        date(day.year, 12, 31),
    )


def test_each_profile_is_explained_in_one_line():
    lines = {slug: explain(profile) for slug, profile in PROFILES.items()}

    assert lines["p-okr"] == (
        "One objective per team and cycle, 2–5 key results, scores from 0 to 10, "
        "check-ins every 2 weeks, individual OKRs warned against."
    )
    assert lines["okr-institute"] == (
        "Up to 3 objectives per team and cycle, 2–5 key results (4 preferred), "
        "scores from 0.0 to 1.0, weekly check-ins, individual OKRs allowed."
    )
    assert lines["scaled-okrs"].startswith("Up to 5 objectives per team and cycle")
