"""The alignment tree of a cycle: company -> strategic -> tactical, with roll-up."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from okrs.cycles.models import Cycle
from okrs.domain.vocabulary import LEVEL_DEPTH, Level
from okrs.objectives.models import Alignment, Contribution, KeyResult, Objective
from okrs.objectives.scorecards import ObjectiveCard, scorecards
from okrs.organizations.models import Organization


@dataclass
class AlignmentTree:
    """The objectives of a cycle and the cycles above it, nested by alignment."""

    cycle: Cycle
    roots: list[ObjectiveCard]
    cards: dict[int, ObjectiveCard]

    def count(self) -> int:
        """Return how many objectives the tree holds."""
        return len(self.cards)


def cycle_scope(cycle: Cycle, cycles: list[Cycle]) -> list[int]:
    """Return the ids of the cycle and every cycle above it."""
    by_id = {c.pk: c for c in cycles}
    scope, current = [], cycle
    while current is not None and current.pk not in scope:
        scope.append(current.pk)
        current = by_id.get(current.parent_id)
    return scope


def _sort_key(card: ObjectiveCard):
    team = card.objective.team
    depth = LEVEL_DEPTH[Level(team.level)] if team else 3
    return (depth, team.name if team else "", card.objective.pk)


def alignment_tree(
    organization: Organization, cycle: Cycle, cycles: list[Cycle], on: date, seen: Q | None = None
) -> AlignmentTree:
    """Return the cycle's alignment tree in fixed queries; `seen` hides drafts not shared yet."""
    seen = Q() if seen is None else seen
    scope = cycle_scope(cycle, cycles)
    objectives = list(
        Objective.objects.of(organization)
        .filter(seen, cycle_id__in=scope)
        .exclude(status=Objective.State.ABANDONED)
        .select_related("team", "owner", "cycle")
    )
    shown = {o.pk for o in objectives}
    key_results = [
        kr
        for kr in KeyResult.objects.of(organization).filter(objective__cycle_id__in=scope)
        if kr.objective_id in shown
    ]
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
        .select_related("team")
    )
    for contribution in shared:
        if contribution.objective_id in cards:
            cards[contribution.objective_id].contributors.append(contribution.team)
    for card in cards.values():
        card.children.sort(key=_sort_key)
    roots = [card for card in cards.values() if not any(p in cards for p in card.parent_ids)]
    return AlignmentTree(cycle=cycle, roots=sorted(roots, key=_sort_key), cards=cards)


def _matches(card: ObjectiveCard, team: str, status: str, level: str, words: list[str]) -> bool:
    objective = card.objective
    if team and not (
        (objective.team and objective.team.slug == team)
        or any(t.slug == team for t in card.contributors)
    ):
        return False
    if status:
        found = "draft" if objective.status == Objective.State.DRAFT else card.status
        if found != status:
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
    tree: AlignmentTree, team: str = "", status: str = "", level: str = "", query: str = ""
) -> int:
    """Prune the tree to matching objectives and their ancestors (dimmed); return how many match."""
    words = query.lower().split()
    if not (team or status or level or words):
        return len(tree.cards)
    matched = {pk for pk, card in tree.cards.items() if _matches(card, team, status, level, words)}
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
