"""Geometry of a key result chart: actual values against the plan line from start to target.

The time axis carries dates; each check-in is a marker with its hover text; a re-plan moves the
plan line with a step on its day, the original line kept beside it.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from okrs.domain.plans import PlanVersion, in_force, plan_value

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MOST_MONTH_TICKS = 5  # inner month ticks before only quarter starts are kept


class Reading(NamedTuple):
    """A value read on a day, with the text a person reads when hovering it."""

    day: date
    value: float
    note: str = ""


@dataclass(frozen=True)
class Tick:
    """A date on the time axis: where it stands and how it reads."""

    x: float
    day: date
    label: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Marker:
    """A check-in on the chart: its place, day, value and hover text."""

    x: float
    y: float
    day: date
    value: float
    note: str = ""


@dataclass(frozen=True)
class Step:
    """Where a re-plan moved the plan line: its day, the line before and after, and why."""

    x: float
    y_before: float
    y_after: float
    before: PlanVersion
    after: PlanVersion


@dataclass(frozen=True)
class Chart:
    """Coordinates for an SVG chart of width x height, y growing downwards."""

    width: int
    height: int
    plan: str
    plan_ends: tuple[float, float, float, float]
    actual: str
    dots: list[Marker]
    today_x: float | None
    low: float
    high: float
    axis_y: float = 0
    ticks: list[Tick] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    baseline: tuple[float, float, float, float] | None = None
    versions: list[PlanVersion] = field(default_factory=list)
    today_plan: float | None = None

    def original(self) -> PlanVersion:
        """Return the plan the cycle started with."""
        return self.versions[0]

    def current(self) -> PlanVersion:
        """Return the plan in force now: the latest re-plan, else the original."""
        return self.versions[-1]


def day_label(day: date, year: bool = False) -> str:
    """Return a day as a chart reads it: 7 Dec, or 7 Dec 2026."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def _month_starts(start: date, end: date) -> list[date]:
    """Return the first days of the months strictly inside the span, thinned to stay readable."""
    found, year, month = [], start.year, start.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day >= end:
            break
        found.append(day)
    if len(found) > 12:
        return [d for d in found if d.month == 1]
    if len(found) > MOST_MONTH_TICKS:
        return [d for d in found if d.month % 3 == 1]
    return found


def time_ticks(start: date, end: date, x: Callable[[date], float]) -> list[Tick]:
    """Return the ticks of the time axis: the cycle's first and last days and the months between."""
    long = (end - start).days > 400
    inner = [
        Tick(x(day), day, str(day.year) if long else MONTHS[day.month - 1])
        for day in _month_starts(start, end)
    ]
    first = Tick(x(start), start, day_label(start, year=long), "start")
    last = Tick(x(end), end, day_label(end, year=long), "end")
    return [first, *(t for t in inner if first.x + 24 < t.x < last.x - 24), last]


def value_chart(
    cycle_start: date,
    cycle_end: date,
    start: float,
    target: float,
    readings: Sequence[Reading | tuple[date, float]],
    on: date,
    width: int = 320,
    height: int = 140,
    pad: int = 8,
    versions: list[PlanVersion] | None = None,
) -> Chart:
    """Return the chart of readings (day, value[, note]) over the cycle against the plan.

    `versions` are the plans in force from their days on, the original first; without them the
    plan is the one straight line from start to target.
    """
    plans = sorted(versions or [PlanVersion(cycle_start, start, target)], key=lambda v: v.since)
    marks = sorted((Reading(*r) for r in readings), key=lambda r: r.day)
    values = [v for p in plans for v in (p.start, p.target)] + [r.value for r in marks]
    low, high = min(values), max(values)
    if high == low:
        high = low + 1
    days = max(1, (cycle_end - cycle_start).days)
    axis_y = height - 18

    def x(day: date) -> float:
        share = min(1.0, max(0.0, (day - cycle_start).days / days))
        return round(pad + share * (width - 2 * pad), 1)

    def y(value: float) -> float:
        return round(axis_y - pad - (value - low) / (high - low) * (axis_y - 2 * pad), 1)

    def at(version: PlanVersion, day: date) -> float:
        return y(plan_value(cycle_start, cycle_end, version, day))

    points, steps = [(x(cycle_start), at(plans[0], cycle_start))], []
    for before, after in zip(plans, plans[1:], strict=False):
        day = min(cycle_end, max(cycle_start, after.since))
        points.append((x(day), at(before, day)))
        steps.append(Step(x(day), at(before, day), at(after, day), before, after))
        points.append((x(day), at(after, day)))
    points.append((x(cycle_end), at(plans[-1], cycle_end)))
    dots = [Marker(x(r.day), y(r.value), r.day, r.value, r.note) for r in marks]
    first, current = plans[0], in_force(plans, cycle_end)
    baseline = None  # the original line, drawn on from where the first re-plan left it
    if steps:
        since = min(cycle_end, max(cycle_start, plans[1].since))
        baseline = (steps[0].x, at(first, since), x(cycle_end), at(first, cycle_end))
    running = cycle_start <= on <= cycle_end
    return Chart(
        width=width,
        height=height,
        plan=" ".join(f"{px},{py}" for px, py in points),
        plan_ends=(x(cycle_start), at(first, cycle_start), x(cycle_end), at(current, cycle_end)),
        actual=" ".join(f"{d.x},{d.y}" for d in dots),
        dots=dots,
        today_x=x(on) if running else None,
        low=low,
        high=high,
        axis_y=axis_y,
        ticks=time_ticks(cycle_start, cycle_end, x),
        steps=steps,
        baseline=baseline,
        versions=plans,
        today_plan=plan_value(cycle_start, cycle_end, in_force(plans, on), on) if running else None,
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
