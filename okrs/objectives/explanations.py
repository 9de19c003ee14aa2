"""Load what an objective's figures are computed from and explain them (okrs/domain/explain.py)."""

from datetime import date

from django.db.models import Q

from okrs.domain.explain import KeyResultFacts, ObjectiveFacts, ObjectiveWhy, explain_objective
from okrs.domain.rollup import KeyResultInput
from okrs.objectives.models import KeyResult, Objective
from okrs.objectives.scorecards import load_linked


def key_result_facts(kr: KeyResult) -> KeyResultFacts[int]:
    """Return a key result's numbers as the math reads them."""
    return KeyResultFacts(
        title=kr.title,
        type=kr.type,
        direction=kr.effective_direction(),
        start=kr.start,
        target=kr.target,
        current=kr.current,
        weight=kr.weight,
        checked_in=kr.checked_in_at is not None,
        confidence=kr.confidence,
        grade=kr.grade,
        unit=kr.unit,
        linked_objective=kr.linked_objective_id,
        key=kr.pk,
    )


def _children_inputs(key_results: list[KeyResult], own: int) -> dict[int, list[KeyResultInput]]:
    """Return the roll-up inputs of the linked child objectives, level by level."""
    linked = load_linked(key_results, {own})
    every = [*key_results, *linked]
    inputs: dict[int, list[KeyResultInput]] = {
        pk: [] for pk in {kr.linked_objective_id for kr in every if kr.linked_objective_id} - {own}
    }
    for kr in linked:
        checked_in = kr.checked_in_at is not None
        inputs[kr.objective_id].append(
            KeyResultInput(kr.own_progress(), kr.weight, kr.linked_objective_id, checked_in)
        )
    return inputs


def explain(objective: Objective, scale: str, on: date, seen: Q | None = None) -> ObjectiveWhy:
    """Return why the objective (its cycle loaded) shows its figures; `seen` hides child titles."""
    key_results = list(KeyResult.objects.filter(objective=objective))
    cycle = objective.cycle
    facts = ObjectiveFacts(
        key=objective.pk,
        lifecycle=objective.status,
        ambition=objective.ambition,
        cycle_state=cycle.state,
        cycle_start=cycle.start,
        cycle_end=cycle.end,
        grade=objective.grade,
        key_results=tuple(key_result_facts(kr) for kr in key_results),
    )
    children = _children_inputs(key_results, objective.pk)
    direct = [kr.linked_objective_id for kr in key_results if kr.linked_objective_id]
    titles = Objective.objects.filter(pk__in=direct)
    if seen is not None:
        titles = titles.filter(seen)
    return explain_objective(facts, children, dict(titles.values_list("pk", "title")), scale, on)
