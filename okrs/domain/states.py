"""The states people see beside a score: one word and one colour each, decided in one place."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from okrs.domain.progress import status
from okrs.domain.rollup import Key, KeyResultInput, LinkCycleError
from okrs.domain.vocabulary import CycleState, Direction, Lifecycle


class State(StrEnum):
    """Where an objective or key result stands, as every page and the API name it."""

    DRAFT = "draft"
    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    DONE = "done"
    ABANDONED = "abandoned"
    CLOSED = "closed"


@dataclass(frozen=True)
class Look:
    """How a state reads: its label, its colour (a CSS class) and when it applies."""

    label: str
    colour: str
    when: str


LOOKS = {
    State.DRAFT: Look("Draft", "draft", "A draft: not committed to yet, so not measured."),
    State.NOT_STARTED: Look("Not started", "not-started", "No check-in yet on any key result."),
    State.ON_TRACK: Look(
        "On track", "on-track", "Progress is at least 90% of the pace expected today."
    ),
    State.AT_RISK: Look(
        "At risk",
        "at-risk",
        "Progress is 60% to 90% of the pace expected today, or confidence is 3 or less.",
    ),
    State.OFF_TRACK: Look(
        "Off track", "off-track", "Progress is below 60% of the pace expected today."
    ),
    State.DONE: Look(
        "Done", "done", "The objective was achieved, or the key result reached its target."
    ),
    State.ABANDONED: Look("Abandoned", "abandoned", "The objective was dropped."),
    State.CLOSED: Look(
        "Closed", "closed", "The cycle (or the objective) is closed: the score is its final grade."
    ),
}
PACE = (State.ON_TRACK, State.AT_RISK, State.OFF_TRACK)
BY_VALUE = {state.value: state for state in State}  # a lookup, cheaper than State(value)
FINISHED = (Lifecycle.ACHIEVED, Lifecycle.CLOSED)
BOUNDS = (Direction.STAY_ABOVE, Direction.STAY_BELOW)


def look(state: State | str) -> Look:
    """Return the label, colour and meaning of a state."""
    return LOOKS[State(state)]


def is_final(lifecycle: Lifecycle | str, cycle_state: CycleState | str) -> bool:
    """Return whether scores are final: the cycle is closed or the objective finished or dropped."""
    return lifecycle in (*FINISHED, Lifecycle.ABANDONED) or cycle_state == CycleState.CLOSED


def objective_state(
    lifecycle: Lifecycle | str,
    cycle_state: CycleState | str,
    *,
    checked_in: bool,
    progress: float,
    expected: float,
    confidence: int | None = None,
) -> State:
    """Return the objective's state: its lifecycle first, then its start, then its pace."""
    if lifecycle == Lifecycle.DRAFT:
        return State.DRAFT
    if lifecycle == Lifecycle.ABANDONED:
        return State.ABANDONED
    if lifecycle == Lifecycle.ACHIEVED:
        return State.DONE
    if lifecycle == Lifecycle.CLOSED or cycle_state == CycleState.CLOSED:
        return State.CLOSED
    if not checked_in and progress <= 0:
        return State.NOT_STARTED
    return BY_VALUE[status(progress, expected, confidence)]


def key_result_state(
    lifecycle: Lifecycle | str,
    cycle_state: CycleState | str,
    *,
    checked_in: bool,
    progress: float,
    expected: float,
    confidence: int | None = None,
    direction: Direction | str = Direction.INCREASE,
) -> State:
    """Return the key result's state under its objective's lifecycle and its cycle's state."""
    if lifecycle == Lifecycle.DRAFT:
        return State.DRAFT
    if lifecycle == Lifecycle.ABANDONED:
        return State.ABANDONED
    if lifecycle in FINISHED or cycle_state == CycleState.CLOSED:
        return State.CLOSED
    if not checked_in and progress <= 0:
        return State.NOT_STARTED
    # A bound to keep (stay above or below) is kept for good only once the cycle is over.
    if progress >= 1 and direction not in BOUNDS:
        return State.DONE
    return BY_VALUE[status(progress, expected, confidence)]


def objectives_checked_in(
    key_results: Mapping[Key, Sequence[KeyResultInput[Key]]],
) -> set[Key]:
    """Return the objectives with a check-in on a key result, linked ones counting their child's."""
    started: dict[Key, bool] = {}
    visiting: set[Key] = set()

    def has_check_in(objective: Key) -> bool:
        if objective in started:
            return started[objective]
        if objective in visiting:
            raise LinkCycleError(
                f"objective {objective} depends on itself through linked key results"
            )
        visiting.add(objective)
        found = False
        for kr in key_results[objective]:
            linked = kr.linked_objective
            if linked is not None and linked in key_results:
                found = has_check_in(linked) or found  # every link is followed: loops are found
            else:
                found = found or kr.checked_in
        visiting.discard(objective)
        started[objective] = found
        return found

    return {objective for objective in key_results if has_check_in(objective)}


# A status set by hand: one of the pace states, with a reason people can read in one line.
OVERRIDE_STATES = PACE
OVERRIDE_REASON_LIMIT = 280
OVERRIDE_REASON_REQUIRED = "Reason: say why the status is set by hand, e.g. blocked by a vendor."


def override_refusal(lifecycle: Lifecycle | str, cycle_state: CycleState | str) -> str:
    """Return why the objective's status may not be set by hand now, or nothing when it may."""
    if lifecycle == Lifecycle.DRAFT:
        return "A draft is not measured yet: publish it before setting its status by hand."
    if cycle_state == CycleState.CLOSED:
        return "Its cycle is closed: the objective's OKRs are frozen."
    if is_final(lifecycle, cycle_state):
        return f"The objective is {lifecycle}: its status is final, not set by hand."
    return ""


def override_problems(state: str, reason: str) -> dict[str, str]:
    """Return what is wrong with a status set by hand, by field: empty when it may be set."""
    problems = {}
    if state not in OVERRIDE_STATES:
        allowed = ", ".join(OVERRIDE_STATES)
        problems["state"] = f"State: {state!r} is not one set by hand; choose one of {allowed}."
    text = reason.strip()
    if not text:
        problems["reason"] = OVERRIDE_REASON_REQUIRED
    elif len(text) > OVERRIDE_REASON_LIMIT:
        problems["reason"] = (
            f"Reason: {OVERRIDE_REASON_LIMIT} characters at most (this one has {len(text)})."
        )
    return problems
