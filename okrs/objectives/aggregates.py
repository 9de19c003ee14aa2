"""Progress and check-in aggregates computed in the database, for dashboards at any size."""

from datetime import datetime, timedelta

from django.db.models import Avg, Case, Count, F, FloatField, Max, Q, Sum, Value, When
from django.db.models.functions import Cast, Greatest, Least, TruncWeek

from okrs.cycles.models import Cycle
from okrs.domain.rollup import KeyResultInput, objective_progresses
from okrs.objectives.models import CheckIn, KeyResult, Objective

ONE, ZERO = Value(1.0), Value(0.0)


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


def _sums(key_results) -> dict[int, tuple[float, float]]:
    """Return per objective the weighted progress and weight sums of its unlinked key results."""
    weighted = Sum(key_result_progress_sql() * F("weight"), output_field=FloatField())
    rows = (
        key_results.filter(linked_objective__isnull=True)
        .values("objective_id")
        .annotate(weighted=weighted, weights=Sum("weight"))
        .order_by()
    )
    return {row["objective_id"]: (row["weighted"] or 0.0, row["weights"] or 0.0) for row in rows}


def _linked(key_results) -> list[dict]:
    return list(
        key_results.filter(linked_objective__isnull=False)
        .values("objective_id", "weight", "linked_objective_id")
        .annotate(own=key_result_progress_sql())
        .order_by()
    )


def rolled_up_progress(organization_id: int, objective_ids: set[int]) -> dict[int, float]:
    """Return each objective's progress, linked key results taking their child's, in few queries."""
    scope = KeyResult.objects.filter(organization_id=organization_id)
    sums = _sums(scope.filter(objective_id__in=objective_ids))
    linked = _linked(scope.filter(objective_id__in=objective_ids))
    loaded = set(objective_ids)
    missing = {row["linked_objective_id"] for row in linked} - loaded
    while missing:
        sums |= _sums(scope.filter(objective_id__in=missing))
        more = _linked(scope.filter(objective_id__in=missing))
        linked += more
        loaded |= missing
        missing = {row["linked_objective_id"] for row in more} - loaded
    inputs: dict[int, list[KeyResultInput]] = {pk: [] for pk in loaded}
    for pk, (weighted, weights) in sums.items():
        if weights:
            inputs[pk].append(KeyResultInput(weighted / weights, weights))
    for row in linked:
        inputs[row["objective_id"]].append(
            KeyResultInput(row["own"], row["weight"], row["linked_objective_id"])
        )
    return objective_progresses(inputs)


def objective_progress_rows(cycle: Cycle) -> list[dict]:
    """Return each objective of the cycle with its rolled-up progress and mean confidence."""
    rows = list(
        Objective.objects.filter(organization_id=cycle.organization_id, cycle=cycle)
        .exclude(status=Objective.State.ABANDONED)
        .values("id", "title", "ambition", "team__name", "team__slug", state=F("status"))
        .annotate(
            confidence=Avg(
                "key_results__confidence", filter=Q(key_results__deleted_at__isnull=True)
            )
        )
        .order_by("id")
    )
    progress = rolled_up_progress(cycle.organization_id, {row["id"] for row in rows})
    for row in rows:
        row["progress"] = progress.get(row["id"], 0.0)
    return rows


def check_in_coverage(cycle: Cycle, since: datetime) -> tuple[int, int]:
    """Return how many active key results were checked in since the moment, of how many."""
    counts = KeyResult.objects.filter(
        organization_id=cycle.organization_id,
        objective__cycle=cycle,
        objective__status=Objective.State.ACTIVE,
    ).aggregate(total=Count("id"), fresh=Count("id", filter=Q(checked_in_at__gte=since)))
    return counts["fresh"], counts["total"]


def teams_without_check_in(cycle: Cycle, since: datetime) -> list[dict]:
    """Return the teams with active objectives in the cycle and no check-in since the moment."""
    return list(
        KeyResult.objects.filter(
            organization_id=cycle.organization_id,
            objective__cycle=cycle,
            objective__status=Objective.State.ACTIVE,
            objective__team__isnull=False,
        )
        .values("objective__team__name", "objective__team__slug")
        .annotate(last=Max("checked_in_at"))
        .filter(Q(last__isnull=True) | Q(last__lt=since))
        .order_by("objective__team__name")
    )


def confidence_by_week(cycle: Cycle) -> list[dict]:
    """Return the mean confidence of the cycle's check-ins, week by week."""
    return list(
        CheckIn.objects.filter(
            organization_id=cycle.organization_id, key_result__objective__cycle=cycle
        )
        .annotate(week=TruncWeek("checked_in_at"))
        .values("week")
        .annotate(confidence=Avg("confidence"), check_ins=Count("id"))
        .order_by("week")
    )


def window_start(now: datetime, days: int) -> datetime:
    """Return the start of the cadence window that ends now."""
    return now - timedelta(days=days)
