"""The OKR cadence of a cycle: planning, daily alignment, check-ins, reviews and evaluation."""

from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Dates okrs schedules events between; far beyond any real cycle, well inside what datetimes hold.
EARLIEST = date(1900, 1, 1)
LATEST = date(9000, 12, 31)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WORKING_DAYS = (0, 1, 2, 3, 4)
REVIEW_MINUTES = 60
DEFAULT_CHECK_IN_MINUTES = 30
# The OKR Institute's guide asks for weekly check-ins of 15 to 20 minutes.
CHECK_IN_MINUTES_BY_PROFILE = {"okr-institute": 20}


class CadenceError(ValueError):
    """A cadence that cannot be scheduled."""


class EventKind(StrEnum):
    """The five events of P-OKR's cadence."""

    PLANNING = "planning"
    DAILY_ALIGNMENT = "daily-alignment"
    CHECK_IN = "check-in"
    REVIEW = "review"
    EVALUATION = "evaluation"


EVENT_NAMES = {
    EventKind.PLANNING: "OKR Planning",
    EventKind.DAILY_ALIGNMENT: "Daily Alignment",
    EventKind.CHECK_IN: "OKR Check-in",
    EventKind.REVIEW: "OKR Review",
    EventKind.EVALUATION: "OKR Evaluation",
}

EVENT_PURPOSES = {
    EventKind.PLANNING: (
        "Sets the direction of the coming cycle: the strategic objectives are communicated, "
        "teams draft their OKRs independently in a workshop (coaching allowed, interference not), "
        "then drafts are shared and aligned across teams to show gaps, incongruencies, needs, "
        "provisions and dependencies. Learnings from the last review and evaluation feed the "
        "drafts."
    ),
    EventKind.DAILY_ALIGNMENT: (
        "Keeps the team aligned and accountable: inspect progress towards the OKRs, name "
        "obstacles and adapt. Not a status report. The team decides when, where and how often "
        "it aligns; others attend by invitation."
    ),
    EventKind.CHECK_IN: (
        "Inspects actual against expected results, obstacles and successes, and aligns support "
        "and dependencies across teams. Open to invited outsiders; frequent enough to prevent "
        "misalignment, not so frequent that progress cannot be assessed."
    ),
    EventKind.REVIEW: (
        "Teams and stakeholders examine outcomes, re-prioritise and assess their confidence in "
        "the remaining objectives. Stakeholders take part, so progress is transparent at every "
        "level."
    ),
    EventKind.EVALUATION: (
        "Closes the cycle: first each team scores its OKRs and reflects on its own (what worked, "
        "what did not, why, what lay outside its control), then shares its scores and learnings "
        "with stakeholders and plans improvements for the next cycle."
    ),
}

ALL_KINDS = frozenset(EventKind)
RHYTHM_KINDS = frozenset({EventKind.CHECK_IN, EventKind.REVIEW})
CYCLE_KINDS = frozenset({EventKind.PLANNING, EventKind.EVALUATION})


@dataclass(frozen=True)
class Cadence:
    """When a team holds its OKR events; times are wall-clock times in the time zone."""

    check_in_days: int = 14
    check_in_weekday: int = 1
    check_in_time: time = time(10, 0)
    check_in_minutes: int = DEFAULT_CHECK_IN_MINUTES
    review_months: int = 1
    planning_weeks: int = 2
    daily_alignment: bool = False
    daily_weekdays: tuple[int, ...] = WORKING_DAYS
    daily_time: time = time(9, 30)
    daily_minutes: int = 15
    time_zone: str = "UTC"

    def zone(self) -> ZoneInfo:
        """Return the time zone the cadence's times are in."""
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise CadenceError(f"unknown time zone {self.time_zone!r}") from error


@dataclass(frozen=True)
class PlannedEvent:
    """One event of a cycle's cadence: all-day events run from a date to an exclusive end date."""

    kind: EventKind
    slot: str
    title: str
    start: date | datetime
    end: date | datetime
    all_day: bool

    def day(self) -> date:
        """Return the (first) day the event falls on."""
        if self.all_day or not isinstance(self.start, datetime):
            return self.start
        return self.start.date()


def profile_cadence(
    check_in_days: int, review_days: int, profile_slug: str = "", time_zone: str = "UTC"
) -> Cadence:
    """Return the default cadence of a practice profile."""
    return Cadence(
        check_in_days=check_in_days,
        check_in_minutes=CHECK_IN_MINUTES_BY_PROFILE.get(profile_slug, DEFAULT_CHECK_IN_MINUTES),
        review_months=max(1, round(review_days / 30)),
        time_zone=time_zone,
    )


def with_overrides(base: Cadence, overrides: dict[str, Any]) -> Cadence:
    """Return the cadence with the given values replacing the base's; None and "" inherit."""
    names = {f.name for f in fields(Cadence)}
    unknown = set(overrides) - names
    if unknown:
        raise CadenceError(f"unknown cadence settings: {', '.join(sorted(unknown))}")
    kept = {k: v for k, v in overrides.items() if v is not None and v != "" and v != ()}
    if "daily_weekdays" in kept:
        kept["daily_weekdays"] = tuple(sorted(set(kept["daily_weekdays"])))
    return replace(base, **kept)


def team_cadence(organization: Cadence, overrides: dict[str, Any]) -> Cadence:
    """Return a team's cadence: its overrides over the organisation's, its own Daily Alignment.

    The organisation's Daily Alignment is only a suggestion (P-OKR: the team owns it, with no
    outside mandate); the team holds one only when it chose to.
    """
    cadence = with_overrides(organization, overrides)
    return replace(cadence, daily_alignment=overrides.get("daily_alignment") is True)


def validate_cadence(cadence: Cadence) -> None:
    """Raise CadenceError when the cadence cannot be scheduled."""
    positive = ("check_in_days", "check_in_minutes", "review_months", "daily_minutes")
    for name in positive:
        if getattr(cadence, name) < 1:
            raise CadenceError(f"{name.replace('_', ' ')} must be at least 1")
    if cadence.planning_weeks < 0:
        raise CadenceError("planning weeks cannot be negative")
    weekdays = (cadence.check_in_weekday, *cadence.daily_weekdays)
    if any(day not in range(7) for day in weekdays):
        raise CadenceError("weekdays run from 0 (Monday) to 6 (Sunday)")
    cadence.zone()


def add_months(day: date, months: int) -> date:
    """Return the same day of the month the given number of months later, clamped to its end."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (next_month - timedelta(days=1)).day))


def on_or_before(day: date, weekday: int) -> date:
    """Return the last date falling on the weekday on or before the day."""
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def on_or_after(day: date, weekday: int) -> date:
    """Return the first date falling on the weekday on or after the day."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def last_working_day(day: date) -> date:
    """Return the day itself, or the Friday before when it falls on a weekend."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def evaluation_day(start: date, end: date) -> date:
    """Return the day of the cycle's evaluation: its last working day."""
    return max(start, last_working_day(end))


def check_in_dates(start: date, end: date, cadence: Cadence) -> list[date]:
    """Return the check-in dates: one interval into the cycle, then every interval until its end."""
    last = evaluation_day(start, end)
    day = on_or_after(start + timedelta(days=cadence.check_in_days), cadence.check_in_weekday)
    days = []
    while day < last:
        days.append(day)
        day += timedelta(days=cadence.check_in_days)
    return days


def review_dates(start: date, end: date, cadence: Cadence) -> list[tuple[int, date]]:
    """Return (period number, date) of each review: the check-in weekday ending each period."""
    last = evaluation_day(start, end)
    reviews = []
    period = 1
    period_end = add_months(start, cadence.review_months) - timedelta(days=1)
    # The period that ends with the cycle has the evaluation instead of a review.
    while period_end < end:
        day = on_or_before(period_end, cadence.check_in_weekday)
        if start < day < last:
            reviews.append((period, day))
        period += 1
        period_end = add_months(start, period * cadence.review_months) - timedelta(days=1)
    return reviews


def _timed(
    kind: EventKind, slot: str, day: date, at: time, minutes: int, cadence: Cadence, title: str
) -> PlannedEvent:
    starts = datetime.combine(day, at, tzinfo=cadence.zone())
    return PlannedEvent(kind, slot, title, starts, starts + timedelta(minutes=minutes), False)


def plan_cycle(
    start: date,
    end: date,
    cadence: Cadence,
    cycle_name: str,
    kinds: frozenset[EventKind] | set[EventKind] = ALL_KINDS,
) -> list[PlannedEvent]:
    """Return the cycle's events of the given kinds under the cadence, in time order."""
    if end <= start:
        raise CadenceError("a cycle must end after it starts")
    if start < EARLIEST or end > LATEST:
        raise CadenceError(f"okrs schedules cycles between {EARLIEST} and {LATEST}")
    validate_cadence(cadence)
    events: list[PlannedEvent] = []
    if EventKind.PLANNING in kinds and cadence.planning_weeks:
        opens = start - timedelta(weeks=cadence.planning_weeks)
        title = f"{EVENT_NAMES[EventKind.PLANNING]} for {cycle_name}"
        events.append(PlannedEvent(EventKind.PLANNING, "planning", title, opens, start, True))
    reviews = review_dates(start, end, cadence) if EventKind.REVIEW in kinds else []
    for period, day in reviews:
        events.append(
            _timed(
                EventKind.REVIEW,
                f"review:{period}",
                day,
                cadence.check_in_time,
                REVIEW_MINUTES,
                cadence,
                EVENT_NAMES[EventKind.REVIEW],
            )
        )
    if EventKind.CHECK_IN in kinds:
        # A review inspects everything a check-in would, so it takes the check-in's place.
        reviewed_on = {day for _, day in reviews}
        for day in check_in_dates(start, end, cadence):
            if day not in reviewed_on:
                events.append(
                    _timed(
                        EventKind.CHECK_IN,
                        f"check-in:{day.isoformat()}",
                        day,
                        cadence.check_in_time,
                        cadence.check_in_minutes,
                        cadence,
                        EVENT_NAMES[EventKind.CHECK_IN],
                    )
                )
    if EventKind.DAILY_ALIGNMENT in kinds and cadence.daily_alignment:
        day = start
        while day <= end:
            if day.weekday() in cadence.daily_weekdays:
                events.append(
                    _timed(
                        EventKind.DAILY_ALIGNMENT,
                        f"daily-alignment:{day.isoformat()}",
                        day,
                        cadence.daily_time,
                        cadence.daily_minutes,
                        cadence,
                        EVENT_NAMES[EventKind.DAILY_ALIGNMENT],
                    )
                )
            day += timedelta(days=1)
    if EventKind.EVALUATION in kinds:
        day = evaluation_day(start, end)
        title = f"{EVENT_NAMES[EventKind.EVALUATION]} of {cycle_name}"
        events.append(
            PlannedEvent(
                EventKind.EVALUATION, "evaluation", title, day, day + timedelta(days=1), True
            )
        )
    return sorted(events, key=_sort_key)


def _sort_key(event: PlannedEvent) -> tuple[object, ...]:
    if event.all_day or not isinstance(event.start, datetime):
        return (event.start, 0, event.slot)
    return (event.start.date(), 1, event.start.time(), event.slot)


def describe(cadence: Cadence) -> dict[str, str]:
    """Return the cadence in words, one line per event."""
    weekday = WEEKDAY_NAMES[cadence.check_in_weekday]
    every = "Every week" if cadence.check_in_days == 7 else f"Every {cadence.check_in_days} days"
    if cadence.check_in_days % 7 == 0 and cadence.check_in_days > 7:
        every = f"Every {cadence.check_in_days // 7} weeks"
    months = "month" if cadence.review_months == 1 else f"{cadence.review_months} months"
    daily = "Off: the team decides"
    if cadence.daily_alignment:
        days = ", ".join(WEEKDAY_NAMES[d][:3] for d in cadence.daily_weekdays)
        daily = f"{days} at {cadence.daily_time:%H:%M}, {cadence.daily_minutes} min"
    return {
        EventKind.PLANNING: f"Opens {cadence.planning_weeks} weeks before the cycle starts"
        if cadence.planning_weeks
        else "Not scheduled",
        EventKind.DAILY_ALIGNMENT: daily,
        EventKind.CHECK_IN: f"{every}, {weekday} at {cadence.check_in_time:%H:%M}, "
        f"{cadence.check_in_minutes} min",
        EventKind.REVIEW: f"Every {months}, on the last {weekday} of the period, "
        f"{cadence.check_in_time:%H:%M}, {REVIEW_MINUTES} min",
        EventKind.EVALUATION: "The last working day of the cycle",
    }
