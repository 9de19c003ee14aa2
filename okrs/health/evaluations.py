"""Evaluation completion in health: which teams shared their evaluation of closed cycles.

Counted by `okrs.evaluation.completion`, the function the Evaluation page counts with.
"""

from okrs.cycles.models import Cycle
from okrs.evaluation.completion import Completion, evaluation_completion

HISTORY = 6  # closed cycles listed, latest first


def latest_closed(cycles: list[Cycle], limit: int = HISTORY) -> list[Cycle]:
    """Return the latest closed cycles, latest first."""
    closed = [c for c in cycles if c.state == Cycle.State.CLOSED]
    return sorted(closed, key=lambda c: (c.end, c.start, c.pk), reverse=True)[:limit]


def evaluated_cycle(chosen: Cycle, cycles: list[Cycle]) -> Cycle | None:
    """Return the cycle whose evaluation is shown: the chosen one if closed, else the latest."""
    if chosen.state == Cycle.State.CLOSED:
        return chosen
    latest = latest_closed(cycles, 1)
    return latest[0] if latest else None


def completions(evaluated: Cycle | None, cycles: list[Cycle]) -> dict[int, Completion]:
    """Return the completion of the evaluated cycle and of the latest closed cycles, by id."""
    shown = latest_closed(cycles)
    if evaluated is not None and evaluated not in shown:
        shown.append(evaluated)
    return evaluation_completion(shown)
