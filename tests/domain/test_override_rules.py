"""When a status may be set by hand, and what its state and reason must be."""

import pytest

from okrs.domain.states import OVERRIDE_REASON_LIMIT, override_problems, override_refusal


@pytest.mark.parametrize(
    ("lifecycle", "cycle_state", "refused"),
    [
        ("draft", "active", "A draft is not measured yet"),
        ("draft", "planning", "A draft is not measured yet"),
        ("active", "closed", "Its cycle is closed"),
        ("achieved", "active", "The objective is achieved"),
        ("abandoned", "active", "The objective is abandoned"),
        ("closed", "active", "The objective is closed"),
        ("active", "active", ""),
        ("active", "planning", ""),
    ],
)
def test_only_a_measured_objective_takes_a_status_by_hand(lifecycle, cycle_state, refused):
    refusal = override_refusal(lifecycle, cycle_state)
    assert refusal.startswith(refused) if refused else refusal == ""


@pytest.mark.parametrize("state", ["on-track", "at-risk", "off-track"])
def test_pace_states_with_a_reason_are_accepted(state):
    assert override_problems(state, "Blocked by the vendor") == {}


def test_the_reason_is_counted_without_surrounding_spaces():
    assert override_problems("at-risk", "  " + "x" * OVERRIDE_REASON_LIMIT + "  ") == {}
    assert override_problems("at-risk", "x" * (OVERRIDE_REASON_LIMIT + 1)) == {
        "reason": f"Reason: {OVERRIDE_REASON_LIMIT} characters at most (this one has 281)."
    }


def test_a_blank_reason_and_another_state_are_both_named():
    problems = override_problems("done", " \n ")
    assert set(problems) == {"state", "reason"}
    assert problems["state"].startswith("State: 'done' is not one set by hand")
