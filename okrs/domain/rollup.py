"""Roll-up of objective progress through key results linked to child objectives."""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from okrs.domain.progress import weighted_mean


class LinkCycleError(ValueError):
    """Links that would make an objective depend on itself."""


# How the caller names its objectives: primary keys, document ids...
Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class KeyResultInput(Generic[Key]):
    """A key result's own progress and weight, or the child objective it takes progress from."""

    progress: float
    weight: float = 1.0
    linked_objective: Key | None = None
    checked_in: bool = False


def objective_progresses(
    key_results: Mapping[Key, Sequence[KeyResultInput[Key]]],
) -> dict[Key, float]:
    """Return each objective's progress, linked key results taking their child's progress."""
    done: dict[Key, float] = {}
    visiting: set[Key] = set()

    def progress_of(objective: Key) -> float:
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
