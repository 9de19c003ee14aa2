"""Charts of key result values over a cycle, with the check-ins and re-plans people hover."""

from collections.abc import Sequence

from django.utils import timezone

from okrs import clock
from okrs.domain.chart import Chart, Reading, day_label, value_chart
from okrs.domain.numbers import num
from okrs.domain.plans import PlanVersion
from okrs.objectives.models import KeyResultPlan


def check_in_note(check_in) -> str:
    """Return a check-in's hover text after its day and value: confidence, author, notes."""
    parts = [f"confidence {check_in.confidence}/10"]
    if check_in.author_id is not None:
        parts.append(str(check_in.author))
    notes = [n for n in (check_in.progress_note, check_in.problems_note, check_in.plans_note) if n]
    text = " · ".join(parts)
    return f"{text}: {' / '.join(notes)}" if notes else text


def replan_note(plan: KeyResultPlan) -> str:
    """Return a re-plan's hover text: when, by whom, the new plan and why."""
    who = f" by {plan.set_by}" if plan.set_by_id else ""
    when = day_label(timezone.localdate(plan.set_at), year=True)
    return f"Re-planned on {when}{who} to {num(plan.start)} → {num(plan.target)}: {plan.reason}"


def plan_versions(key_result, cycle, plans: list[KeyResultPlan]) -> list[PlanVersion]:
    """Return the plan versions of the key result: the baseline from the cycle's start, re-plans."""
    if not plans:
        return [PlanVersion(cycle.start, key_result.start, key_result.target)]
    baseline, *replans = plans

    def start(plan: KeyResultPlan) -> float:
        return plan.start if plan.start is not None else key_result.start

    versions = [PlanVersion(cycle.start, start(baseline), baseline.target, "The original plan")]
    versions += [
        PlanVersion(timezone.localdate(p.set_at), start(p), p.target, replan_note(p))
        for p in replans
    ]
    return versions


def progress_chart(
    key_result, cycle, check_ins, plans: Sequence[KeyResultPlan] = ()
) -> Chart | None:
    """Return the value-over-time chart of a metric key result, oldest check-in first."""
    if key_result.type == "binary" or key_result.start is None:
        return None
    readings = [
        Reading(timezone.localdate(c.checked_in_at), c.value, check_in_note(c)) for c in check_ins
    ]
    return value_chart(
        cycle.start,
        cycle.end,
        key_result.start,
        key_result.target,
        readings,
        clock.today(),
        versions=plan_versions(key_result, cycle, list(plans)),
    )
