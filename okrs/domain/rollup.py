"""Roll-up of objective progress through key results linked to child objectives."""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from okrs.domain.progress import weighted_mean


class LinkCycleError(ValueError):
    """Links that would make an objective depend on itself."""


@dataclass(frozen=True)
class KeyResultInput:
    """A key result's own progress and weight, or the child objective it takes progress from."""

    progress: float
    weight: float = 1.0
    linked_objective: Hashable | None = None
    checked_in: bool = False


def objective_progresses(
    key_results: Mapping[Hashable, Sequence[KeyResultInput]],
) -> dict[Hashable, float]:
    """Return each objective's progress, linked key results taking their child's progress."""
    done: dict[Hashable, float] = {}
    visiting: set[Hashable] = set()

    def progress_of(objective: Hashable) -> float:
        if objective in done:
            return done[objective]
        if objective in visiting:
            raise LinkCycleError(
                f"objective {objective} depends on itself through linked key results"
            )
        visiting.add(objective)
        progresses, weights = [], []
        for kr in key_results.get(objective, ()):
            linked = kr.linked_objective
            own = (
                progress_of(linked) if linked is not None and linked in key_results else kr.progress
            )
            progresses.append(own)
            weights.append(kr.weight)
        visiting.discard(objective)
        done[objective] = progress = weighted_mean(progresses, weights)
        return progress

    for objective in key_results:
        progress_of(objective)
    return done


def creates_cycle(
    edges: Mapping[Hashable, Iterable[Hashable]], source: Hashable, target: Hashable
) -> bool:
    """Return whether adding the edge source -> target closes a loop in the directed graph."""
    if source == target:
        return True
    seen = {target}
    frontier = [target]
    while frontier:
        node = frontier.pop()
        for nxt in edges.get(node, ()):
            if nxt == source:
                return True
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return False
