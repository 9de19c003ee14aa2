"""Values that look mistyped are questioned, with the value probably meant."""

import pytest

from okrs.domain.plausibility import doubt


def metric(value, start=0.0, target=150.0, unit="", direction="increase", kind="metric"):
    return doubt(value, kind=kind, direction=direction, start=start, target=target, unit=unit)


@pytest.mark.parametrize("value", [0, 75, 150, 299, 300])
def test_a_value_from_the_start_to_as_far_again_past_the_target_is_not_questioned(value):
    assert metric(value) is None


def test_past_twice_the_planned_change_a_slipped_decimal_point_is_suggested():
    found = metric(1500)

    assert found.reason == "past twice the planned change (target 150)"
    assert found.suggestion == 150
    assert found.question(1500, "") == (
        "1,500 is past twice the planned change (target 150). Did you mean 150?"
    )


def test_below_the_start_is_questioned_and_a_lost_minus_sign_is_not_guessed_when_nothing_fits():
    found = metric(-7, start=20, target=100)

    assert found.reason == "below the start (20)"
    assert found.suggestion is None


def test_a_decrease_questions_a_value_above_its_start():
    found = metric(90, start=9, target=3, direction="decrease")

    assert found.reason == "above the start (9)"
    assert found.suggestion == 9


@pytest.mark.parametrize(("value", "suggestion"), [(1000, 100), (-5, 5), (250, 25), (-0.5, 0.5)])
def test_a_percentage_outside_0_to_100_is_questioned(value, suggestion):
    found = metric(value, start=None, target=80, unit="%")

    assert found.reason == "outside 0-100%"
    assert found.suggestion == suggestion


def test_a_percentage_inside_0_to_100_past_twice_the_plan_is_questioned_on_the_plan():
    found = metric(95, start=40, target=45, unit="%")

    assert found.reason == "past twice the planned change (target 45)"


@pytest.mark.parametrize(
    ("kind", "direction", "start"),
    [("binary", "increase", 0.0), ("metric", "stay-above", 0.0), ("metric", "increase", None)],
)
def test_milestones_bounds_and_key_results_without_a_start_are_not_questioned(
    kind, direction, start
):
    assert metric(10_000, start=start, kind=kind, direction=direction) is None
