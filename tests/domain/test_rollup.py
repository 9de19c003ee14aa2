"""Objective progress rolled up through key results linked to child objectives."""

import pytest

from okrs.domain.rollup import KeyResultInput, LinkCycleError, objective_progresses

KR = KeyResultInput


@pytest.mark.parametrize(
    ("key_results", "objective", "expected"),
    [
        pytest.param({"a": [KR(0.5), KR(1.0)]}, "a", 0.75, id="plain-mean"),
        pytest.param({"a": [KR(1.0, 3), KR(0.0, 1)]}, "a", 0.75, id="weighted-mean"),
        pytest.param({"a": [KR(0.2, 1), KR(0.9, 0)]}, "a", 0.2, id="zero-weight-ignored"),
        pytest.param({"a": []}, "a", 0.0, id="no-key-results-is-0"),
        pytest.param(
            {"a": [KR(0.0, linked_objective="b")], "b": [KR(0.4), KR(0.6)]},
            "a",
            0.5,
            id="linked-kr-takes-child-progress",
        ),
        pytest.param(
            {"a": [KR(0.9, linked_objective="b")], "b": []},
            "a",
            0.0,
            id="linked-kr-takes-child-without-key-results-as-0",
        ),
        pytest.param(
            {"a": [KR(0.0, 2, linked_objective="b"), KR(1.0, 1)], "b": [KR(0.25)]},
            "a",
            0.5,
            id="linked-kr-keeps-its-weight",
        ),
        pytest.param(
            {
                "company": [KR(0.0, 2, linked_objective="strategic"), KR(0.5, 1)],
                "strategic": [
                    KR(0.0, linked_objective="growth"),
                    KR(0.0, linked_objective="support"),
                ],
                "growth": [KR(0.2), KR(0.4)],
                "support": [KR(1.0)],
            },
            "company",
            0.6,
            id="three-levels-with-weights",
        ),
        pytest.param(
            {
                "company": [KR(0.0, linked_objective="strategic")],
                "strategic": [KR(0.0, 3, linked_objective="growth"), KR(0.0, 1)],
                "growth": [KR(1.0, 1), KR(0.0, 1)],
            },
            "company",
            0.375,
            id="weights-at-every-level",
        ),
    ],
)
def test_objective_progress_rolls_up_through_linked_key_results(key_results, objective, expected):
    assert objective_progresses(key_results)[objective] == pytest.approx(expected)


def test_roll_up_returns_every_objective_progress():
    progresses = objective_progresses(
        {
            "company": [KR(0.0, linked_objective="strategic")],
            "strategic": [KR(0.0, linked_objective="growth"), KR(1.0)],
            "growth": [KR(0.5)],
        }
    )

    assert progresses == pytest.approx({"company": 0.75, "strategic": 0.75, "growth": 0.5})


def test_child_linked_from_two_parents_counts_in_both():
    progresses = objective_progresses(
        {
            "a": [KR(0.0, linked_objective="shared")],
            "b": [KR(0.0, linked_objective="shared"), KR(0.0)],
            "shared": [KR(0.8)],
        }
    )

    assert progresses["a"] == pytest.approx(0.8)
    assert progresses["b"] == pytest.approx(0.4)


@pytest.mark.parametrize(
    "key_results",
    [
        pytest.param({"a": [KR(0.5, linked_objective="a")]}, id="self-link"),
        pytest.param(
            {"a": [KR(0.5, linked_objective="b")], "b": [KR(0.5, linked_objective="a")]},
            id="two-objectives",
        ),
        pytest.param(
            {
                "a": [KR(0.5, linked_objective="b")],
                "b": [KR(0.5, linked_objective="c")],
                "c": [KR(0.1), KR(0.5, linked_objective="a")],
            },
            id="three-objectives",
        ),
    ],
)
def test_loop_in_linked_key_results_raises_link_cycle_error(key_results):
    with pytest.raises(LinkCycleError):
        objective_progresses(key_results)
