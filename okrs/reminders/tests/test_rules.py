"""The pure cadence rules: the window, being due, repeats and the words for waiting.

Being due is the radar's stale rule (okrs.domain.attention.is_stale).
"""

from datetime import UTC, date, datetime, timedelta

from okrs.domain.attention import is_stale
from okrs.reminders.rules import (
    count_label,
    days_since,
    reminded_within,
    since_label,
    window_start,
)

NOW = datetime(2027, 2, 15, 12, 0, tzinfo=UTC)
START = date(2027, 1, 1)


def is_due(last_check_in, now, window_days, start=START):
    return is_stale(last_check_in, start, now, window_days)


def test_window_starts_the_cadence_days_before_now():
    assert window_start(NOW, 14) == datetime(2027, 2, 1, 12, 0, tzinfo=UTC)


def test_never_checked_in_is_due_once_the_cycle_has_run_longer_than_the_window():
    assert is_due(None, NOW, 14)
    assert not is_due(None, NOW, 14, start=date(2027, 2, 2))


def test_check_in_inside_the_window_is_not_due_and_one_before_it_is():
    assert not is_due(NOW - timedelta(days=13, hours=23), NOW, 14)
    assert not is_due(NOW - timedelta(days=14), NOW, 14)
    assert is_due(NOW - timedelta(days=14, seconds=1), NOW, 14)


def test_weekly_cadence_makes_a_ten_day_old_check_in_due():
    ten_days_ago = NOW - timedelta(days=10)
    assert is_due(ten_days_ago, NOW, 7)
    assert not is_due(ten_days_ago, NOW, 14)


def test_reminder_inside_the_window_is_a_repeat_and_an_older_one_is_not():
    assert reminded_within(NOW - timedelta(days=3), NOW, 14)
    assert reminded_within(NOW - timedelta(days=13, hours=22), NOW, 14)
    assert not reminded_within(NOW - timedelta(days=14), NOW, 14)
    assert not reminded_within(NOW - timedelta(days=15), NOW, 14)
    assert not reminded_within(None, NOW, 14)


def test_a_run_a_few_minutes_early_on_the_last_day_still_reminds_again():
    assert not reminded_within(NOW - timedelta(days=14) + timedelta(minutes=5), NOW, 14)


def test_days_since_counts_whole_days_and_none_for_never():
    assert days_since(NOW - timedelta(days=20, hours=5), NOW) == 20
    assert days_since(NOW + timedelta(hours=2), NOW) == 0
    assert days_since(None, NOW) is None


def test_since_label_words():
    assert [since_label(d) for d in (None, 0, 1, 23)] == [
        "never",
        "today",
        "1 day ago",
        "23 days ago",
    ]


def test_count_label_uses_the_plural_except_for_one():
    assert [count_label(n, "key result") for n in (0, 1, 2)] == [
        "0 key results",
        "1 key result",
        "2 key results",
    ]
