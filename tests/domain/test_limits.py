"""The range of cycle dates and the bound on numbers every entry point shares."""

import math
from datetime import date

from okrs.domain.limits import (
    DATE_MAX,
    DATE_MIN,
    NUMBER_LIMIT,
    date_range_error,
    number_range_error,
)


def test_dates_at_each_end_of_the_range_are_accepted():
    assert (date(1970, 1, 1), date(2200, 12, 31)) == (DATE_MIN, DATE_MAX)
    assert date_range_error(DATE_MIN) is None
    assert date_range_error(DATE_MAX) is None


def test_a_date_outside_the_range_is_refused_naming_the_range():
    assert date_range_error(date(9999, 12, 31)) == "9999-12-31 is outside 1970-01-01..2200-12-31"
    assert date_range_error(date(1969, 12, 31)) is not None


def test_numbers_up_to_the_limit_are_accepted_and_beyond_refused():
    assert number_range_error(NUMBER_LIMIT) is None
    assert number_range_error(-NUMBER_LIMIT) is None
    assert "beyond the limit of 1e+15" in number_range_error(1e300)
    assert "not a finite number" in number_range_error(math.inf)
    assert "not a finite number" in number_range_error(math.nan)
