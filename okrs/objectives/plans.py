"""Kept plans of key results: the baseline a cycle started with and the re-plans after it.

`replan` keeps them as `update_key_result` changes a start or target; the rest reads them.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from okrs import clock
from okrs.domain.plans import PLAN_FIELDS, is_replan
from okrs.domain.progress import ProgressError, infer_direction, key_result_progress
from okrs.objectives.models import KeyResult, KeyResultPlan, Objective
from okrs.organizations.models import Person


def plans_of(key_result_ids: list[int]) -> dict[int, list[KeyResultPlan]]:
    """Return the kept plans of the key results, oldest first, in one query."""
    found: dict[int, list[KeyResultPlan]] = defaultdict(list)
    rows = KeyResultPlan.objects.filter(key_result_id__in=key_result_ids).select_related("set_by")
    for plan in rows.order_by("set_at", "id"):
        found[plan.key_result_id].append(plan)
    return found


@dataclass(frozen=True)
class Replanned:
    """A re-planned key result: its original plan, the latest re-plan, and progress on each."""

    original: KeyResultPlan
    latest: KeyResultPlan
    count: int
    original_progress: float | None

    def target_changed(self) -> bool:
        """Return whether the re-plans moved the target (not only the start)."""
        return self.original.target != self.latest.target


def replanned(key_result: KeyResult, plans: list[KeyResultPlan]) -> Replanned | None:
    """Return how the key result was re-planned, or None when it kept its original plan."""
    if len(plans) < 2:
        return None
    original = plans[0]
    start = original.start if original.start is not None else key_result.start
    try:
        progress = key_result_progress(
            key_result.type,
            key_result.direction or infer_direction(start, original.target),
            start,
            original.target,
            key_result.current,
        )
    except ProgressError:
        progress = None
    return Replanned(original, plans[-1], len(plans) - 1, progress)


def replan(
    key_result: KeyResult, changed: set[str], reason: str, by: Person | None
) -> KeyResultPlan | None:
    """Keep the earlier plan when the change re-plans the key result; return the new plan.

    Refused, naming `reason`, when no reason is given. The first re-plan also keeps the
    baseline: the plan the key result had when its cycle started. `update_key_result` calls it in
    its transaction, before the row's new values are saved.
    """
    if not changed & set(PLAN_FIELDS):
        return None
    stored = (
        KeyResult.objects.filter(pk=key_result.pk)
        .values("start", "target", "created_at", "objective__status", "objective__cycle__start")
        .get()
    )
    published = stored["objective__status"] != Objective.State.DRAFT
    if not is_replan(stored["objective__cycle__start"], clock.today(), published, changed):
        return None
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {
                "reason": "The cycle has started: say why the start or target changes. "
                "The original plan is kept beside the new one."
            }
        )
    plans = KeyResultPlan.objects.filter(key_result_id=key_result.pk)
    if not plans.exists():  # the row is not saved yet: the stored plan is the one replaced
        KeyResultPlan.objects.create(
            organization_id=key_result.organization_id,
            key_result_id=key_result.pk,
            start=stored["start"],
            target=stored["target"],
            set_at=stored["created_at"],
        )
    return KeyResultPlan.objects.create(
        organization_id=key_result.organization_id,
        key_result_id=key_result.pk,
        start=key_result.start,
        target=key_result.target,
        set_at=clock.now(),
        set_by=by,
        reason=reason,
    )
