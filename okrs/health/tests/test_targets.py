"""Target bands, cadence windows and pulse periods: the pure rules behind the figures."""

from datetime import date

import pytest

from okrs.health.targets import (
    FIGURES,
    PULSE_TARGET,
    cadence_windows,
    next_period,
    periods_between,
    pulse_period,
    share,
)


@pytest.mark.parametrize(
    ("key", "value", "band"),
    [
        ("coverage", 0.8, "green"),
        ("coverage", 0.79, "amber"),
        ("coverage", 0.5, "amber"),
        ("coverage", 0.49, "red"),
        ("stale", 0.1, "green"),
        ("stale", 0.25, "amber"),
        ("stale", 0.26, "red"),
        ("confidence", 8.0, "green"),
        ("confidence", 9.5, "amber"),
        ("confidence", 2.9, "red"),
        ("coverage", None, None),
    ],
)
def test_bands_include_their_bounds(key, value, band):
    assert FIGURES[key].target.band(value) == band


def test_every_figure_says_why_it_matters_and_its_target():
    assert all(f.why.endswith(".") and f.target.text for f in FIGURES.values())
    assert PULSE_TARGET.band(4.0) == "green" and PULSE_TARGET.band(2.99) == "red"


def test_cadence_windows_end_before_today_and_are_cut_at_the_cycle_end():
    start, end = date(2027, 1, 1), date(2027, 1, 31)
    assert cadence_windows(start, end, date(2027, 1, 14), 14) == []
    assert cadence_windows(start, end, date(2027, 1, 15), 14) == [
        (date(2027, 1, 1), date(2027, 1, 15))
    ]
    assert cadence_windows(start, end, date(2027, 3, 1), 14)[-1] == (
        date(2027, 1, 29),
        date(2027, 2, 1),
    )


def test_pulse_periods_are_calendar_months():
    assert pulse_period(date(2027, 2, 28)) == date(2027, 2, 1)
    assert next_period(date(2026, 12, 1)) == date(2027, 1, 1)
    assert periods_between(date(2026, 11, 15), date(2027, 1, 2)) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
    ]


def test_share_of_nothing_is_unknown():
    assert share(0, 0) is None and share(1, 4) == 0.25
