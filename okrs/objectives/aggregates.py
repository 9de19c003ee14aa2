"""Progress and check-in aggregates computed in the database, for dashboards at any size."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    F,
    FloatField,
    Func,
    Max,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Greatest, Least, TruncWeek
from django.utils import timezone

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.domain.rollup import KeyResultInput, objective_progresses
from okrs.domain.states import objectives_checked_in
from okrs.objectives.models import CheckIn, KeyResult, Objective

ONE, ZERO = Value(1.0), Value(0.0)


class Epoch(Func):
    """A moment as seconds since 1970 UTC: a float is read far faster than a timestamp."""

    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra):
        """Extract the epoch, exact to the microsecond in a double."""
        return self.as_sql(
            compiler, connection, template="EXTRACT(EPOCH FROM %(expressions)s)::float8"
        )

    def as_sqlite(self, compiler, connection, **extra):
        """Whole seconds from the julian day, plus the stored fraction ('.ffffff', or none)."""
        seconds = "ROUND((julianday(substr(%(expressions)s, 1, 19)) - 2440587.5) * 86400.0)"
        template = f"({seconds} + CAST(substr(%(expressions)s, 20) AS REAL))"
        sql, params = self.as_sql(compiler, connection, template=template)
        return sql, (*params, *params)  # the moment is written twice


def moment(epoch: float | None) -> datetime | None:
    """Return the aware UTC moment of an epoch."""
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC)


def key_result_progress_sql():
    """Return the SQL of a key result's own progress, as okrs.domain.progress computes it."""
    current, start, target = F("current"), F("start"), F("target")
    ratio = Cast(current - start, FloatField()) / Cast(target - start, FloatField())
    return Case(
        When(current__isnull=True, then=ZERO),
        When(type="binary", then=Case(When(current__gte=1, then=ONE), default=ZERO)),
        When(direction="stay-above", then=Case(When(current__gte=target, then=ONE), default=ZERO)),
        When(direction="stay-below", then=Case(When(current__lte=target, then=ONE), default=ZERO)),
        When(Q(start__isnull=True) | Q(start=target), then=ZERO),
        default=Greatest(ZERO, Least(ONE, ratio)),
        output_field=FloatField(),
    )


def _sums(key_results, fresh_since: datetime | None = None) -> dict[int, tuple]:
    """Return per objective the weighted progress, weight sums and check-in count of its unlinked
    key results.

    With `fresh_since`, each also carries, over all its key results, the mean confidence, the
    count, how many were checked in since that moment and the last check-in.
    """
    unlinked = Q(linked_objective__isnull=True)
    weighted = Sum(
        key_result_progress_sql() * F("weight"), filter=unlinked, output_field=FloatField()
    )
    sums: dict[str, Any] = {
        "weighted": weighted,
        "weights": Sum("weight", filter=unlinked),
        "checked": Count("checked_in_at", filter=unlinked),
    }
    if fresh_since is None:
        key_results = key_results.filter(unlinked)
    else:
        sums |= {
            "confidence": Cast(Avg("confidence"), FloatField()),
            "count": Count("id"),
            "fresh": Count("id", filter=Q(checked_in_at__gte=fresh_since)),
            "last": Epoch(Max("checked_in_at")),
        }
    rows = key_results.values("objective_id").annotate(**sums).order_by()
    return {
        pk: (weighted or 0.0, weights or 0.0, checked, *more)
        for pk, weighted, weights, checked, *more in _as_read(
            rows.values_list("objective_id", *sums)
        )
    }


def _as_read(rows) -> list[tuple]:
    """Return the rows as the driver reads them: numbers only, so no converter is needed."""
    try:
        sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    except EmptyResultSet:
        return []
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _linked(key_results) -> list[dict]:
    return list(
        key_results.filter(linked_objective__isnull=False)
        .values("objective_id", "weight", "linked_objective_id", "checked_in_at")
        .annotate(own=key_result_progress_sql())
        .order_by()
    )


def _progress_and_rhythm(
    organization_id: int, objective_ids: set[int], chosen=None, fresh_since: datetime | None = None
) -> tuple[dict[int, float], dict[int, tuple], set[int]]:
    """Return each objective's rolled-up progress, its own key results' check-in figures, and
    the objectives with a check-in (a linked child's counting)."""
    # `chosen`, a query of the same objectives' ids, keeps thousands of literal ids out of the SQL.
    scope = KeyResult.objects.filter(organization_id=organization_id)
    first = scope.filter(objective_id__in=objective_ids if chosen is None else chosen)
    sums = _sums(first, fresh_since)
    own = {pk: row[3:] for pk, row in sums.items()}
    linked = _linked(first)
    loaded = set(objective_ids)
    missing = {row["linked_objective_id"] for row in linked} - loaded
    while missing:
        sums |= _sums(scope.filter(objective_id__in=missing))
        more = _linked(scope.filter(objective_id__in=missing))
        linked += more
        loaded |= missing
        missing = {row["linked_objective_id"] for row in more} - loaded
    inputs: dict[int, list[KeyResultInput]] = {pk: [] for pk in loaded}
    for pk, (weighted, weights, checked, *_) in sums.items():
        # Weightless key results move no progress, yet a check-in on them has started the objective.
        if weights or checked:
            share = weighted / weights if weights else 0.0
            inputs[pk].append(KeyResultInput(share, weights, checked_in=checked > 0))
    for row in linked:
        inputs[row["objective_id"]].append(
            KeyResultInput(
                row["own"],
                row["weight"],
                row["linked_objective_id"],
                row["checked_in_at"] is not None,
            )
        )
    return objective_progresses(inputs), own, objectives_checked_in(inputs)


def objective_progress_rows(cycle: Cycle, fresh_since: datetime | None = None) -> list[dict]:
    """Return each objective of the cycle with its rolled-up progress and check-in figures.

    Besides progress: whether any key result has a check-in (a linked child's counting), the mean
    confidence and count of its key results, how many of them were checked in since
    `fresh_since` (a week ago by default) and its last check-in.
    """
    shown = Objective.objects.filter(organization_id=cycle.organization_id, cycle=cycle).exclude(
        status=Objective.State.ABANDONED
    )
    rows = list(
        shown.values(
            "id", "title", "ambition", "team__name", "team__slug", state=F("status")
        ).order_by("id")
    )
    fresh_since = window_start(clock.now(), 7) if fresh_since is None else fresh_since
    progress, own, started = _progress_and_rhythm(
        cycle.organization_id, {row["id"] for row in rows}, shown.values("id"), fresh_since
    )
    for row in rows:
        row["progress"] = progress.get(row["id"], 0.0)
        row["checked_in"] = row["id"] in started
        figures = own.get(row["id"], (None, 0, 0, None))
        row["confidence"], row["key_results"], row["fresh"], last = figures
        row["last_check_in"] = moment(last)
    return rows


def confidence_by_week(cycle: Cycle) -> list[dict]:
    """Return the mean confidence of the cycle's check-ins, week by week."""
    # By the ids of the cycle's live key results, found through its objectives, so each index
    # narrows its read; the subquery already leaves the trash out, no join on key results needed.
    objectives = Objective.all_objects.filter(
        organization_id=cycle.organization_id, cycle=cycle
    ).values("id")
    key_results = KeyResult.objects.filter(objective_id__in=objectives).values("id")
    check_ins = CheckIn.all_objects.filter(
        organization_id=cycle.organization_id, key_result_id__in=key_results
    )
    if connection.vendor == "sqlite" and _whole_hour_offsets(cycle):
        return _weeks_from_hours(check_ins)
    weeks = (
        check_ins.annotate(week=TruncWeek("checked_in_at"))
        .values("week")
        .annotate(confidence=Avg("confidence"), check_ins=Count("id"))
        .order_by("week")
    )
    return [dict(week) for week in weeks]


def _whole_hour_offsets(cycle: Cycle) -> bool:
    """Return whether the time zone is a whole number of hours from UTC around the cycle."""
    zone = timezone.get_current_timezone()
    week = timedelta(days=7)
    days = [
        max(cycle.start, date.min + week) - week,
        cycle.start,
        cycle.end,
        min(cycle.end, date.max - week) + week,
    ]
    return all(
        zone.utcoffset(datetime.combine(day, time())).total_seconds() % 3600 == 0 for day in days
    )


def _weeks_from_hours(check_ins) -> list[dict]:
    """Group by UTC hour with SQLite's own strftime, then fold the hours into local weeks.

    TruncWeek would call a Python function for every check-in row on SQLite; hours map
    exactly to local weeks in any zone whose offset is whole hours.
    """
    hour = Func(
        Value("%Y-%m-%d %H"), "checked_in_at", function="strftime", output_field=CharField()
    )
    rows = (
        check_ins.annotate(hour=hour)
        .values("hour")
        .annotate(total=Sum("confidence"), count=Count("id"))
        .order_by()
    )
    weeks: dict[datetime, list[int]] = {}
    for row in rows:
        at = datetime.strptime(row["hour"], "%Y-%m-%d %H").replace(tzinfo=UTC)
        day = timezone.localtime(at).date()
        week = timezone.make_aware(datetime.combine(day - timedelta(days=day.weekday()), time()))
        sums = weeks.setdefault(week, [0, 0])
        sums[0] += row["total"]
        sums[1] += row["count"]
    return [
        {"week": week, "confidence": total / count, "check_ins": count}
        for week, (total, count) in sorted(weeks.items())
    ]


def window_start(now: datetime, days: int) -> datetime:
    """Return the start of the cadence window that ends now."""
    return now - timedelta(days=days)
