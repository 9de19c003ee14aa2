"""The alignment tree of a cycle: company -> strategic -> tactical, with roll-up."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q

from okrs.cycles.models import Cycle
from okrs.domain.vocabulary import LEVEL_DEPTH, Level
from okrs.gc_pause import collector_paused
from okrs.objectives.models import Alignment, Contribution, KeyResult, Objective
from okrs.objectives.scorecards import ObjectiveCard, scorecards
from okrs.organizations.models import Organization, Team

KR_FIELDS = (
    "id", "ref", "objective_id", "title", "type", "unit", "start", "target", "current",
    "confidence", "checked_in_at", "direction", "indicator", "kind", "weight", "balancing",
    "team_id", "linked_objective_id", "grade", "version",
)  # fmt: skip


class TeamRow:
    """The few fields of a team the tree shows, one shared instance per team."""

    __slots__ = ("pk", "id", "name", "slug", "level")

    def __init__(self, pk: int, name: str, slug: str, level: str):
        self.pk = self.id = pk
        self.name, self.slug, self.level = name, slug, level

    def __str__(self) -> str:
        return self.name

    def __eq__(self, other) -> bool:
        return isinstance(other, (Team, TeamRow)) and other.pk == self.pk

    def __hash__(self) -> int:
        return hash(self.pk)

    def get_level_display(self) -> str:
        """Return the level's readable name."""
        return LEVEL_LABELS.get(self.level, self.level)


class CycleRow:
    """The fields of a cycle the tree needs."""

    __slots__ = ("pk", "id", "name", "start", "end", "state")

    def __init__(self, cycle: Cycle):
        self.pk = self.id = cycle.pk
        self.name, self.start, self.end = cycle.name, cycle.start, cycle.end
        self.state = cycle.state


class ObjectiveRow:
    """The fields of an objective the tree shows, without a model instance per row."""

    __slots__ = (
        "pk", "id", "title", "status", "ambition", "grade", "cycle_id", "team_id", "owner_id",
        "cycle", "team", "owner",
    )  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def __eq__(self, other) -> bool:
        return isinstance(other, (Objective, ObjectiveRow)) and other.pk == self.pk

    def __hash__(self) -> int:
        return hash(self.pk)


class SameValues:
    """One object per distinct value across a query's rows, where sharing cannot change it.

    A database driver makes a new object for every value of every row: across thousands of
    key results the same units, kinds, directions, titles, weights and check-in times cost
    megabytes. Strings and integers are shared when equal; floats only when equal and non-zero
    (0.0 equals -0.0 but prints differently); times only with the same offset from UTC.
    """

    __slots__ = ("strings", "floats", "keys", "moments")

    def __init__(self):
        self.strings: dict[str, str] = {}
        self.floats: dict[float, float] = {}
        self.keys: dict[int, int] = {}
        self.moments: dict[tuple, datetime] = {}

    def moment(self, value: datetime | None) -> datetime | None:
        """Return the shared equal time with the same UTC offset (or the value when no time)."""
        if value is None:
            return value
        return self.moments.setdefault((value, value.utcoffset()), value)


class KeyResultRow:
    """The fields of a key result the tree shows and scores, without a model instance per row."""

    __slots__ = KR_FIELDS + ("pk",)

    def __init__(self, values: tuple, same: SameValues):
        (
            self.id, ref, objective_id, title, kind_of, unit, start, target, current,
            self.confidence, checked_in_at, direction, indicator, kind, weight, self.balancing,
            team_id, linked_objective_id, self.grade, self.version,
        ) = values  # fmt: skip
        self.pk = self.id
        # The columns' types are fixed (text, float, integer keys), so equal means same output;
        # the dicts' own setdefault keeps this loop over every key result cheap.
        text, number, key = same.strings.setdefault, same.floats.setdefault, same.keys.setdefault
        self.ref, self.title, self.unit = text(ref, ref), text(title, title), text(unit, unit)
        self.type, self.direction = text(kind_of, kind_of), text(direction, direction)
        self.indicator, self.kind = text(indicator, indicator), text(kind, kind)
        self.start = number(start, start) if start else start
        self.target = number(target, target) if target else target
        self.current = number(current, current) if current else current
        self.weight = number(weight, weight) if weight else weight
        self.checked_in_at = same.moment(checked_in_at)
        self.objective_id, self.team_id = key(objective_id, objective_id), key(team_id, team_id)
        self.linked_objective_id = key(linked_objective_id, linked_objective_id)

    def __str__(self) -> str:
        return self.title

    def __eq__(self, other) -> bool:
        return isinstance(other, (KeyResult, KeyResultRow)) and other.pk == self.pk

    def __hash__(self) -> int:
        return hash(self.pk)

    effective_direction = KeyResult.effective_direction
    own_progress = KeyResult.own_progress


LEVEL_LABELS = dict(Team.LEVEL_CHOICES)
# From this many objectives the page and the API send the tree in pieces as it is written;
# below it one body (with its Content-Length) is cheaper than a stream.
STREAM_FROM = 200


@dataclass
class AlignmentTree:
    """The objectives of a cycle and the cycles above it, nested by alignment."""

    cycle: Cycle
    roots: list[ObjectiveCard]
    cards: dict[int, ObjectiveCard]

    def count(self) -> int:
        """Return how many objectives the tree holds."""
        return len(self.cards)

    def streamed(self) -> bool:
        """Return whether the tree is large enough to be sent in pieces rather than whole."""
        return len(self.cards) >= STREAM_FROM


def cycle_scope(cycle: Cycle, cycles: list[Cycle]) -> list[int]:
    """Return the ids of the cycle and every cycle above it."""
    by_id = {c.pk: c for c in cycles}
    scope, current = [], cycle
    while current is not None and current.pk not in scope:
        scope.append(current.pk)
        current = by_id.get(current.parent_id)
    return scope


def tree_order(card: ObjectiveCard):
    """Return where an objective sorts in the tree: by level, then team name, then age."""
    team = card.objective.team
    depth = LEVEL_DEPTH[Level(team.level)] if team else 3
    return (depth, team.name if team else "", card.objective.pk)


def _objectives(organization, scope: list[int], seen: Q, cycles: list[Cycle]) -> list:
    """Return the scope's objectives the person may see as rows, teams and cycles shared."""
    rows = (
        Objective.objects.of(organization)
        .filter(seen, cycle_id__in=scope)
        .exclude(status=Objective.State.ABANDONED)
        .values_list(
            "id",
            "title",
            "status",
            "ambition",
            "grade",
            "cycle_id",
            "team_id",
            "owner_id",
            "team__name",
            "team__slug",
            "team__level",
            "owner__name",
            "owner__email",
        )  # fmt: skip
    )
    by_cycle = {c.pk: CycleRow(c) for c in cycles if c.pk in scope}
    teams: dict[int, TeamRow] = {}
    objectives = []
    for pk, title, state, ambition, grade, cycle_id, team_id, owner_id, *more in rows:
        row = ObjectiveRow()
        row.pk = row.id = pk
        row.title, row.status, row.ambition, row.grade = title, state, ambition, grade
        row.cycle_id, row.team_id, row.owner_id = cycle_id, team_id, owner_id
        row.cycle = by_cycle[cycle_id]
        team_name, slug, level, owner_name, owner_email = more
        if team_id is None:
            row.team = None
        else:
            if team_id not in teams:
                teams[team_id] = TeamRow(team_id, team_name, slug, level)
            row.team = teams[team_id]
        row.owner = (owner_name or owner_email) if owner_id is not None else None
        objectives.append(row)
    return objectives


def alignment_tree(
    organization: Organization, cycle: Cycle, cycles: list[Cycle], on: date, seen: Q | None = None
) -> AlignmentTree:
    """Return the cycle's alignment tree in fixed queries; `seen` hides drafts not shared yet."""
    with collector_paused():  # every row and card built here lives until the page is written
        return _alignment_tree(organization, cycle, cycles, on, Q() if seen is None else seen)


def _alignment_tree(
    organization: Organization, cycle: Cycle, cycles: list[Cycle], on: date, seen: Q
) -> AlignmentTree:
    scope = cycle_scope(cycle, cycles)
    objectives = _objectives(organization, scope, seen, cycles)
    shown = {o.pk for o in objectives}
    same = SameValues()
    key_results = [
        KeyResultRow(values, same)
        for values in KeyResult.objects.of(organization)
        .filter(objective__cycle_id__in=scope)
        .values_list(*KR_FIELDS)
        .iterator(chunk_size=2000)
        if values[2] in shown
    ]
    del same
    cards = scorecards(objectives, key_results, organization.score_scale, on)
    links = (
        Alignment.objects.of(organization)
        .filter(child__cycle_id__in=scope)
        .values_list("child_id", "parent_id")
    )
    for child_id, parent_id in links:
        if child_id in cards:
            cards[child_id].parent_ids.append(parent_id)
            if parent_id in cards:
                cards[parent_id].children.append(cards[child_id])
    shared = (
        Contribution.objects.of(organization)
        .filter(objective__cycle_id__in=scope)
        .values_list("objective_id", "team_id", "team__name", "team__slug", "team__level")
    )
    teams: dict[int, TeamRow] = {}
    for objective_id, team_id, name, slug, level in shared:
        if objective_id in cards:
            if team_id not in teams:
                teams[team_id] = TeamRow(team_id, name, slug, level)
            cards[objective_id].contributors.append(teams[team_id])
    for card in cards.values():
        card.children.sort(key=tree_order)
    roots = [card for card in cards.values() if not any(p in cards for p in card.parent_ids)]
    return AlignmentTree(cycle=cycle, roots=sorted(roots, key=tree_order), cards=cards)


def of_team(card: ObjectiveCard, team: str) -> bool:
    """Return whether the team (a slug) owns the objective or shares it."""
    owner = card.objective.team
    return (owner is not None and owner.slug == team) or any(
        t.slug == team for t in card.contributors
    )


# The status filter's choice beside the states: what needs attention (okrs.objectives.attention).
NEEDS_ATTENTION = "attention"


def _matches(
    card: ObjectiveCard, team: str, status: str, level: str, words: list[str], attention: set[int]
) -> bool:
    objective = card.objective
    if team and not of_team(card, team):
        return False
    if status == NEEDS_ATTENTION:
        if objective.pk not in attention:
            return False
    elif status and card.state != status:
        return False
    if level and (objective.team.level if objective.team else "") != level:
        return False
    if words:
        text = " ".join(
            [objective.title, *(kr.key_result.title for kr in card.key_results)]
        ).lower()
        return all(word in text for word in words)
    return True


def filter_tree(
    tree: AlignmentTree,
    team: str = "",
    status: str = "",
    level: str = "",
    query: str = "",
    attention: set[int] | None = None,
) -> int:
    """Prune the tree to matching objectives and their ancestors (dimmed); return how many match.

    The status NEEDS_ATTENTION matches the objectives in `attention`.
    """
    words = query.lower().split()
    if not (team or status or level or words):
        return len(tree.cards)
    attention = attention or set()
    matched = {
        pk
        for pk, card in tree.cards.items()
        if _matches(card, team, status, level, words, attention)
    }
    keep: dict[int, bool] = {}

    def kept(card: ObjectiveCard, seen: frozenset = frozenset()) -> bool:
        pk = card.objective.pk
        if pk not in keep:
            keep[pk] = pk in matched or any(
                kept(child, seen | {pk})
                for child in card.children
                if child.objective.pk not in seen
            )
        return keep[pk]

    for card in tree.cards.values():
        kept(card)
    for card in tree.cards.values():
        card.children = [child for child in card.children if keep[child.objective.pk]]
        card.dimmed = card.objective.pk not in matched
    tree.roots = [root for root in tree.roots if keep[root.objective.pk]]
    return len(matched)
