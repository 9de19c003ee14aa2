"""Confidence over time: its trend, and how well mid-cycle confidence predicted the final score."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

TOP = 10  # confidence and scores both run from 0 to 10
WITHIN_POINTS = 2
BIAS_MARGIN = 1.0
EPSILON = 1e-9  # 7.3 - 5.3 comes out a hair above 2 in floating point


def midpoint(start: date, end: date) -> date:
    """Return the cycle's middle day (the earlier of two when the cycle has an even day count)."""
    return start + timedelta(days=(end - start).days // 2)


@dataclass(frozen=True)
class Trend:
    """How confidence moved over the check-ins, oldest first."""

    first: int | None
    latest: int | None
    change: int
    overall: int

    def direction(self) -> str:
        """Return rising, falling or steady since the previous check-in ('' without check-ins)."""
        if self.latest is None:
            return ""
        if self.change > 0:
            return "rising"
        return "falling" if self.change < 0 else "steady"


def confidence_trend(confidences: Sequence[int]) -> Trend:
    """Return the trend of confidences given oldest first."""
    if not confidences:
        return Trend(None, None, 0, 0)
    previous = confidences[-2] if len(confidences) > 1 else confidences[-1]
    return Trend(
        first=confidences[0],
        latest=confidences[-1],
        change=confidences[-1] - previous,
        overall=confidences[-1] - confidences[0],
    )


@dataclass(frozen=True)
class Forecast:
    """A key result's confidence at the cycle's midpoint and its final score, both 0-10."""

    confidence: float
    score: float
    label: str = ""

    def error(self) -> float:
        """Return confidence minus score in points: above 0 means it was over-confident."""
        return self.confidence - self.score

    def is_within(self, points: float = WITHIN_POINTS) -> bool:
        """Return whether the confidence landed within the points of the final score."""
        return abs(self.error()) <= points + EPSILON


@dataclass(frozen=True)
class Calibration:
    """How well a set of forecasts predicted their outcomes."""

    count: int
    mean_absolute_error: float
    within_share: float
    bias: float

    def verdict(self) -> str:
        """Return over-confident, under-confident or balanced, from the bias."""
        if self.bias > BIAS_MARGIN + EPSILON:
            return "over-confident"
        if self.bias < -BIAS_MARGIN - EPSILON:
            return "under-confident"
        return "balanced"

    def within_percent(self) -> int:
        """Return the share within two points as a whole percentage."""
        return round(self.within_share * 100)


def calibrate(forecasts: Iterable[Forecast]) -> Calibration | None:
    """Return the mean absolute error (0-1), share within 2 points and bias; None without any."""
    forecasts = list(forecasts)
    if not forecasts:
        return None
    count = len(forecasts)
    return Calibration(
        count=count,
        mean_absolute_error=sum(abs(f.error()) / TOP for f in forecasts) / count,
        within_share=sum(1 for f in forecasts if f.is_within()) / count,
        bias=sum(f.error() for f in forecasts) / count,
    )


@dataclass(frozen=True)
class Dot:
    """One or more forecasts at the same place of the scatter chart."""

    x: float
    y: float
    r: float
    confidence: float
    score: float
    labels: tuple[str, ...]

    def caption(self, shown: int = 5) -> str:
        """Return the dot's labels for its tooltip: the first few, then how many more."""
        more = len(self.labels) - shown
        listed = "; ".join(self.labels[:shown])
        return f"{listed} and {more} more" if more > 0 else listed


@dataclass(frozen=True)
class Scatter:
    """Coordinates for an SVG scatter of confidence (x) against final score (y), y growing down."""

    size: int
    low: float
    high: float
    diagonal: tuple[float, float, float, float]
    band: str
    ticks: list[tuple[int, float, float]] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)

    def center(self) -> float:
        """Return the middle of the plot area, where axis titles go."""
        return (self.low + self.high) / 2


MAX_RADIUS = 14  # of the dot holding the most forecasts, on a 320-point chart


def scatter(forecasts: Iterable[Forecast], size: int = 320, pad: int = 36) -> Scatter:
    """Return the scatter of the forecasts with the diagonal and the band within 2 points."""
    span = size - 2 * pad

    def x(value: float) -> float:
        return round(pad + min(TOP, max(0, value)) / TOP * span, 1)

    def y(value: float) -> float:
        return round(size - pad - min(TOP, max(0, value)) / TOP * span, 1)

    groups: dict[tuple[float, float], list[str]] = {}
    for forecast in forecasts:
        key = (round(forecast.confidence, 1), round(forecast.score, 1))
        groups.setdefault(key, []).append(forecast.label)
    most = max((len(labels) for labels in groups.values()), default=1)

    def radius(count: int) -> float:
        # Grows with the forecasts a dot holds; the largest stays at MAX_RADIUS however many.
        grown: float = 4 + 2 * (count - 1) ** 0.5
        bounded: float = 4 + (MAX_RADIUS - 4) * ((count - 1) / max(most - 1, 1)) ** 0.5
        return round(min(grown, bounded), 1)

    dots = [
        Dot(x(c), y(s), radius(len(labels)), c, s, tuple(labels))
        for (c, s), labels in sorted(groups.items())
    ]
    w = WITHIN_POINTS
    corners = [(0, 0), (w, 0), (TOP, TOP - w), (TOP, TOP), (TOP - w, TOP), (0, w)]
    return Scatter(
        size=size,
        low=float(pad),
        high=float(size - pad),
        diagonal=(x(0), y(0), x(TOP), y(TOP)),
        band=" ".join(f"{x(c)},{y(s)}" for c, s in corners),
        ticks=[(value, x(value), y(value)) for value in (0, 5, 10)],
        dots=dots,
    )
