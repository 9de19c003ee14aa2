"""The team hierarchy: three levels, each team below one of a higher level, never a loop."""

from collections.abc import Hashable, Mapping
from typing import TypeVar

from okrs.domain.vocabulary import LEVEL_DEPTH, Level

Node = TypeVar("Node", bound=Hashable)


def teams_below(parents: Mapping[Node, Node | None], team: Node) -> set[Node]:
    """Return every team below the team, at any depth, given each team's parent."""
    children: dict[Node, list[Node]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found: set[Node] = set()
    frontier = [team]
    while frontier:
        for child in children.get(frontier.pop(), ()):
            if child not in found and child != team:
                found.add(child)
                frontier.append(child)
    return found


def level_problem(level: str, parent_level: str | None) -> str | None:
    """Return why a team of the level cannot sit below a team of the parent's level, or None."""
    depth = LEVEL_DEPTH[Level(level)]
    if parent_level is None:
        return None if depth == 0 else f"A {level} team needs a parent team above it."
    if LEVEL_DEPTH[Level(parent_level)] >= depth:
        return f"A {level} team cannot sit below a {parent_level} team."
    return None


def parent_problem(
    parents: Mapping[Node, Node | None], team: Node, parent: Node | None
) -> str | None:
    """Return why the parent would make the hierarchy loop, or None when it does not."""
    if parent is None:
        return None
    if parent == team:
        return "A team cannot be its own parent."
    if parent in teams_below(parents, team):
        return "The parent team is below this team: the hierarchy would loop."
    return None
