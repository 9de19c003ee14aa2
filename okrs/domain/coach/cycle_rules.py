"""Rules about the running cycle: check-ins on the key results of active objectives."""

from datetime import date

from okrs.domain.coach.findings import Finding
from okrs.domain.coach.language import quote
from okrs.domain.coach.rules import Context, finding
from okrs.domain.document import CycleDoc, Document, KeyResultDoc, ObjectiveDoc
from okrs.domain.progress import ProgressError, infer_direction, key_result_progress


def is_active(cycle: CycleDoc, today: date) -> bool:
    """Return whether the cycle runs on the date: state active, or no state and the date inside."""
    if cycle.state:
        return cycle.state == "active"
    return cycle.start <= today <= cycle.end


def current_value(key_result: KeyResultDoc, today: date) -> float | None:
    """Return the latest check-in value up to the date, else the key result's current value."""
    past = [c for c in key_result.check_ins if c.date <= today]
    if past:
        return max(past, key=lambda c: c.date).value
    return key_result.current


def is_done(key_result: KeyResultDoc, today: date) -> bool:
    """Return whether the key result is reached: a binary milestone done, a metric at its target."""
    current = current_value(key_result, today)
    if current is None:
        return False
    if key_result.type == "binary":
        return current >= 1
    if key_result.target is None or key_result.direction in (
        "stay-above",
        "stay-below",
        "maintain",
    ):
        return False
    direction = key_result.direction or infer_direction(key_result.start, key_result.target)
    try:
        progress = key_result_progress(
            key_result.type, direction, key_result.start, key_result.target, current
        )
    except ProgressError:
        return False
    return progress >= 1


def no_recent_check_in(
    document: Document, context: Context, objectives: list[ObjectiveDoc] | None = None
) -> list[Finding]:
    """Flag key results of active objectives in active cycles not checked in within the cadence.

    Only the given objectives' key results are checked, by default all the document's; without a
    date to judge by (none given, none in the document) nothing is flagged.
    """
    today = context.today
    if today is None:
        return []
    cadence = context.profile.check_in_days
    found = []
    for objective in document.objectives if objectives is None else objectives:
        cycle = document.cycle(objective.cycle)
        if objective.status != "active" or cycle is None or not is_active(cycle, today):
            continue
        for key_result in objective.key_results:
            past = [c.date for c in key_result.check_ins if c.date <= today]
            since = max(past) if past else cycle.start
            gap = (today - since).days
            if gap <= cadence or is_done(key_result, today):
                continue
            if past:
                said = f"was last checked in on {since} ({gap} days before {today})"
            else:
                said = f"has had no check-in since {cycle.id} started on {since} ({gap} days)"
            found.append(
                finding(
                    "no-recent-check-in",
                    key_result.id,
                    f"{key_result.id} {quote(key_result.title, 50)} {said}; the "
                    f"{context.profile.name} profile checks in every {cadence} days.",
                    "Check in on it: record today's value, your confidence and what is in the way.",
                    key_result.line,
                )
            )
    return found
