"""The check-in rhythm of a cycle, per team: coverage and regularity (stale: the radar)."""

from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from okrs.cycles.models import Cycle
from okrs.health.structure import PUBLISHED
from okrs.health.targets import cadence_windows
from okrs.objectives.models import CheckIn, KeyResult, Objective

TEAM = "objective__team_id"
CHECK_IN_TEAM = "key_result__objective__team_id"


def moment(day: date) -> datetime:
    """Return the first moment of the day in the current time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def as_of(cycle: Cycle, now: datetime) -> datetime:
    """Return the moment the rhythm is judged at: now, or the cycle's end once it is over."""
    if cycle.end >= date.max - timedelta(days=1):  # a cycle stored before dates were bounded
        return now
    return min(now, moment(cycle.end + timedelta(days=1)))


def _active_key_results(cycle: Cycle):
    return KeyResult.objects.filter(
        organization_id=cycle.organization_id,
        objective__cycle=cycle,
        objective__status=Objective.State.ACTIVE,
    )


def _checked_in(after: datetime, until: datetime) -> Exists:
    """Return whether the key result has a check-in after one moment, up to another."""
    return Exists(
        CheckIn.objects.filter(
            key_result=OuterRef("pk"), checked_in_at__gt=after, checked_in_at__lte=until
        )
    )


def check_in_counts(cycle: Cycle, now: datetime, window_days: int) -> list[dict]:
    """Return per owning team the active key results and the fresh ones.

    Fresh: checked in within the last cadence window.
    """
    until = as_of(cycle, now)
    since = until - timedelta(days=window_days)
    return list(
        _active_key_results(cycle)
        .annotate(fresh_now=_checked_in(since, until))
        .values(TEAM)
        .annotate(active=Count("id"), fresh=Count("id", filter=Q(fresh_now=True)))
        .order_by(TEAM)
    )


def regularity(cycle: Cycle, on: date, window_days: int) -> tuple[list, dict[int, int]]:
    """Return the ended cadence windows and, per team, how many of them had a check-in."""
    windows = cadence_windows(cycle.start, cycle.end, on, window_days)
    if not windows:
        return windows, {}
    per_window = {
        f"w{n}": Count("id", filter=Q(checked_in_at__gte=moment(a), checked_in_at__lt=moment(b)))
        for n, (a, b) in enumerate(windows)
    }
    rows = (
        CheckIn.objects.filter(
            organization_id=cycle.organization_id,
            key_result__objective__cycle=cycle,
            key_result__objective__status__in=PUBLISHED,
            key_result__objective__team__isnull=False,
            checked_in_at__gte=moment(windows[0][0]),
            checked_in_at__lt=moment(windows[-1][1]),
        )
        .values(CHECK_IN_TEAM)
        .annotate(**per_window)
        .order_by(CHECK_IN_TEAM)
    )
    return windows, {row[CHECK_IN_TEAM]: sum(1 for w in per_window if row[w]) for row in rows}


def confidence_by_week(cycle: Cycle, now: datetime) -> list[dict]:
    """Return the mean confidence of the published objectives' check-ins, week by week."""
    return list(
        CheckIn.objects.filter(
            organization_id=cycle.organization_id,
            key_result__objective__cycle=cycle,
            key_result__objective__status__in=PUBLISHED,
            checked_in_at__lte=as_of(cycle, now),
        )
        .annotate(week=TruncWeek("checked_in_at"))
        .values("week")
        .annotate(confidence=Avg("confidence"), check_ins=Count("id"))
        .order_by("week")
    )
