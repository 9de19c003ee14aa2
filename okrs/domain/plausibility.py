"""Check-in values that look mistyped: far outside the planned range, or a percentage past 0-100."""

from dataclasses import dataclass

from okrs.domain.numbers import MeasuredKeyResult, num, unit_suffix
from okrs.domain.progress import infer_direction

PERCENT_UNITS = frozenset({"%", "percent", "per cent", "pct"})
SHIFTS = (0.1, 0.01, 0.001, 10.0, 100.0, 1000.0)  # a slipped decimal point, either way
BOUNDS = ("stay-above", "stay-below")


@dataclass(frozen=True)
class Doubt:
    """Why a value looks mistyped, and the value probably meant (None when no guess fits)."""

    reason: str
    suggestion: float | None

    def question(self, value: float, unit: str) -> str:
        """Return the question a person is asked before the value is saved."""
        typed = f"{num(value)}{unit_suffix(unit)}"
        asked = f"{typed} is {self.reason}."
        if self.suggestion is not None:
            asked += f" Did you mean {num(self.suggestion)}{unit_suffix(unit)}?"
        return asked


def is_percentage(unit: str) -> bool:
    """Return whether a key result is measured in percent."""
    return unit.strip().lower() in PERCENT_UNITS


def _span(start: float, target: float) -> tuple[float, float]:
    """Return the plausible range: from the start to the target and as far again past it."""
    past = target + (target - start)
    return (min(start, past), max(start, past))


def _within(value: float, low: float, high: float) -> bool:
    return low <= value <= high


def _guess(value: float, low: float, high: float) -> float | None:
    """Return a reading of the value that lands in the range: its sign or a decimal point moved."""
    candidates = [abs(value)] if value < 0 else []
    candidates += [round(value * shift, 10) for shift in SHIFTS]
    fitting = [c for c in candidates if _within(c, low, high) and c != value]
    return fitting[0] if fitting else None


def doubt(
    value: float, *, kind: str, direction: str, start: float | None, target: float, unit: str
) -> Doubt | None:
    """Return why a metric check-in's value looks mistyped, or None when it looks meant."""
    if kind == "binary":
        return None
    percentage = is_percentage(unit)
    if percentage and not 0 <= value <= 100:
        return Doubt("outside 0-100%", _guess(value, 0.0, 100.0))
    if direction in BOUNDS or start is None or start == target:
        return None
    low, high = _span(start, target)
    if percentage:
        low, high = max(low, 0.0), min(high, 100.0)
    if _within(value, low, high):
        return None
    before = value < start if target > start else value > start
    reason = (
        f"{'below' if target > start else 'above'} the start ({num(start)})"
        if before
        else f"past twice the planned change (target {num(target)})"
    )
    return Doubt(reason, _guess(value, low, high))


def doubt_for(key_result: MeasuredKeyResult, value: float) -> Doubt | None:
    """Return why a key result's new value looks mistyped, or None when it looks meant."""
    return doubt(
        value,
        kind=key_result.type,
        direction=key_result.direction or infer_direction(key_result.start, key_result.target),
        start=key_result.start,
        target=key_result.target,
        unit=key_result.unit,
    )


def question_for(key_result: MeasuredKeyResult, value: float) -> str | None:
    """Return the "did you mean...?" question for a key result's new value, or None."""
    found = doubt_for(key_result, value)
    return found.question(value, key_result.unit) if found else None
