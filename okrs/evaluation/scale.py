"""Scores typed on the organisation's scale (0-10 or 0.0-1.0) and stored on 0-10."""

from decimal import Decimal

from okrs.domain.progress import format_score, half_up
from okrs.domain.vocabulary import ScoreScale


def to_ten(value: float | Decimal, scale: ScoreScale | str) -> float:
    """Return a score typed on the scale as stored, 0-10 with one decimal: 0.75 -> 7.5."""
    ten = float(value) * 10 if scale == ScoreScale.ONE else float(value)
    return half_up(ten, "0.1")


def from_ten(value: float, scale: ScoreScale | str) -> float:
    """Return a stored 0-10 score as typed on the scale: 7.5 -> 0.75 on 0.0-1.0."""
    if scale == ScoreScale.ONE:
        return half_up(value / 10, "0.01")
    return half_up(value, "0.1")


def top(scale: ScoreScale | str) -> int:
    """Return the highest score of the scale."""
    return 1 if scale == ScoreScale.ONE else 10


def decimals(scale: ScoreScale | str) -> int:
    """Return how many decimals a score takes on the scale."""
    return 2 if scale == ScoreScale.ONE else 1


def label(value: float | None, scale: ScoreScale | str) -> str:
    """Return a stored 0-10 score written the way the scale reads (7.5 or 0.75), '–' if none."""
    if value is None:
        return "–"
    return format_score(from_ten(value, scale), scale)
