"""Needs attention: each reason, the stale window's edges and the states that never ask."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrs.domain.attention import (
    QUIET,
    Reason,
    attention_reasons,
    is_stale,
    reason_label,
)
from okrs.domain.states import State

START = date(2027, 1, 1)
NOW = datetime(2027, 2, 9, 10, 0, tzinfo=UTC)  # the cycle has run 39 days
WINDOW = 14


def reasons(state=State.ON_TRACK, last=NOW - timedelta(days=1), confidence=7, start=START):
    return attention_reasons(state, last, start, NOW, WINDOW, confidence)


def test_on_track_fresh_and_confident_work_needs_no_attention():
    assert reasons() == ()


@pytest.mark.parametrize(
    ("state", "reason"), [(State.AT_RISK, Reason.AT_RISK), (State.OFF_TRACK, Reason.OFF_TRACK)]
)
def test_pace_states_at_risk_and_off_track_need_attention(state, reason):
    assert reasons(state) == (reason,)


def test_no_check_in_for_39_days_is_stale():
    assert reasons(last=NOW - timedelta(days=39)) == (Reason.STALE,)


def test_a_check_in_exactly_one_window_ago_is_not_stale_yet():
    assert not is_stale(NOW - timedelta(days=WINDOW), START, NOW, WINDOW)
    assert is_stale(NOW - timedelta(days=WINDOW, seconds=1), START, NOW, WINDOW)


def test_never_checked_in_is_stale_once_the_cycle_has_run_longer_than_the_window():
    assert reasons(State.NOT_STARTED, last=None) == (Reason.STALE,)
    young = (NOW - timedelta(days=WINDOW - 1)).date()
    assert reasons(State.NOT_STARTED, last=None, start=young) == ()


def test_never_checked_in_counts_from_the_cycles_first_moment():
    start = date(2027, 1, 26)  # midnight of the 26th is 14 days and 10 hours before NOW
    assert is_stale(None, start, NOW, WINDOW)
    assert not is_stale(None, start + timedelta(days=1), NOW, WINDOW)


def test_confidence_of_3_or_less_is_low():
    assert reasons(confidence=3) == (Reason.LOW_CONFIDENCE,)
    assert reasons(confidence=4) == ()
    assert reasons(confidence=None) == ()


def test_every_reason_that_holds_is_given_in_order():
    found = reasons(State.OFF_TRACK, last=NOW - timedelta(days=30), confidence=1)
    assert found == (Reason.OFF_TRACK, Reason.STALE, Reason.LOW_CONFIDENCE)


@given(
    state=st.sampled_from(sorted(QUIET)),
    days=st.integers(0, 400),
    confidence=st.none() | st.integers(0, 10),
)
def test_drafts_done_closed_and_abandoned_never_need_attention(state, days, confidence):
    last = None if days == 0 else NOW - timedelta(days=days)
    assert reasons(state, last=last, confidence=confidence) == ()


def test_reasons_read_as_words():
    assert [reason_label(r) for r in Reason] == ["Off track", "At risk", "Stale", "Low confidence"]
