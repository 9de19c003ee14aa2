"""Quarters and the noisy path a key result's weekly check-ins follow."""

import random
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from okrs.domain.progress import ON_TRACK_SHARE, clamp, elapsed_share

NOISE = 0.03
FIRST_CONFIDENCE = 7
SURE_UNTIL_DONE = 9  # Nobody is certain of a key result before it is reached.
HEAD_START = 0.06  # A check-in reports the week's work, a little ahead of its date.
MILESTONE_DONE_AT = 0.75


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter: its year, number and first and last day."""

    year: int
    number: int
    start: date
    end: date

    @property
    def name(self) -> str:
        """Return the quarter's name, e.g. 2027-Q1."""
        return f"{self.year}-Q{self.number}"


def quarter_of(day: date) -> Quarter:
    """Return the quarter the day falls in."""
    number = (day.month - 1) // 3 + 1
    last = 3 * number
    end = date(day.year, last, monthrange(day.year, last)[1])
    return Quarter(day.year, number, date(day.year, last - 2, 1), end)


def quarters_until(today: date, count: int) -> list[Quarter]:
    """Return the count quarters ending with today's, oldest first."""
    found = [quarter_of(today)]
    while len(found) < count:
        found.append(quarter_of(found[-1].start - timedelta(days=1)))
    return found[::-1]


def weekly(start: date, end: date, weekday: int) -> list[date]:
    """Return the weekday of every week from start to end, both included."""
    day = start + timedelta(days=(weekday - start.weekday()) % 7)
    days = []
    while day <= end:
        days.append(day)
        day += timedelta(weeks=1)
    return days


@dataclass(frozen=True)
class Reading:
    """One check-in: its day, value, confidence and whether it keeps pace."""

    day: date
    value: float
    confidence: int
    on_pace: bool


def readings(
    kind: str,
    direction: str,
    start: float,
    target: float,
    decimals: int,
    pace: float,
    days: list[date],
    cycle: tuple[date, date],
    closing: bool,
    rng: random.Random,
) -> list[Reading]:
    """Return check-ins on the days, progress moving at pace times the straight line, with noise.

    When closing, the last day stands for the cycle's end and its value for the final one.
    """
    shares = [elapsed_share(*cycle, day) for day in days]
    if closing and shares and shares[-1] > 0:
        shares = [share / shares[-1] for share in shares]
    noise, confidence, found = 0.0, float(FIRST_CONFIDENCE), []
    for day, share in zip(days, shares, strict=True):
        noise = 0.6 * noise + rng.gauss(0, NOISE * min(1.0, share / 0.3))
        worked = min(1.0, share + HEAD_START)
        if kind == "binary":
            done = pace * worked >= MILESTONE_DONE_AT
            value = 1.0 if done else 0.0
            on_pace = done or pace >= ON_TRACK_SHARE
            goal = 9 if done else 2 + 6 * min(pace, 1.15)
        elif direction == "stay-above":
            value = start + rng.gauss(0, 10**-decimals)
            on_pace, done = round(value, decimals) >= target, False
            goal = 8 if on_pace else 4
        else:
            progress = clamp(pace * worked + noise)
            value = start + progress * (target - start)
            on_pace = progress >= ON_TRACK_SHARE * share
            goal = FIRST_CONFIDENCE if share < 0.1 else 2 + 6 * min(progress / share, 1.15)
            done = progress >= 1
        confidence = clamp(round(0.5 * confidence + 0.5 * goal + rng.gauss(0, 0.6)), 0, 10)
        if not done:
            confidence = min(confidence, SURE_UNTIL_DONE)
        found.append(Reading(day, round(value, decimals) + 0.0, int(confidence), on_pace))
    return found


def pace(rng: random.Random) -> float:
    """Return how fast a key result moves, as a multiple of the straight line to its target."""
    return max(0.1, rng.gauss(0.85, 0.3))
