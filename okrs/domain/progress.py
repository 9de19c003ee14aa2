"""Progress, score, expected pace and status of key results and objectives."""

import operator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from okrs.domain.vocabulary import Ambition, Direction, KeyResultType, ScoreScale, Status

MOONSHOT_SUCCESS = 0.7
ON_TRACK_SHARE = 0.9
AT_RISK_SHARE = 0.6
LOW_CONFIDENCE = 3
EPSILON = 1e-9  # shares such as 0.9 x 0.2 come out a hair above the exact product in floating point


class ProgressError(ValueError):
    """A key result whose numbers cannot yield a progress."""


def infer_direction(start: float | None, target: float) -> Direction:
    """Return decrease when the target lies below the start, else increase."""
    if start is not None and target < start:
        return Direction.DECREASE
    return Direction.INCREASE


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    """Return the value bounded to [low, high]."""
    return max(low, min(high, value))


def key_result_progress(
    kind: KeyResultType | str,
    direction: Direction | str,
    start: float | None,
    target: float,
    current: float | None,
) -> float:
    """Return a key result's progress in [0, 1] from its start, target and current value."""
    bounded = direction in (Direction.STAY_ABOVE, Direction.STAY_BELOW)
    if kind != KeyResultType.BINARY and not bounded:
        if start is None:
            raise ProgressError("a metric key result needs a start value")
        if start == target:
            raise ProgressError("start and target are equal: there is nothing to progress")
    if current is None:
        return 0.0
    if kind == KeyResultType.BINARY:
        return 1.0 if current >= 1 else 0.0
    if direction == Direction.STAY_ABOVE:
        return 1.0 if current >= target else 0.0
    if direction == Direction.STAY_BELOW:
        return 1.0 if current <= target else 0.0
    assert start is not None  # a metric key result without a start was refused above
    return clamp((current - start) / (target - start))


def weighted_mean(progresses: list[float], weights: list[float]) -> float:
    """Return the mean of the progresses, each counting its weight; 0 when no weight is left."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    return sum(map(operator.mul, progresses, weights), 0.0) / total


def score(progress: float, scale: ScoreScale | str, grade: float | None = None) -> float:
    """Return the score on the scale: the grade given at evaluation, else progress x 10."""
    ten = grade if grade is not None else progress * 10
    if scale == ScoreScale.ONE:
        return half_up(ten / 10, "0.01")
    return half_up(ten, "0.1")


@lru_cache(maxsize=1 << 16)  # exact decimal rounding is slow; pages round the same values
def half_up(value: float, step: str) -> float:
    """Return the value rounded to the step, halves away from zero (0.125 -> 0.13)."""
    exact = Decimal(repr(round(value, 9)))
    return float(exact.quantize(Decimal(step), rounding=ROUND_HALF_UP))


def whole_confidence(value: float | None) -> int | None:
    """Return a mean confidence as a whole number, halves up as scores round (6.5 -> 7)."""
    return None if value is None else int(half_up(value, "1"))


def mean_confidence(confidences: list[int]) -> int | None:
    """Return the rounded mean of the confidences (halves up), or None without any."""
    return whole_confidence(sum(confidences) / len(confidences)) if confidences else None


def format_score(value: float, scale: ScoreScale | str) -> str:
    """Return a score written the way its scale reads (7.5 or 0.75)."""
    return f"{value:.2f}" if scale == ScoreScale.ONE else f"{value:.1f}"


def is_achieved(progress: float, ambition: Ambition | str) -> bool:
    """Return whether progress counts as achieved: 0.7 for a moonshot, 1.0 for a roofshot."""
    return progress >= (MOONSHOT_SUCCESS if ambition == Ambition.MOONSHOT else 1.0)


def elapsed_share(start: date, end: date, on: date) -> float:
    """Return the share of the cycle elapsed at the date: 0 before start, 1 after end."""
    if on <= start:
        return 0.0
    if on >= end:
        return 1.0
    return (on - start).days / (end - start).days


def expected_progress(
    start: date, end: date, on: date, ambition: Ambition | str = Ambition.ROOFSHOT
) -> float:
    """Return the progress expected by the date; a moonshot is expected to reach 0.7."""
    share = elapsed_share(start, end, on)
    return MOONSHOT_SUCCESS * share if ambition == Ambition.MOONSHOT else share


def status(progress: float, expected: float, confidence: int | None = None) -> Status:
    """Return on-track, at-risk or off-track; a confidence of 3 or less is at least at-risk."""
    if expected == 0 or progress >= ON_TRACK_SHARE * expected - EPSILON:
        found = Status.ON_TRACK
    elif progress >= AT_RISK_SHARE * expected - EPSILON:
        found = Status.AT_RISK
    else:
        found = Status.OFF_TRACK
    if confidence is not None and confidence <= LOW_CONFIDENCE and found == Status.ON_TRACK:
        return Status.AT_RISK
    return found
