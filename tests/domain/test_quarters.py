"""Quarters: the next one after a day, across a year's end."""

from datetime import date

from okrs.domain.quarters import next_quarter, quarter_bounds


def test_next_quarter_after_the_end_of_q1():
    assert next_quarter(date(2027, 3, 31)) == ("2027-Q2", date(2027, 4, 1), date(2027, 6, 30))


def test_next_quarter_wraps_into_the_next_year():
    assert next_quarter(date(2027, 11, 5)) == ("2028-Q1", date(2028, 1, 1), date(2028, 3, 31))


def test_quarter_bounds_of_q4():
    assert quarter_bounds(2027, 4) == (date(2027, 10, 1), date(2027, 12, 31))
