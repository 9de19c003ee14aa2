"""Kept plans of key results: the baseline a cycle started with and the re-plans after it."""

from collections import defaultdict
from dataclasses import dataclass

from okrs.domain.progress import ProgressError, infer_direction, key_result_progress
from okrs.objectives.models import KeyResult, KeyResultPlan


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
