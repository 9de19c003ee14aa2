"""The quarter report a leader takes to the board: tree, each team's OKRs, decisions, learnings."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from okrs.cycles.models import Cycle
from okrs.domain.states import State, look
from okrs.evaluation.models import Decision, Evaluation
from okrs.objectives.scorecards import ObjectiveCard
from okrs.objectives.tree import alignment_tree
from okrs.objectives.trends import with_trends
from okrs.organizations.models import Organization, Person, Team
from okrs.organizations.visibility import visibility_filter

MOST_OBJECTIVES = 300  # objectives a report lists; a larger scope is reported team by team
MOST_CHARTED = 40  # objectives whose key results get a chart each
BOARD_LEVELS = ("company", "strategic")  # what the whole organisation's report shows


@dataclass
class Line:
    """An objective in the report's tree, at its depth below the roots."""

    card: ObjectiveCard
    depth: int


@dataclass
class TeamPart:
    """One team's objectives in the report, charted or not."""

    team: object
    cards: list[ObjectiveCard] = field(default_factory=list)


@dataclass
class QuarterReport:
    """What the report of one cycle shows, as the person asking may see it."""

    organization: Organization
    cycle: Cycle
    on: date
    team: Team | None
    lines: list[Line]
    left_out: int
    teams: list[TeamPart]
    decisions: list[Decision]
    evaluations: list[Evaluation]
    states: list[tuple[str, str, int]]

    def mean_progress(self) -> int:
        """Return the mean progress of the objectives listed, as a whole percentage."""
        cards = [line.card for line in self.lines]
        return round(100 * sum(c.progress for c in cards) / len(cards)) if cards else 0


def _subtree(team: Team) -> set[int]:
    """Return the ids of the team and every team below it."""
    below: dict[int | None, list[int]] = {}
    for pk, parent in Team.objects.filter(organization_id=team.organization_id).values_list(
        "pk", "parent_id"
    ):
        below.setdefault(parent, []).append(pk)
    found, todo = set(), [team.pk]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo += below.get(pk, [])
    return found


def _lines(roots: list[ObjectiveCard], wanted) -> list[Line]:
    """Return the wanted objectives depth first, each once, at its depth in the tree."""
    lines: list[Line] = []
    seen: set[int] = set()

    def visit(card: ObjectiveCard, depth: int) -> None:
        if card.objective.pk in seen:
            return
        seen.add(card.objective.pk)
        shown = wanted(card)
        if shown:
            lines.append(Line(card, depth))
        for child in card.children:
            visit(child, depth + 1 if shown else depth)

    for root in roots:
        visit(root, 0)
    return lines


def quarter_report(
    organization: Organization, person: Person, cycle: Cycle, on: date, team: Team | None = None
) -> QuarterReport:
    """Return the report of the cycle: the board's levels, or one team and the teams below it."""
    cycles = list(Cycle.objects.of(organization))
    tree = alignment_tree(organization, cycle, cycles, on, visibility_filter(person))
    teams = _subtree(team) if team is not None else None

    def wanted(card: ObjectiveCard) -> bool:
        owner = card.objective.team
        if owner is None:
            return False
        return owner.pk in teams if teams is not None else owner.level in BOARD_LEVELS

    every = _lines(tree.roots, wanted)
    lines = every[:MOST_OBJECTIVES]
    parts: dict[int, TeamPart] = {}
    for line in lines:
        owner = line.card.objective.team  # every line has a team: `wanted` leaves the rest out
        if owner is not None:
            parts.setdefault(owner.pk, TeamPart(owner)).cards.append(line.card)
    charted = [line.card for line in lines[:MOST_CHARTED]]
    with_trends([k for card in charted for k in card.key_results], cycle, organization)
    decisions = (
        Decision.objects.filter(review__organization=organization, review__cycle=cycle)
        .filter(visibility_filter(person, "objective__"))
        .select_related("review__team", "objective", "key_result")
        .order_by("review__held_on", "review__team__name", "objective_id", "key_result_id")
    )
    evaluations = Evaluation.objects.filter(
        organization=organization, cycle=cycle, state=Evaluation.State.SHARED
    ).select_related("team")
    if teams is not None:
        decisions = decisions.filter(review__team_id__in=teams)
        evaluations = evaluations.filter(team_id__in=teams)
    counts = Counter(line.card.state for line in lines)
    return QuarterReport(
        organization=organization,
        cycle=cycle,
        on=on,
        team=team,
        lines=lines,
        left_out=len(every) - len(lines),
        teams=list(parts.values()),
        decisions=list(decisions),
        evaluations=list(evaluations.order_by("team__name")),
        states=[(s.value, look(s).label, counts[s.value]) for s in State if counts[s.value]],
    )
