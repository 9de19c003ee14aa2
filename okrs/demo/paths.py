"""Deterministic demo math: calendars, check-in paths, notes, grades and KPI readings."""

import random
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from okrs.demo.content import (
    BEHIND_NOTES,
    KPI_READINGS,
    ON_PACE_NOTES,
    KeyResultSpec,
    KPISpec,
    NoteSpec,
)
from okrs.domain.progress import (
    AT_RISK_SHARE,
    MOONSHOT_SUCCESS,
    ON_TRACK_SHARE,
    clamp,
    elapsed_share,
)
from okrs.domain.vocabulary import Ambition, Direction, KeyResultType

CHECK_IN_WEEKDAY = 3  # Thursday: every demo team checks in on the same day of the week.
NOISE = 0.025
FIRST_CONFIDENCE = 7
GENERIC_NOTE_CHANCE = 0.1
NOTE_REACH = 0.05
HEAD_START_DAYS = 6
SURE_UNTIL_DONE = 9  # Nobody is certain of a key result before it is reached.


@dataclass(frozen=True)
class Reading:
    """One planned check-in: its day, value and confidence, and whether it keeps pace."""

    day: date
    share: float
    value: float
    confidence: int
    on_pace: bool


def quarter_of(day: date) -> tuple[int, int]:
    """Return the year and quarter (1-4) the day falls in."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """Return the first and last day of the quarter."""
    last_month = 3 * quarter
    return date(year, last_month - 2, 1), date(year, last_month, monthrange(year, last_month)[1])


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    """Return the year and number of the quarter before the given one."""
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def weekly(start: date, end: date, weekday: int = CHECK_IN_WEEKDAY) -> list[date]:
    """Return the given weekday of every week from start to end, both included."""
    day = start + timedelta(days=(weekday - start.weekday()) % 7)
    days = []
    while day <= end:
        days.append(day)
        day += timedelta(weeks=1)
    return days


def decimals(spec: KeyResultSpec) -> int:
    """Return how many decimals the key result's values are written with."""
    if spec.decimals is not None:
        return spec.decimals
    numbers = [n for n in (spec.start, spec.target) if n is not None]
    whole = all(float(n).is_integer() for n in numbers)
    return 0 if whole and abs(spec.target - (spec.start or 0)) >= 3 else 1


def _confidence_goal(progress: float, expected: float) -> float:
    """Return the confidence a team would feel with this progress against the expected pace."""
    if expected < 0.1:
        return FIRST_CONFIDENCE
    return 2 + 6 * min(progress / expected, 1.15)


def readings(
    spec: KeyResultSpec,
    pace: float,
    ambition: str,
    days: list[date],
    cycle: tuple[date, date],
    closing: bool,
    rng: random.Random,
) -> list[Reading]:
    """Return the key result's check-ins on the days, moving at pace times the expected pace.

    When closing, the last day stands for the end of the cycle and its value for the final one.
    """
    pace = spec.pace or pace
    factor = MOONSHOT_SUCCESS if ambition == Ambition.MOONSHOT else 1.0
    shares = [elapsed_share(*cycle, day) for day in days]
    if closing and shares:
        shares = [share / shares[-1] for share in shares]
    # A check-in reports the week's work, so it sits a few days ahead of its own date.
    ahead = HEAD_START_DAYS / (cycle[1] - cycle[0]).days
    places = decimals(spec)
    noise, confidence, planned = 0.0, float(FIRST_CONFIDENCE), []
    for day, share in zip(days, shares, strict=True):
        noise = 0.6 * noise + rng.gauss(0, NOISE * min(1.0, share / 0.3))
        if closing and day == days[-1]:
            noise *= 0.3
        worked = min(1.0, share + ahead)
        expected = factor * share
        if spec.type == KeyResultType.BINARY:
            value = 1.0 if pace * worked >= spec.done_at else 0.0
            on_pace = value == 1 or pace >= ON_TRACK_SHARE
            goal = 9 if value == 1 else 2 + 6 * min(pace, 1.15)
            complete = value == 1
        elif spec.direction in (Direction.STAY_ABOVE, Direction.STAY_BELOW):
            drift = (spec.drift_to if spec.drift_to is not None else spec.start) - spec.start
            value = spec.start + drift * share + rng.uniform(-1, 1) * 0.01 * abs(spec.target)
            above = round(value, places) >= spec.target
            on_pace = above if spec.direction == Direction.STAY_ABOVE else not above
            goal = 8 if on_pace else 4
            complete = False
        else:
            progress = clamp(pace * factor * worked + noise)
            value = spec.start + progress * (spec.target - spec.start)
            on_pace = progress >= ON_TRACK_SHARE * expected
            goal = _confidence_goal(progress, expected)
            complete = progress >= 1
            if progress < AT_RISK_SHARE * expected:
                goal -= 1
        confidence = clamp(round(0.5 * confidence + 0.5 * goal + rng.gauss(0, 0.5)), 0, 10)
        if not complete:
            confidence = min(confidence, SURE_UNTIL_DONE)
        planned.append(Reading(day, share, round(value, places) + 0.0, int(confidence), on_pace))
    return planned


def place_notes(planned: list[Reading], notes: list[NoteSpec]) -> dict[int, tuple[str, str, str]]:
    """Return each written note by the position of the reading nearest its share of the cycle."""
    placed = {}
    for note in notes:
        distances = [abs(reading.share - note.share) for reading in planned]
        if distances and min(distances) < NOTE_REACH:
            placed[distances.index(min(distances))] = (note.progress, note.problems, note.plans)
    return placed


def generic_note(reading: Reading, spec: KeyResultSpec, rng: random.Random) -> tuple[str, str, str]:
    """Return a generic note on a metric now and then, matching whether it keeps pace."""
    if rng.random() < GENERIC_NOTE_CHANCE and spec.type == KeyResultType.METRIC:
        return rng.choice(ON_PACE_NOTES if reading.on_pace else BEHIND_NOTES)
    return "", "", ""


def grade(progress: float) -> float:
    """Return the evaluation score for a progress, on the 0-10 scale in half points."""
    return round(progress * 20) / 2


def kpi_readings(spec: KPISpec, today: date) -> list[tuple[date, float, str]]:
    """Return the KPI's weekly readings, oldest first and the newest yesterday, with notes."""
    rng = random.Random(f"{spec.name}/{today.isoformat()}")
    notes = dict(spec.notes)
    found = []
    for age in reversed(range(KPI_READINGS)):
        trend = spec.drift * (KPI_READINGS - 1 - age) / (KPI_READINGS - 1)
        value = spec.level + trend + rng.uniform(-spec.spread, spec.spread)
        if spec.unit == "%":
            value = min(value, 100)
        day = today - timedelta(days=1 + 7 * age)
        found.append((day, round(value, spec.decimals), notes.get(age, "")))
    return found
