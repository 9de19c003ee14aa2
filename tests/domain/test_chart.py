"""Chart geometry: the value chart against the plan line, and the confidence sparkline."""

from datetime import date

from okrs.domain.chart import sparkline, value_chart


def test_sparkline_puts_ten_at_the_top_and_zero_at_the_bottom():
    assert sparkline([0, 10], width=104, height=24) == "2.0,22.0 102.0,2.0"


def test_sparkline_clamps_and_handles_one_or_no_value():
    assert sparkline([]) == ""
    assert sparkline([15], width=104, height=24) == "2.0,2.0"


def test_value_chart_draws_plan_from_start_to_target_over_the_cycle():
    chart = value_chart(
        date(2027, 1, 1), date(2027, 3, 31), 0, 100, [(date(2027, 2, 14), 50)], date(2027, 2, 14)
    )
    x1, y1, x2, y2 = chart.plan
    assert (x1, x2) == (8, 312) and y1 > y2
    ((x, y, value),) = chart.dots
    assert value == 50 and x1 < x < x2 and y2 < y < y1
    assert chart.today_x == x


def test_value_chart_has_no_today_marker_outside_the_cycle():
    chart = value_chart(date(2027, 1, 1), date(2027, 3, 31), 9, 3, [], date(2027, 6, 1))
    assert chart.today_x is None and chart.actual == ""
