"""Chart geometry: dates on the time axis, check-ins as markers, the plan line and its re-plans."""

from datetime import date

from okrs.domain.chart import day_label, sparkline, time_ticks, value_chart
from okrs.domain.plans import PlanVersion

Q1 = (date(2027, 1, 1), date(2027, 3, 31))


def test_sparkline_puts_ten_at_the_top_and_zero_at_the_bottom():
    assert sparkline([0, 10], width=104, height=24) == "2.0,22.0 102.0,2.0"


def test_sparkline_clamps_and_handles_one_or_no_value():
    assert sparkline([]) == ""
    assert sparkline([15], width=104, height=24) == "2.0,2.0"


def test_value_chart_draws_plan_from_start_to_target_over_the_cycle():
    chart = value_chart(*Q1, 0, 89, [(date(2027, 2, 15), 50)], date(2027, 2, 15))
    x1, y1, x2, y2 = chart.plan_ends
    assert (x1, x2) == (8, 312) and y1 > y2
    assert chart.plan == f"{x1},{y1} {x2},{y2}"
    (dot,) = chart.dots
    assert dot.value == 50 and x1 < dot.x < x2 and y2 < dot.y < y1
    assert chart.today_x == dot.x
    assert chart.today_plan == 45  # where the plan stands today: 45 days of 89, one a day
    assert chart.steps == [] and chart.baseline is None


def test_value_chart_has_no_today_marker_outside_the_cycle():
    chart = value_chart(*Q1, 9, 3, [], date(2027, 6, 1))
    assert chart.today_x is None and chart.today_plan is None and chart.actual == ""


def test_the_plot_stays_above_the_time_axis():
    chart = value_chart(*Q1, 0, 100, [(date(2027, 1, 1), 0), (date(2027, 3, 31), 100)], Q1[0])
    assert chart.axis_y == chart.height - 18
    assert all(0 < dot.y < chart.axis_y for dot in chart.dots)


def test_a_quarter_reads_its_first_and_last_day_and_the_months_between():
    chart = value_chart(*Q1, 0, 100, [], Q1[0])
    assert [(t.day, t.label, t.anchor) for t in chart.ticks] == [
        (date(2027, 1, 1), "1 Jan", "start"),
        (date(2027, 2, 1), "Feb", "middle"),
        (date(2027, 3, 1), "Mar", "middle"),
        (date(2027, 3, 31), "31 Mar", "end"),
    ]
    xs = [t.x for t in chart.ticks]
    assert xs == sorted(xs) and xs[0] == 8 and xs[-1] == 312


def test_a_year_keeps_only_the_quarter_starts_between_its_ends():
    ticks = time_ticks(date(2027, 1, 1), date(2027, 12, 31), lambda day: day.toordinal())
    assert [t.label for t in ticks] == ["1 Jan", "Apr", "Jul", "Oct", "31 Dec"]


def test_a_cycle_of_several_years_reads_years():
    ticks = time_ticks(date(2026, 1, 1), date(2028, 12, 31), lambda day: day.toordinal())
    assert [t.label for t in ticks] == ["1 Jan 2026", "2027", "2028", "31 Dec 2028"]


def test_a_cycle_starting_mid_month_names_its_day():
    assert day_label(date(2027, 1, 15)) == "15 Jan"
    assert day_label(date(2027, 1, 15), year=True) == "15 Jan 2027"


def test_check_ins_are_markers_in_date_order_with_their_notes():
    readings = [(date(2027, 2, 1), 40, "confidence 7/10: slow start"), (date(2027, 1, 15), 30)]
    chart = value_chart(*Q1, 20, 100, readings, date(2027, 2, 1))
    assert [(d.day, d.value, d.note) for d in chart.dots] == [
        (date(2027, 1, 15), 30, ""),
        (date(2027, 2, 1), 40, "confidence 7/10: slow start"),
    ]
    assert chart.actual == " ".join(f"{d.x},{d.y}" for d in chart.dots)


def test_a_replan_steps_the_plan_line_on_its_day_and_keeps_the_original():
    original = PlanVersion(Q1[0], 20, 100)
    replanned = PlanVersion(date(2027, 2, 15), 20, 60, "Alice: the vendor left")
    chart = value_chart(*Q1, 20, 60, [], date(2027, 3, 1), versions=[replanned, original])
    (step,) = chart.steps
    assert (step.before, step.after) == (original, replanned)
    assert step.y_after > step.y_before  # a lower target: the line drops down the chart
    points = chart.plan.split()
    assert len(points) == 4  # start, the step's two ends, the end of the new line
    assert points[1] == f"{step.x},{step.y_before}" and points[2] == f"{step.x},{step.y_after}"
    assert chart.baseline[:2] == (step.x, step.y_before)  # the original line goes on from there
    assert chart.baseline[3] < chart.plan_ends[3]  # the original target stands higher
    assert (chart.original(), chart.current()) == (original, replanned)
    assert chart.high == 100  # the original target stays in view


def test_a_replan_before_the_cycle_starts_steps_at_its_first_day():
    versions = [PlanVersion(Q1[0], 0, 10), PlanVersion(date(2026, 12, 1), 0, 20)]
    chart = value_chart(*Q1, 0, 20, [], Q1[0], versions=versions)
    assert chart.steps[0].x == 8
