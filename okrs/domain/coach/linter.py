"""Run the coaching rules over a document, one objective, or one key result."""

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from okrs.domain.coach.alignment_rules import cascade_kr_as_objective, unaligned_objective
from okrs.domain.coach.cycle_rules import no_recent_check_in
from okrs.domain.coach.findings import Finding
from okrs.domain.coach.focus_rules import FOCUS_RULES
from okrs.domain.coach.key_result_rules import (
    KEY_RESULT_RULES,
    guards_of_a_cut,
    kr_looks_like_kpi,
    unbalanced_kr,
)
from okrs.domain.coach.memo import remembered, snapshot
from okrs.domain.coach.mix_rules import all_lagging
from okrs.domain.coach.objective_rules import OBJECTIVE_RULES
from okrs.domain.coach.rules import Context
from okrs.domain.coach.team_rules import TEAM_RULES
from okrs.domain.document import CycleDoc, Document, KeyResultDoc, ObjectiveDoc, TeamDoc
from okrs.domain.profiles import get_profile


@dataclass
class _Indexed(Document):
    """The document while it is linted: teams, cycles and objectives found by id at once."""

    by_id: dict[str, dict[str | None, Any]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for kind, rows in (("teams", self.teams), ("cycles", self.cycles)):
            self.by_id[kind] = _first_by_id(rows)
        self.by_id["objectives"] = _first_by_id(self.objectives)

    def team(self, team_id: str | None) -> TeamDoc | None:
        """Return the team with the id, or None."""
        team: TeamDoc | None = self.by_id["teams"].get(team_id)
        return team

    def cycle(self, cycle_id: str | None) -> CycleDoc | None:
        """Return the cycle with the id, or None."""
        cycle: CycleDoc | None = self.by_id["cycles"].get(cycle_id)
        return cycle

    def objective(self, objective_id: str | None) -> ObjectiveDoc | None:
        """Return the objective with the id, or None."""
        objective: ObjectiveDoc | None = self.by_id["objectives"].get(objective_id)
        return objective


def _first_by_id(rows: list[Any]) -> dict[str | None, Any]:
    """Return each row by its id; the first row wins, as the document's own lookups do."""
    found: dict[str | None, Any] = {}
    for row in rows:
        found.setdefault(row.id, row)
    return found


def _indexed(document: Document, **changes: Any) -> Document:
    """Return the same document (with the changes) whose lookups by id take constant time."""
    kept = {f.name: getattr(document, f.name) for f in fields(Document)}
    return _Indexed(**(kept | changes))


def lint(
    document: Document,
    profile: str | None = None,
    today: date | None = None,
    team: str | None = None,
    cycle: str | None = None,
) -> list[Finding]:
    """Return all findings for the document; profile and today override the document's own.

    With `team`, only that team's objectives and key results are checked (with the whole
    document still at hand for alignment), and the team rules as always. With `cycle`, only
    that cycle's objectives are checked and counted; objectives of other cycles (an annual parent
    a quarterly objective aligns to) are there to compare with.
    """
    document = _indexed(document)
    context = Context(
        profile=get_profile(profile or document.profile),
        document=document,
        today=today or document.today,
    )
    in_cycle = [o for o in document.objectives if cycle is None or o.cycle == cycle]
    counted = document if cycle is None else _indexed(document, objectives=in_cycle)
    found: list[Finding] = []
    for rule in TEAM_RULES:
        found += rule(counted, context)
    for rule in FOCUS_RULES:  # a team's focus spans the cycles it works in at once
        found += rule(document, context)
    checked = [o for o in in_cycle if team is None or o.team == team]
    for objective in checked:
        found += _objective_findings(objective, context)
        found += _present(cascade_kr_as_objective(objective, context))
    found += no_recent_check_in(document, context, checked)
    return _sorted(found, _document_order(document))


def lint_objective(
    objective: ObjectiveDoc, profile: str = "p-okr", level: str | None = None
) -> list[Finding]:
    """Return the findings about one objective and its key results that need no other objectives.

    `level` is the owning team's level, for unaligned-objective.
    """
    context = Context(profile=get_profile(profile), level=level)
    order = {objective.id: 0} | {kr.id: n for n, kr in enumerate(objective.key_results, 1)}
    return _sorted(_objective_findings(objective, context), order)


def lint_key_result(key_result: KeyResultDoc, objective_id: str = "") -> list[Finding]:
    """Return the findings about one key result alone; blank ids fall back to the objective's."""
    target = key_result.id or objective_id
    found = [rule(key_result, target) for rule in KEY_RESULT_RULES]
    return sorted(_present(*found), key=lambda f: f.rule)


def _objective_findings(objective: ObjectiveDoc, context: Context) -> list[Finding]:
    around = _present(unaligned_objective(objective, context))  # reads the other objectives
    if objective.owner is not None:  # a personal objective's finding names the person's teams
        return _own_findings(objective, context) + around
    key = (context.profile, snapshot(objective))
    return remembered(key, lambda: _own_findings(objective, context)) + around


def _own_findings(objective: ObjectiveDoc, context: Context) -> list[Finding]:
    """Return the findings that read only the objective, its key results and the profile."""
    found = [rule(objective, context) for rule in OBJECTIVE_RULES]
    found += [unbalanced_kr(objective), all_lagging(objective)]
    guards = {id(kr) for kr in guards_of_a_cut(objective)}
    for key_result in objective.key_results:
        target = key_result.id or objective.id
        for rule in KEY_RESULT_RULES:
            # A level held beside a cut is the balance the guides ask for, not a KPI in disguise.
            if rule is not kr_looks_like_kpi or id(key_result) not in guards:
                found.append(rule(key_result, target))
    return _present(*found)


def _present(*found: Finding | None) -> list[Finding]:
    return [f for f in found if f is not None]


def _document_order(document: Document) -> dict[str, int]:
    """Return the position of every team, objective and key result id in the document."""
    order: dict[str, int] = {}
    ids = [t.id for t in document.teams]
    for objective in document.objectives:
        ids += [objective.id, *(kr.id for kr in objective.key_results)]
    for position, target in enumerate(ids):
        order.setdefault(target, position)
    return order


def _sorted(found: list[Finding], order: dict[str, int]) -> list[Finding]:
    return sorted(
        found, key=lambda f: (order.get(f.target, len(order)), f.target, f.rule, f.message)
    )
