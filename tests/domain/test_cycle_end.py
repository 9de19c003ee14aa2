"""The end of a cycle: sharing before its last week and closing before its end are early."""

from datetime import date

from okrs.domain.cycle_end import days_left, is_early_close, is_early_share, last_week_starts

END = date(2026, 12, 31)


def test_the_last_week_is_the_end_date_and_the_six_days_before():
    assert last_week_starts(END) == date(2026, 12, 25)


def test_sharing_before_the_last_week_is_early_and_within_it_is_not():
    assert is_early_share(END, date(2026, 12, 7))
    assert is_early_share(END, date(2026, 12, 24))
    assert not is_early_share(END, date(2026, 12, 25))
    assert not is_early_share(END, date(2027, 1, 5))


def test_closing_before_the_end_date_is_early_and_on_it_or_after_is_not():
    assert is_early_close(END, date(2026, 12, 7))
    assert not is_early_close(END, END)
    assert not is_early_close(END, date(2027, 1, 2))


def test_days_left_counts_down_to_the_end_and_stops_at_zero():
    assert days_left(END, date(2026, 12, 7)) == 24
    assert days_left(END, date(2027, 1, 2)) == 0
