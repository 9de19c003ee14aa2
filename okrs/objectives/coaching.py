"""The coach's findings on drafts typed in the app."""

from dataclasses import dataclass

from okrs.domain.coach import lint_objective
from okrs.domain.document import KeyResultDoc, ObjectiveDoc
from okrs.domain.initiatives import action_plan_target
from okrs.objectives.initiatives import is_measurable
from okrs.objectives.models import KeyResult
from okrs.organizations.models import Organization, Team


def _number(text) -> float | None:
    try:
        return float(str(text).replace(",", "")) if text not in (None, "") else None
    except ValueError:
        return None


def objective_doc_from_form(data, prefix: str = "kr") -> ObjectiveDoc:
    """Return the draft as a document objective, from the form's raw data, however incomplete."""
    key_results = []
    total = int(_number(data.get(f"{prefix}-TOTAL_FORMS")) or 0)
    for n in range(min(total, 20)):
        title = (data.get(f"{prefix}-{n}-title") or "").strip()
        if not title or data.get(f"{prefix}-{n}-DELETE"):
            continue
        key_results.append(
            KeyResultDoc(
                id=f"KR{len(key_results) + 1}",
                title=title,
                type=data.get(f"{prefix}-{n}-type") or "metric",
                start=_number(data.get(f"{prefix}-{n}-start")),
                target=_number(data.get(f"{prefix}-{n}-target")),
                unit=data.get(f"{prefix}-{n}-unit") or "",
                direction=data.get(f"{prefix}-{n}-direction") or None,
                indicator=data.get(f"{prefix}-{n}-indicator") or None,
                balancing=bool(data.get(f"{prefix}-{n}-balancing")),
            )
        )
    return ObjectiveDoc(
        id="This objective",
        title=(data.get("title") or "").strip(),
        cycle="",
        team=data.get("team") or None,
        hypothesis=(data.get("hypothesis") or "").strip(),
        aligned_to=[str(v) for v in data.getlist("aligned_to")] if hasattr(data, "getlist") else [],
        key_results=key_results,
    )


def objective_doc_from_model(objective) -> ObjectiveDoc:
    """Return a saved objective and its key results as a document objective."""
    return ObjectiveDoc(
        id="This objective",
        title=objective.title,
        cycle="",
        team=str(objective.team_id or ""),
        owner=None if objective.team_id else str(objective.owner_id),
        hypothesis=objective.hypothesis,
        aligned_to=[str(pk) for pk in objective.aligned_to.values_list("pk", flat=True)],
        key_results=[
            KeyResultDoc(
                id=f"KR{n}",
                title=kr.title,
                type=kr.type,
                start=kr.start,
                target=kr.target,
                unit=kr.unit,
                direction=kr.direction or None,
                indicator=kr.indicator or None,
                balancing=kr.balancing,
            )
            for n, kr in enumerate(objective.key_results.all(), start=1)
        ],
    )


def draft_findings(data, objective, organization: Organization) -> list:
    """Return the coach's findings on a draft (form data) or a saved objective."""
    if data is not None:
        draft = objective_doc_from_form(data)
    elif objective is not None:
        draft = objective_doc_from_model(objective)
    else:
        return []
    if not draft.title and not draft.key_results:
        return []
    level = None
    if draft.team and str(draft.team).isdigit():
        team = (
            Team.objects.of(organization).filter(pk=draft.team).values_list("name", "level").first()
        )
        draft.team, level = team if team else (None, None)
    return lint_objective(draft, profile=organization.profile, level=level)


ACTIVITY_RULE = "kr-is-activity"


@dataclass
class ActionPlanMove:
    """An activity the coach found in a saved key result, offered a move into an action plan."""

    key_result_id: int
    choices: list[tuple[int, str]]  # the objective's other key results, (id, title), in order
    default: int | None  # the first measurable one


def saved_key_results(data, objective, prefix: str = "kr") -> dict[str, int]:
    """Return the ids the coach gives saved key results (KR1, KR2, ...) and their primary keys.

    From form data the numbering follows `objective_doc_from_form`: rows with a title, not deleted.
    """
    if data is None:
        if objective is None:
            return {}
        pks = objective.key_results.values_list("pk", flat=True)
        return {f"KR{n}": pk for n, pk in enumerate(pks, start=1)}
    found, n = {}, 0
    total = int(_number(data.get(f"{prefix}-TOTAL_FORMS")) or 0)
    for row in range(min(total, 20)):
        if not (data.get(f"{prefix}-{row}-title") or "").strip() or data.get(
            f"{prefix}-{row}-DELETE"
        ):
            continue
        n += 1
        pk = str(data.get(f"{prefix}-{row}-id") or "")
        if pk.isdigit():
            found[f"KR{n}"] = int(pk)
    return found


def action_plan_moves(
    findings: list, saved: dict[str, int], objective
) -> dict[str, ActionPlanMove]:
    """Return, by finding target, the moves offered for activities found in saved key results."""
    targets = {f.target for f in findings if f.rule == ACTIVITY_RULE and f.target in saved}
    if not targets or objective is None:
        return {}
    siblings = list(KeyResult.objects.filter(objective=objective))
    measurable = [(kr.pk, is_measurable(kr)) for kr in siblings]
    moves = {}
    for target in sorted(targets):
        pk = saved[target]
        if not any(kr.pk == pk for kr in siblings):
            continue
        choices = [(kr.pk, kr.title) for kr in siblings if kr.pk != pk]
        if choices:
            moves[target] = ActionPlanMove(pk, choices, action_plan_target(measurable, pk))
    return moves
