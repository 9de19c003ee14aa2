"""How OKR numbers read on a page and in a message: no needless decimals, units in place."""

from typing import Protocol


class MeasuredKeyResult(Protocol):
    """What reading a key result's numbers needs of it."""

    type: str
    unit: str
    start: float | None
    target: float
    current: float | None
    direction: str


def num(value: float | str | None) -> str:
    """Return a value without needless decimals and with thousands separators."""
    if value is None or value == "":
        return "–"
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def unit_suffix(unit: str) -> str:
    """Return the unit as written after a number: '%' tight, words after a space."""
    if not unit or unit == "%":
        return unit
    return f" {unit}"


def kr_value(key_result: MeasuredKeyResult) -> str:
    """Return a key result's current value with its unit, or 'done'/'not done' for a milestone."""
    if key_result.type == "binary":
        return "Done" if (key_result.current or 0) >= 1 else "Not done"
    if key_result.current is None:
        return "–"
    return f"{num(key_result.current)}{unit_suffix(key_result.unit)}"


def kr_range(key_result: MeasuredKeyResult) -> str:
    """Return 'from X to Y unit' for a metric key result."""
    if key_result.type == "binary":
        return "Milestone"
    unit = unit_suffix(key_result.unit)
    if key_result.direction in ("stay-above", "stay-below"):
        word = "at least" if key_result.direction == "stay-above" else "at most"
        return f"Keep {word} {num(key_result.target)}{unit}"
    return f"{num(key_result.start)} → {num(key_result.target)}{unit}"


def plain_number(value: float | str | None) -> str:
    """Return a number as an input field takes it: no separators, no needless decimals."""
    if value is None or value == "":
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def percent(share: float | None) -> str:
    """Return a share of 1 as a whole percentage: 0.456 -> 46%."""
    return f"{round((share or 0) * 100)}%"
