"""Re-planning a key result: when it needs a reason, and the plan line in force on a day."""

from datetime import date

from okrs.domain.plans import PlanVersion, in_force, is_replan, plan_value

START, END = date(2027, 1, 1), date(2027, 3, 31)


def test_changing_start_or_target_of_a_published_key_result_in_a_running_cycle_is_a_replan():
    assert is_replan(START, date(2027, 2, 1), True, {"target"})
    assert is_replan(START, START, True, {"start", "title"})


def test_a_draft_a_cycle_not_started_or_other_fields_are_no_replan():
    assert not is_replan(START, date(2027, 2, 1), False, {"target"})
    assert not is_replan(START, date(2026, 12, 31), True, {"target"})
    assert not is_replan(START, date(2027, 2, 1), True, {"title", "unit"})


def test_plan_value_runs_straight_from_start_to_target():
    version = PlanVersion(START, 0, 89)  # the quarter lasts 89 days: one a day
    assert plan_value(START, END, version, START) == 0
    assert plan_value(START, END, version, END) == 89
    assert plan_value(START, END, version, date(2027, 2, 15)) == 45
    assert plan_value(START, END, version, date(2027, 6, 1)) == 89


def test_the_version_in_force_is_the_latest_set_by_that_day():
    first, second = PlanVersion(START, 0, 90), PlanVersion(date(2027, 2, 1), 0, 60)
    assert in_force([second, first], date(2027, 1, 20)) == first
    assert in_force([second, first], date(2027, 2, 1)) == second
