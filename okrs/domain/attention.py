"""What needs attention: one definition of the risk radar, shared by every page and reminder."""

from datetime import date, datetime, time, timedelta
from enum import StrEnum

from okrs.domain.states import State


class Reason(StrEnum):
    """Why an objective or key result needs attention."""

    OFF_TRACK = "off-track"
    AT_RISK = "at-risk"
    STALE = "stale"
    LOW_CONFIDENCE = "low-confidence"


REASON_LABELS = {
    Reason.OFF_TRACK: "Off track",
    Reason.AT_RISK: "At risk",
    Reason.STALE: "Stale",
    Reason.LOW_CONFIDENCE: "Low confidence",
}
# Work that is not committed to yet, or is over, asks for no attention.
QUIET = frozenset({State.DRAFT, State.DONE, State.CLOSED, State.ABANDONED})
LOW_CONFIDENCE = 3


def is_stale(
    last_check_in: datetime | None, cycle_start: date, now: datetime, window_days: int
) -> bool:
    """Return whether there has been no check-in for longer than the window.

    Never checked in counts from the cycle's first moment (in `now`'s time zone), so work is
    not stale before its cycle has run longer than the window.
    """
    since = last_check_in or datetime.combine(cycle_start, time(), tzinfo=now.tzinfo)
    return now - since > timedelta(days=window_days)


def attention_reasons(
    state: State | str,
    last_check_in: datetime | None,
    cycle_start: date,
    now: datetime,
    window_days: int,
    confidence: int | None,
) -> tuple[Reason, ...]:
    """Return why the objective or key result needs attention; empty when it needs none."""
    state = State(state)
    if state in QUIET:
        return ()
    reasons = []
    if state == State.OFF_TRACK:
        reasons.append(Reason.OFF_TRACK)
    elif state == State.AT_RISK:
        reasons.append(Reason.AT_RISK)
    if is_stale(last_check_in, cycle_start, now, window_days):
        reasons.append(Reason.STALE)
    if confidence is not None and confidence <= LOW_CONFIDENCE:
        reasons.append(Reason.LOW_CONFIDENCE)
    return tuple(reasons)


def reason_label(reason: Reason | str) -> str:
    """Return the reason as people read it."""
    return REASON_LABELS[Reason(reason)]
