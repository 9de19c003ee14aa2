"""Rules about focus: one objective per team whatever the cadence, 3 to 5 for the organisation."""

from collections import defaultdict
from itertools import combinations

from okrs.domain.coach.findings import Finding
from okrs.domain.coach.language import listing
from okrs.domain.coach.rules import Context, finding
from okrs.domain.document import CycleDoc, Document, ObjectiveDoc

OPEN_STATUSES = ("draft", "active")


def _overlap(first: CycleDoc, second: CycleDoc) -> bool:
    return first.start <= second.end and second.start <= first.end


def _open_by_team(document: Document) -> dict[str, dict[str, list[ObjectiveDoc]]]:
    held: dict[str, dict[str, list[ObjectiveDoc]]] = defaultdict(lambda: defaultdict(list))
    for objective in document.objectives:
        if objective.team and objective.status in OPEN_STATUSES:
            held[objective.team][objective.cycle].append(objective)
    return held


def open_across_cadences(document: Document, context: Context) -> list[Finding]:
    """Warn a team holding open objectives in overlapping cycles, an annual and a quarterly one."""
    if not context.profile.one_objective_across_cadences:
        return []
    found = []
    for team_id, by_cycle in _open_by_team(document).items():
        cycles = [document.cycle(cycle_id) for cycle_id in by_cycle]
        known = [cycle for cycle in cycles if cycle is not None]
        pairs = [(a, b) for a, b in combinations(known, 2) if _overlap(a, b)]
        if not pairs:
            continue
        first, second = sorted(pairs[0], key=lambda c: (c.start, c.start - c.end))
        team = document.team(team_id)
        name = team.name if team else team_id
        held = [o.id for cycle in (first, second) for o in by_cycle[cycle.id]]
        found.append(
            finding(
                "objectives-across-cadences",
                team_id,
                f"{name} holds open objectives in {first.id} and in {second.id} at the same time "
                f"({listing(held)}): the {context.profile.name} profile asks for one objective "
                "per team, whatever the cadence.",
                "Fulfil or abandon one (on its page, with a note) before taking on the next.",
                team.line if team else None,
            )
        )
    return found


def company_objectives_count(document: Document, context: Context) -> list[Finding]:
    """Flag a company level holding fewer or more open objectives in a cycle than its profile asks.

    The company level counts as a whole: every company-level team's objectives together.
    """
    bounds = context.profile.company_objectives
    if bounds is None:
        return []
    low, high = bounds
    company = [team for team in document.teams if team.level == "company"]
    ids = {team.id for team in company}
    per_cycle: dict[str, list[str]] = defaultdict(list)
    for objective in document.objectives:
        if objective.team in ids and objective.status in OPEN_STATUSES:
            per_cycle[objective.cycle].append(objective.id)
    found = []
    for cycle, held in per_cycle.items():
        if low <= len(held) <= high:
            continue
        few = len(held) < low
        found.append(
            finding(
                "company-objectives-count",
                company[0].id,
                f"The company level holds {len(held)} open objective{'s' if len(held) > 1 else ''}"
                f" in {cycle} ({listing(held)}); the {context.profile.name} profile asks for "
                f"{low} to {high} for the organisation.",
                "Add the outcomes the whole organisation must reach this cycle."
                if few
                else f"Keep the {high} that matter most to the whole organisation.",
                company[0].line,
            )
        )
    return found


FOCUS_RULES = (open_across_cadences, company_objectives_count)
