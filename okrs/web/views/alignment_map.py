"""The alignment map: the cycle's objectives as a graph of parent links, by level."""

from django.shortcuts import render

from okrs import clock
from okrs.cycles.chosen import chosen_cycle
from okrs.cycles.models import Cycle
from okrs.domain.alignment_map import (
    AlignmentMap,
    MapNode,
    layout_alignment_map,
    neighbourhood,
)
from okrs.domain.states import look
from okrs.domain.vocabulary import LEVEL_DEPTH, Level
from okrs.objectives.tree import AlignmentTree, alignment_tree, of_team
from okrs.organizations.access import organization_required
from okrs.organizations.models import Team
from okrs.organizations.visibility import visibility_filter
from okrs.routers import reads_from_replica

WHOLE_MAP_UP_TO = 300  # objectives; a larger cycle's map opens on its company and strategic levels
TOP_LEVELS = (Level.COMPANY, Level.STRATEGIC)


def _links(found: AlignmentTree) -> list[tuple[int, int]]:
    """Return every (child, parent) alignment of the tree's objectives."""
    return [(pk, parent) for pk, card in found.cards.items() for parent in card.parent_ids]


def _shown(
    found: AlignmentTree, links: list[tuple[int, int]], chosen: set[int] | None
) -> tuple[set[int], bool]:
    """Return the objectives to draw, and whether a neighbourhood was cut to one level below."""
    cards = found.cards
    if chosen is not None:
        shown = neighbourhood(links, chosen) & cards.keys()
        if len(shown) <= WHOLE_MAP_UP_TO:
            return shown, False
        return neighbourhood(links, chosen, below=1) & cards.keys(), True
    if len(cards) <= WHOLE_MAP_UP_TO:
        return set(cards), False
    top = {
        pk
        for pk, card in cards.items()
        if card.objective.team and card.objective.team.level in TOP_LEVELS
    }
    return top, False


def _focus_x(placed: AlignmentMap, chosen: set[int] | None) -> float:
    """Return the middle of the chosen objectives' boxes, else of the top row's boxes."""
    aligned = [node for node in placed.nodes if not node.unaligned] or placed.nodes
    top = min((node.y for node in aligned), default=0)
    focus = [n for n in placed.nodes if n.id in chosen] if chosen else []
    focus = focus or [node for node in aligned if node.y == top]
    if not focus:
        return 0
    return (min(n.x for n in focus) + max(n.x + n.width for n in focus)) / 2


def _box(card) -> dict:
    """Return what a box shows of its objective; the page keeps no card of the tree."""
    objective, team = card.objective, card.objective.team
    return {
        "look": look(card.state).colour,
        "state": look(card.state).label,
        "title": objective.title,
        "owner": team.name if team else str(objective.owner or ""),
        "team": team.name if team else "Individual",
        "score": card.score_label,
    }


def _drawn(
    found: AlignmentTree, links: list[tuple[int, int]], shown: set[int], chosen: set[int] | None
) -> dict:
    """Return the laid-out map of the shown objectives, a box for each and where it opens."""
    cards = found.cards
    nodes = [
        MapNode(
            id=pk,
            level=LEVEL_DEPTH[Level(team.level)] if (team := cards[pk].objective.team) else 3,
            group=team.name if team else "",
            label=cards[pk].objective.title,
        )
        for pk in cards
        if pk in shown
    ]
    drawn = [(child, parent) for child, parent in links if child in shown]
    placed = layout_alignment_map(nodes, drawn, node_height=84)
    return {
        "map": placed,
        "boxes": [(node, _box(cards[node.id])) for node in placed.nodes],
        "unaligned": sum(1 for node in placed.nodes if node.unaligned),
        "focus_x": round(_focus_x(placed, chosen)),
    }


@organization_required
@reads_from_replica
def alignment_map(request):
    """Show the cycle's objectives as a graph of parent links, unaligned ones set apart."""
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    cycle = chosen_cycle(request, cycles)
    team = request.GET.get("team", "").strip()
    context = {"cycles": cycles, "cycle": cycle, "map": None, "team": team, "total": 0}
    if cycle is not None:
        found = alignment_tree(
            organization, cycle, cycles, clock.today(), visibility_filter(request.user)
        )
        chosen = {pk for pk, card in found.cards.items() if of_team(card, team)} if team else None
        links = _links(found)
        shown, context["nearest"] = _shown(found, links, chosen)
        context |= _drawn(found, links, shown, chosen)
        context |= {"total": len(found.cards), "left_out": len(found.cards) - len(shown)}
        context["teams"] = Team.objects.of(organization).order_by("name")
        context["team_name"] = next((t.name for t in context["teams"] if t.slug == team), team)
    return render(request, "web/map.html", context)
