"""Geometry of a key result chart: actual values against the straight line from start to target."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Chart:
    """Coordinates for an SVG chart of width x height, y growing downwards."""

    width: int
    height: int
    plan: tuple[float, float, float, float]
    actual: str
    dots: list[tuple[float, float, float]]
    today_x: float | None
    low: float
    high: float


def value_chart(
    cycle_start: date,
    cycle_end: date,
    start: float,
    target: float,
    readings: list[tuple[date, float]],
    on: date,
    width: int = 320,
    height: int = 120,
    pad: int = 8,
) -> Chart:
    """Return the chart of readings over the cycle against the plan line from start to target."""
    values = [start, target, *(value for _, value in readings)]
    low, high = min(values), max(values)
    if high == low:
        high = low + 1
    days = max(1, (cycle_end - cycle_start).days)

    def x(day: date) -> float:
        share = min(1.0, max(0.0, (day - cycle_start).days / days))
        return round(pad + share * (width - 2 * pad), 1)

    def y(value: float) -> float:
        return round(height - pad - (value - low) / (high - low) * (height - 2 * pad), 1)

    points = [(x(day), y(value), value) for day, value in readings]
    today_x = x(on) if cycle_start <= on <= cycle_end else None
    return Chart(
        width=width,
        height=height,
        plan=(x(cycle_start), y(start), x(cycle_end), y(target)),
        actual=" ".join(f"{px},{py}" for px, py, _ in points),
        dots=points,
        today_x=today_x,
        low=low,
        high=high,
    )


def sparkline(
    values: list[float], width: int = 120, height: int = 28, low: float = 0, high: float = 10
) -> str:
    """Return SVG polyline points for values between low and high, spread across the width."""
    if not values:
        return ""
    step = (width - 4) / max(1, len(values) - 1)
    span = (high - low) or 1
    points = []
    for i, value in enumerate(values):
        share = (min(high, max(low, value)) - low) / span
        points.append(f"{2 + i * step:.1f},{height - 2 - share * (height - 4):.1f}")
    return " ".join(points)
