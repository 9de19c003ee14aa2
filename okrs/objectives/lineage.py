"""The objectives an objective supports, through alignment or a key result linked to it."""

from collections.abc import Iterable

from okrs.objectives.models import Alignment, KeyResult


def supported_objective_ids(objective_ids: Iterable[int]) -> set[int]:
    """Return every objective the objectives support, level by level up to the top, them excluded.

    A parent supports its child through an alignment or takes the child's progress through a
    linked key result; both make the parent's row on a page worth refreshing when the child moves.
    """
    start = set(objective_ids)
    found: set[int] = set()
    frontier = start
    while frontier:
        aligning = Alignment.objects.filter(child_id__in=frontier)
        aligned = aligning.values_list("parent_id").order_by()
        feeding = KeyResult.objects.filter(linked_objective_id__in=frontier)
        linked = feeding.values_list("objective_id").order_by()
        parents = {pk for (pk,) in aligned.union(linked)}
        frontier = parents - found - start
        found |= frontier
    return found
