"""The planning board of a cycle, loaded in a fixed number of queries whatever its size."""

from dataclasses import dataclass, field

from django.db.models import Q

from okrs.cycles.models import Cycle
from okrs.domain.vocabulary import LEVEL_DEPTH, Level
from okrs.objectives.models import Alignment, KeyResult, Objective
from okrs.organizations.models import Membership, Person, Team
from okrs.organizations.visibility import can_see_objective, private_drafts, visibility_filter
from okrs.planning import alignment_checks as checks
from okrs.planning.actions import FINISHED, STRATEGIC_LEVELS, strategic_filter
from okrs.planning.models import PlanningSession, TeamPlanningNote
from okrs.planning.permissions import leads_planning


@dataclass
class Viewer:
    """The person looking at the board, with their teams loaded once."""

    person: Person
    team_ids: set[int]
    led_ids: set[int]

    @classmethod
    def of(cls, person: Person) -> "Viewer":
        """Return the viewer with the teams they belong to and lead, in one query."""
        rows = list(Membership.objects.filter(person=person).values_list("team_id", "role"))
        led = {team for team, role in rows if role == Membership.TeamRole.LEAD}
        return cls(person, {team for team, _ in rows}, led)

    def can_write(self, objective: Objective) -> bool:
        """Return whether the viewer may change (share, withdraw) the objective."""
        person = self.person
        if person.is_read_only():
            return False
        if person.writes_everything():
            return True
        if objective.team_id is None:
            return objective.owner_id == person.pk
        return objective.team_id in self.team_ids

    def can_publish(self, objective: Objective) -> bool:
        """Return whether the viewer may publish the draft: leadership or its team's lead."""
        if self.person.is_read_only():
            return False
        return leads_planning(self.person) or objective.team_id in self.led_ids

    def can_write_team(self, team: Team) -> bool:
        """Return whether the viewer may write the team's planning notes, drafts and backlog."""
        person = self.person
        if person.is_read_only():
            return False
        return person.writes_everything() or team.pk in self.team_ids


@dataclass
class BoardObjective:
    """An objective on the board with its key results and what the viewer may do with it."""

    objective: Objective
    key_results: list[KeyResult] = field(default_factory=list)
    parents: list[Objective] = field(default_factory=list)
    can_write: bool = False
    can_publish: bool = False


@dataclass
class AnchorGroup:
    """A strategic objective and the cycle's objectives that align to it."""

    anchor: BoardObjective
    supporters: list[BoardObjective]
    gap: bool


@dataclass
class TeamNotes:
    """A team's needs, provisions and dependencies, and what other teams ask of it."""

    team: Team
    needs: list[TeamPlanningNote] = field(default_factory=list)
    provisions: list[TeamPlanningNote] = field(default_factory=list)
    dependencies: list[TeamPlanningNote] = field(default_factory=list)
    incoming: list[TeamPlanningNote] = field(default_factory=list)

    def is_empty(self) -> bool:
        """Return whether the team stated nothing and nothing is asked of it."""
        return not (self.needs or self.provisions or self.dependencies or self.incoming)

    def add(self, note: TeamPlanningNote) -> None:
        """File the team's own note under its kind."""
        {"need": self.needs, "provision": self.provisions, "dependency": self.dependencies}[
            note.kind
        ].append(note)


@dataclass
class PlanningBoard:
    """Everything the planning board of a cycle shows."""

    cycle: Cycle
    session: PlanningSession | None
    communicated: bool
    groups: list[AnchorGroup]
    unaligned: list[BoardObjective]
    private: list[BoardObjective]
    duplicates: list[tuple[BoardObjective, BoardObjective, tuple[str, ...]]]
    opposite: list[tuple[KeyResult, BoardObjective, KeyResult, BoardObjective, tuple[str, ...]]]
    notes: list[TeamNotes]
    teams: list[Team]
    writable_team_ids: set[int]
    hidden: list[dict] = field(default_factory=list)

    def gaps(self) -> list[AnchorGroup]:
        """Return the strategic objectives nobody in the cycle works toward."""
        return [group for group in self.groups if group.gap]

    def incongruencies(self) -> int:
        """Return how many duplicates and opposite pulls the board shows."""
        return len(self.duplicates) + len(self.opposite)

    def supporters(self) -> list[BoardObjective]:
        """Return every shared draft and published objective of the cycle, aligned or not."""
        seen, found = set(), []
        for item in [*(s for g in self.groups for s in g.supporters), *self.unaligned]:
            if item.objective.pk not in seen:
                seen.add(item.objective.pk)
                found.append(item)
        return found


def _team_order(team: Team | None):
    return (LEVEL_DEPTH[Level(team.level)], team.name) if team else (3, "")


def _owner(objective: Objective) -> str:
    return f"team:{objective.team_id}" if objective.team_id else f"person:{objective.owner_id}"


def _load_objectives(
    cycle: Cycle, cycles: list[Cycle], communicated: set[int] | None, viewer: Viewer
) -> list[Objective]:
    """Return the cycle's objectives, the strategic ones guiding it and those communicated."""
    wanted = Q(cycle=cycle) | strategic_filter(cycle, cycles)
    if communicated:
        wanted |= Q(pk__in=communicated)
    return list(
        Objective.objects.of(cycle.organization_id)
        .filter(wanted)
        .filter(visibility_filter(viewer.person, team_ids=viewer.team_ids))
        .exclude(status__in=FINISHED)
        .select_related("team", "owner", "cycle")
        .order_by("id")
    )


def _anchor_ids(objectives: list[Objective], communicated: set[int] | None) -> list[int]:
    """Return the strategic objectives: those communicated, else every published one loaded."""
    if communicated:
        return [o.pk for o in objectives if o.pk in communicated]
    return [
        o.pk
        for o in objectives
        if o.team_id and o.team.level in STRATEGIC_LEVELS and o.status != Objective.State.DRAFT
    ]


def _notes(cycle: Cycle, teams: list[Team]) -> list[TeamNotes]:
    by_team = {team.pk: TeamNotes(team) for team in teams}
    rows = (
        TeamPlanningNote.objects.of(cycle.organization_id)
        .filter(cycle=cycle)
        .select_related("team", "other_team", "author")
    )
    for note in rows:
        by_team[note.team_id].add(note)
        if note.other_team_id:
            by_team[note.other_team_id].incoming.append(note)
    return [entry for entry in by_team.values() if not entry.is_empty()]


def planning_board(cycle: Cycle, person: Person, cycles: list[Cycle]) -> PlanningBoard:
    """Return the cycle's planning board as the person may see it."""
    viewer = Viewer.of(person)
    session = PlanningSession.objects.filter(cycle=cycle).select_related("opened_by").first()
    communicated = (
        set(session.strategic_objectives.values_list("pk", flat=True)) if session else None
    )
    objectives = _load_objectives(cycle, cycles, communicated, viewer)
    ids = [o.pk for o in objectives]
    items = {
        o.pk: BoardObjective(o, can_write=viewer.can_write(o), can_publish=viewer.can_publish(o))
        for o in objectives
    }
    for kr in KeyResult.objects.filter(objective_id__in=ids).order_by("position", "id"):
        items[kr.objective_id].key_results.append(kr)
    links = list(
        Alignment.objects.of(cycle.organization_id)
        .filter(child_id__in=ids)
        .values_list("child_id", "parent_id")
    )
    for child, parent in links:
        if parent in items:
            items[child].parents.append(items[parent].objective)
    anchors = _anchor_ids(objectives, communicated)
    anchor_set = set(anchors)
    planned = [o for o in objectives if o.cycle_id == cycle.pk and o.pk not in anchor_set]
    supporters = [items[o.pk] for o in planned if o.is_shared()]
    private = [items[o.pk] for o in planned if not o.is_shared()]
    gaps = set(checks.gaps(anchors, links, [s.objective.pk for s in supporters]))
    groups = [
        AnchorGroup(
            items[pk],
            [s for s in supporters if any(p.pk == pk for p in s.parents)],
            pk in gaps,
        )
        for pk in sorted(anchors, key=lambda pk: (_team_order(items[pk].objective.team), pk))
    ]
    unaligned = [s for s in supporters if not any(p.pk in anchor_set for p in s.parents)]
    duplicates = checks.duplicates(
        checks.PlannedObjective(s.objective.pk, _owner(s.objective), s.objective.title)
        for s in supporters
    )
    on_board = [*supporters, *(items[pk] for pk in anchors)]
    key_results = {kr.pk: (kr, item) for item in on_board for kr in item.key_results}
    pulls = checks.opposite_pulls(
        checks.PlannedKeyResult(
            kr.pk, kr.objective_id, _owner(item.objective), kr.title, kr.effective_direction()
        )
        for kr, item in key_results.values()
    )
    teams = sorted(Team.objects.of(cycle.organization_id), key=_team_order)
    return PlanningBoard(
        cycle=cycle,
        session=session,
        communicated=bool(communicated),
        groups=groups,
        unaligned=unaligned,
        private=private,
        duplicates=[(items[d.first], items[d.second], d.shared) for d in duplicates],
        opposite=[
            (*key_results[p.increasing], *key_results[p.decreasing], p.shared) for p in pulls
        ],
        notes=_notes(cycle, teams),
        teams=teams,
        writable_team_ids={team.pk for team in teams if viewer.can_write_team(team)},
        hidden=private_drafts(Objective.objects.filter(cycle=cycle), person),
    )


def board_items(objectives: list[Objective], viewer: Viewer) -> list[BoardObjective]:
    """Return the objectives as board items with key results and parents, in two queries."""
    items = {
        o.pk: BoardObjective(o, can_write=viewer.can_write(o), can_publish=viewer.can_publish(o))
        for o in objectives
    }
    for kr in KeyResult.objects.filter(objective_id__in=list(items)).order_by("position", "id"):
        items[kr.objective_id].key_results.append(kr)
    links = Alignment.objects.filter(child_id__in=list(items)).select_related("parent__team")
    for link in links:
        if can_see_objective(viewer.person, link.parent, viewer.team_ids):
            items[link.child_id].parents.append(link.parent)
    return list(items.values())
