"""Rules about how an objective aligns with the objectives above it."""

from okrs.domain.coach.findings import Finding
from okrs.domain.coach.language import content_stems, listing, quote, similarity
from okrs.domain.coach.rules import Context, finding
from okrs.domain.document import Document, ObjectiveDoc

ALIGNED_LEVELS = ("strategic", "tactical")
DEPTH = {"company": 0, "strategic": 1, "tactical": 2}
# How much of the shorter text's meaning must repeat for an objective to restate a key result.
CASCADE_SIMILARITY = 0.6


def team_level(document: Document | None, objective: ObjectiveDoc) -> str | None:
    """Return the level of the team that owns the objective, or None."""
    team = document.team(objective.team) if document else None
    return team.level if team else None


def _ancestors(document: Document, team_id: str | None) -> list[str]:
    chain, seen = [], set()
    team = document.team(team_id)
    while team and team.parent and team.parent not in seen:
        seen.add(team.parent)
        chain.append(team.parent)
        team = document.team(team.parent)
    return chain


def _is_above(document: Document, child: ObjectiveDoc, parent: ObjectiveDoc) -> bool:
    """Return whether the parent objective sits above the child: a higher level or an ancestor."""
    if parent.team is None or child.team is None:
        return True
    if parent.team in _ancestors(document, child.team):
        return True
    child_level = team_level(document, child)
    parent_level = team_level(document, parent)
    if child_level not in DEPTH or parent_level not in DEPTH:
        return True
    return DEPTH[parent_level] < DEPTH[child_level]


def unaligned_objective(objective: ObjectiveDoc, context: Context) -> Finding | None:
    """Flag a strategic or tactical objective aligned to no objective above it."""
    document = context.document
    level = context.level or team_level(document, objective)
    if level not in ALIGNED_LEVELS or not objective.team:
        return None
    parents = [document.objective(p) for p in objective.aligned_to] if document else []
    known = [p for p in parents if p is not None]
    if objective.aligned_to and (not document or len(known) < len(parents)):
        return None
    if document and any(_is_above(document, objective, parent) for parent in known):
        return None
    if known:
        peers = listing([p.id for p in known])
        problem = f"aligns only to {peers}, which is not above it"
    else:
        problem = "aligns to no objective above it"
    return finding(
        "unaligned-objective",
        objective.id,
        f"{objective.id} of {objective.team} ({level}) {problem}.",
        _alignment_suggestion(document, objective),
        objective.line,
    )


def _alignment_suggestion(document: Document | None, objective: ObjectiveDoc) -> str:
    if document is None:
        return "Align it with the objective above it that it supports (`aligned_to`)."
    ancestors = _ancestors(document, objective.team)
    candidates = [
        o
        for o in document.objectives
        if o.team in ancestors
        and o.cycle in (objective.cycle, *_parent_cycles(document, objective))
    ] or [o for o in document.objectives if o.team in ancestors]
    if not candidates:
        return "Align it with the objective above it that it supports (`aligned_to`)."
    named = listing([f"{o.id} {quote(o.title, 50)}" for o in candidates[:3]], "or")
    return (
        f"Say which objective above it supports, e.g. `aligned_to: [{candidates[0].id}]` ({named})."
    )


def _parent_cycles(document: Document, objective: ObjectiveDoc) -> list[str]:
    cycle = document.cycle(objective.cycle)
    found = []
    while cycle and cycle.parent and cycle.parent not in found:
        found.append(cycle.parent)
        cycle = document.cycle(cycle.parent)
    return found


def repeats(objective_title: str, key_result_title: str) -> bool:
    """Return whether the objective title (nearly) restates the key result, numbers aside."""
    score, shared = similarity(objective_title, key_result_title)
    smaller = min(len(content_stems(objective_title)), len(content_stems(key_result_title)))
    return shared >= min(2, smaller) and score >= CASCADE_SIMILARITY


def cascade_kr_as_objective(objective: ObjectiveDoc, context: Context) -> Finding | None:
    """Flag an objective that restates a key result of the objective it aligns to."""
    if context.document is None:
        return None
    for parent_id in objective.aligned_to:
        parent = context.document.objective(parent_id)
        if parent is None:
            continue
        for key_result in parent.key_results:
            if repeats(objective.title, key_result.title):
                return finding(
                    "cascade-kr-as-objective",
                    objective.id,
                    f"{quote(objective.title)} restates {parent.id}'s key result "
                    f"{quote(key_result.title)} ({key_result.id}): a parent's key result made "
                    "into an objective.",
                    f"Ask what outcome your team can bring about that helps "
                    f"{quote(key_result.title, 50)} happen, and make that the objective; "
                    "contribute to the parent's key result through your key results.",
                    objective.line,
                )
    return None
