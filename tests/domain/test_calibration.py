"""Confidence trend and calibration: how well mid-cycle confidence predicted the final score."""

from datetime import date

import pytest

from okrs.domain.calibration import (
    Calibration,
    Forecast,
    calibrate,
    confidence_trend,
    midpoint,
    scatter,
)


def test_midpoint_of_a_quarter_is_its_middle_day():
    assert midpoint(date(2027, 1, 1), date(2027, 3, 31)) == date(2027, 2, 14)


def test_midpoint_of_an_even_length_cycle_is_the_earlier_middle_day():
    assert midpoint(date(2027, 1, 1), date(2027, 1, 4)) == date(2027, 1, 2)


def test_trend_compares_the_latest_confidence_with_the_previous_and_the_first():
    trend = confidence_trend([7, 8, 6, 4])
    assert (trend.first, trend.latest, trend.change, trend.overall) == (7, 4, -2, -3)
    assert trend.direction() == "falling"
    assert confidence_trend([3, 5]).direction() == "rising"
    assert confidence_trend([5]).direction() == "steady"
    assert confidence_trend([]).direction() == ""


# Four key results: confidence at the midpoint against the final score, both 0-10.
CRAFTED = [Forecast(8, 5), Forecast(7, 7), Forecast(3, 6), Forecast(10, 4)]


def test_calibration_of_a_crafted_set():
    found = calibrate(CRAFTED)
    # |8-5| + |7-7| + |3-6| + |10-4| = 3 + 0 + 3 + 6 = 12 points; 12 / 10 / 4 = 0.3
    assert found.count == 4
    assert found.mean_absolute_error == pytest.approx(0.3)
    # Only 7 against 7 lies within 2 points.
    assert found.within_share == pytest.approx(0.25)
    assert found.within_percent() == 25
    # (3 + 0 - 3 + 6) / 4 = 1.5 points above the outcome.
    assert found.bias == pytest.approx(1.5)
    assert found.verdict() == "over-confident"


def test_a_perfect_forecaster_has_no_error_and_no_bias():
    found = calibrate([Forecast(7, 7), Forecast(2, 2), Forecast(10, 10)])
    assert (found.mean_absolute_error, found.within_share, found.bias) == (0, 1, 0)
    assert found.verdict() == "balanced"


def test_a_team_that_kept_doubting_is_under_confident():
    found = calibrate([Forecast(3, 8), Forecast(5, 9)])
    assert found.bias == pytest.approx(-4.5)
    assert found.verdict() == "under-confident"


def test_two_points_exactly_counts_as_within_despite_floating_point():
    assert Forecast(7.3, 5.3).is_within()
    assert Forecast(5, 7).is_within()
    assert not Forecast(5, 7.1).is_within()


def test_bias_of_exactly_one_point_is_still_balanced():
    assert Calibration(2, 0.1, 1.0, 1.0).verdict() == "balanced"
    assert Calibration(2, 0.1, 1.0, 1.01).verdict() == "over-confident"


def test_no_forecasts_give_no_calibration():
    assert calibrate([]) is None


def test_scatter_puts_confidence_across_and_score_upwards_with_the_diagonal():
    chart = scatter([Forecast(0, 0, "a"), Forecast(10, 5, "b")], size=320, pad=36)
    assert chart.diagonal == (36, 284, 284, 36)
    first, second = chart.dots
    assert (first.x, first.y) == (36, 284)
    assert (second.x, second.y) == (284, 160)
    assert second.labels == ("b",)
    assert [tick[0] for tick in chart.ticks] == [0, 5, 10]


def test_scatter_band_covers_two_points_either_side_of_the_diagonal():
    chart = scatter([], size=120, pad=10)
    # 100 pixels for 10 points: 2 points are 20 pixels.
    assert chart.band == "10.0,110.0 30.0,110.0 110.0,30.0 110.0,10.0 90.0,10.0 10.0,90.0"


def test_scatter_merges_identical_forecasts_into_one_larger_dot():
    chart = scatter([Forecast(6, 6, "x"), Forecast(6, 6, "y"), Forecast(2, 9, "z")])
    assert len(chart.dots) == 2
    merged = next(dot for dot in chart.dots if dot.confidence == 6)
    assert merged.labels == ("x", "y")
    assert merged.r > next(dot for dot in chart.dots if dot.confidence == 2).r


def test_scatter_clamps_values_outside_0_to_10():
    chart = scatter([Forecast(12, -1)], size=120, pad=10)
    assert (chart.dots[0].x, chart.dots[0].y) == (110, 110)


def test_a_crowded_dot_stays_on_the_chart_and_its_tooltip_stays_short():
    from okrs.domain.calibration import MAX_RADIUS

    crowd = [Forecast(5, 5, f"kr {n}") for n in range(5000)]
    chart = scatter([*crowd, Forecast(5, 6, "a"), Forecast(5, 6, "b"), Forecast(1, 1, "c")])
    big, pair, single = (
        next(dot for dot in chart.dots if (dot.confidence, dot.score) == place)
        for place in ((5, 5), (5, 6), (1, 1))
    )
    assert big.r == MAX_RADIUS
    assert single.r == 4 < pair.r < big.r
    assert len(big.labels) == 5000
    assert big.caption() == "kr 0; kr 1; kr 2; kr 3; kr 4 and 4995 more"
    assert pair.caption() == "a; b"


def test_few_forecasts_keep_their_dots_size():
    chart = scatter([Forecast(6, 6, "x"), Forecast(6, 6, "y"), Forecast(6, 6, "z")])
    assert chart.dots[0].r == round(4 + 2 * 2**0.5, 1)
