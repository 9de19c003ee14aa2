"""The states people see: each branch of the rules, and the properties no page may break."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrs.domain.rollup import KeyResultInput, LinkCycleError
from okrs.domain.states import (
    LOOKS,
    PACE,
    State,
    is_final,
    key_result_state,
    look,
    objective_state,
    objectives_checked_in,
)
from okrs.domain.vocabulary import CycleState, Direction, Lifecycle

ACTIVE, OPEN, CLOSED_CYCLE = Lifecycle.ACTIVE, CycleState.ACTIVE, CycleState.CLOSED
HALF_WAY = {"expected": 0.5}


def objective(lifecycle=ACTIVE, cycle=OPEN, checked_in=True, progress=0.5, **pace):
    return objective_state(
        lifecycle, cycle, checked_in=checked_in, progress=progress, **(HALF_WAY | pace)
    )


def key_result(lifecycle=ACTIVE, cycle=OPEN, checked_in=True, progress=0.5, **pace):
    return key_result_state(
        lifecycle, cycle, checked_in=checked_in, progress=progress, **(HALF_WAY | pace)
    )


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param({"lifecycle": Lifecycle.DRAFT}, State.DRAFT, id="draft"),
        pytest.param(
            {"lifecycle": Lifecycle.DRAFT, "cycle": CLOSED_CYCLE, "progress": 1.0},
            State.DRAFT,
            id="draft-wins-over-a-closed-cycle",
        ),
        pytest.param({"lifecycle": Lifecycle.ABANDONED}, State.ABANDONED, id="abandoned"),
        pytest.param({"lifecycle": Lifecycle.ACHIEVED}, State.DONE, id="achieved-is-done"),
        pytest.param(
            {"lifecycle": Lifecycle.ACHIEVED, "cycle": CLOSED_CYCLE},
            State.DONE,
            id="achieved-in-a-closed-cycle-is-done",
        ),
        pytest.param({"lifecycle": Lifecycle.CLOSED}, State.CLOSED, id="closed-objective"),
        pytest.param({"cycle": CLOSED_CYCLE}, State.CLOSED, id="active-in-a-closed-cycle"),
        pytest.param(
            {"cycle": CLOSED_CYCLE, "checked_in": False, "progress": 0.0},
            State.CLOSED,
            id="never-checked-in-yet-closed",
        ),
        pytest.param(
            {"checked_in": False, "progress": 0.0},
            State.NOT_STARTED,
            id="no-check-in-is-not-started",
        ),
        pytest.param(
            {"checked_in": False, "progress": 0.0, "cycle": CycleState.PLANNING},
            State.NOT_STARTED,
            id="planned-cycle-not-started",
        ),
        pytest.param(
            {"checked_in": False, "progress": 0.4},
            State.AT_RISK,
            id="a-value-set-without-check-in-counts",
        ),
        pytest.param({"progress": 0.0}, State.OFF_TRACK, id="checked-in-at-zero-is-off-track"),
        pytest.param({"progress": 0.45}, State.ON_TRACK, id="on-track"),
        pytest.param({"progress": 0.3}, State.AT_RISK, id="at-risk"),
        pytest.param({"progress": 0.29}, State.OFF_TRACK, id="off-track"),
        pytest.param({"progress": 0.5, "confidence": 3}, State.AT_RISK, id="low-confidence"),
        pytest.param({"progress": 0.0, "expected": 0.0}, State.ON_TRACK, id="nothing-expected"),
        pytest.param({"progress": 1.0}, State.ON_TRACK, id="full-progress-is-not-achieved-yet"),
    ],
)
def test_objective_state(facts, expected):
    assert objective(**facts) == expected


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param({"lifecycle": Lifecycle.DRAFT}, State.DRAFT, id="draft-objective"),
        pytest.param({"lifecycle": Lifecycle.ABANDONED}, State.ABANDONED, id="dropped-objective"),
        pytest.param({"lifecycle": Lifecycle.ACHIEVED}, State.CLOSED, id="achieved-objective"),
        pytest.param({"lifecycle": Lifecycle.CLOSED}, State.CLOSED, id="closed-objective"),
        pytest.param(
            {"cycle": CLOSED_CYCLE, "progress": 1.0}, State.CLOSED, id="closed-cycle-graded"
        ),
        pytest.param({"checked_in": False, "progress": 0.0}, State.NOT_STARTED, id="not-started"),
        pytest.param({"progress": 1.0}, State.DONE, id="target-reached-is-done"),
        pytest.param(
            {"progress": 1.0, "direction": Direction.DECREASE}, State.DONE, id="decrease-reached"
        ),
        pytest.param(
            {"progress": 1.0, "direction": Direction.STAY_ABOVE},
            State.ON_TRACK,
            id="a-bound-kept-is-not-done-before-the-end",
        ),
        pytest.param(
            {"progress": 0.0, "direction": Direction.STAY_BELOW},
            State.OFF_TRACK,
            id="a-bound-broken",
        ),
        pytest.param({"progress": 0.3}, State.AT_RISK, id="at-risk"),
        pytest.param({"progress": 0.6, "confidence": 2}, State.AT_RISK, id="low-confidence"),
        pytest.param({"progress": 0.1}, State.OFF_TRACK, id="off-track"),
    ],
)
def test_key_result_state(facts, expected):
    assert key_result(**facts) == expected


def test_every_state_has_one_label_and_one_colour():
    assert set(LOOKS) == set(State)
    labels = [look(state).label for state in State]
    colours = [look(state).colour for state in State]
    assert len(set(labels)) == len(set(colours)) == len(State)
    assert look("not-started").label == "Not started" and look(State.CLOSED).colour == "closed"


@pytest.mark.parametrize(
    ("lifecycle", "cycle", "final"),
    [
        (ACTIVE, OPEN, False),
        (Lifecycle.DRAFT, OPEN, False),
        (ACTIVE, CLOSED_CYCLE, True),
        (Lifecycle.ACHIEVED, OPEN, True),
        (Lifecycle.CLOSED, OPEN, True),
        (Lifecycle.ABANDONED, OPEN, True),
    ],
)
def test_scores_are_final_once_the_cycle_or_the_objective_is_over(lifecycle, cycle, final):
    assert is_final(lifecycle, cycle) is final


def test_an_objective_has_started_through_a_linked_child_at_any_depth():
    started = objectives_checked_in(
        {
            "company": [KeyResultInput(0.0, 1.0, "strategic")],
            "strategic": [KeyResultInput(0.0, 1.0, "tactical"), KeyResultInput(0.0)],
            "tactical": [KeyResultInput(0.0, 1.0, checked_in=True)],
            "quiet": [KeyResultInput(0.0), KeyResultInput(0.0, 0.0, "none-loaded")],
            "weightless": [KeyResultInput(0.0, 0.0, checked_in=True)],
            "empty": [],
        }
    )
    assert started == {"company", "strategic", "tactical", "weightless"}


def test_a_linked_key_result_whose_child_is_not_loaded_keeps_its_own_check_in():
    assert objectives_checked_in({"a": [KeyResultInput(0.0, 1.0, "gone", True)]}) == {"a"}


def test_links_in_a_loop_are_refused_as_for_progress():
    with pytest.raises(LinkCycleError):
        objectives_checked_in({"a": [KeyResultInput(0, 1, "b")], "b": [KeyResultInput(0, 1, "a")]})


lifecycles = st.sampled_from(list(Lifecycle))
cycle_states = st.sampled_from(list(CycleState))
shares = st.floats(min_value=0, max_value=1, allow_nan=False)
confidences = st.none() | st.integers(min_value=0, max_value=10)
directions = st.sampled_from(list(Direction))


@given(lifecycles, cycle_states, st.booleans(), shares, shares, confidences, directions)
def test_states_never_contradict_their_facts(
    lifecycle, cycle, checked_in, progress, expected, confidence, direction
):
    facts = {
        "checked_in": checked_in,
        "progress": progress,
        "expected": expected,
        "confidence": confidence,
    }
    for found in (
        objective_state(lifecycle, cycle, **facts),
        key_result_state(lifecycle, cycle, **facts, direction=direction),
    ):
        if lifecycle == Lifecycle.DRAFT:
            assert found == State.DRAFT  # a draft always reads Draft
        if found in PACE:  # pace is only read off something reported, in an open cycle
            assert (checked_in or progress > 0) and cycle != CycleState.CLOSED
            assert lifecycle == Lifecycle.ACTIVE
        if found == State.NOT_STARTED:
            assert not checked_in and progress == 0
        if cycle == CycleState.CLOSED and lifecycle not in (Lifecycle.DRAFT, Lifecycle.ABANDONED):
            assert found in (State.CLOSED, State.DONE)  # a closed cycle shows no live pace
        if found == State.OFF_TRACK:
            assert progress < expected
