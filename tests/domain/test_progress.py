"""Key result progress, score, expected pace and status, as the specification states them."""

from datetime import date

import pytest

from okrs.domain.profiles import DEFAULT_PROFILE, PROFILES, get_profile
from okrs.domain.progress import (
    ProgressError,
    elapsed_share,
    expected_progress,
    format_score,
    infer_direction,
    is_achieved,
    key_result_progress,
    mean_confidence,
    score,
    status,
    weighted_mean,
    whole_confidence,
)
from okrs.domain.vocabulary import Ambition, Direction, KeyResultType, ScoreScale, Status

METRIC = KeyResultType.METRIC
BINARY = KeyResultType.BINARY
INCREASE = Direction.INCREASE
DECREASE = Direction.DECREASE
STAY_ABOVE = Direction.STAY_ABOVE
STAY_BELOW = Direction.STAY_BELOW
TEN = ScoreScale.TEN
ONE = ScoreScale.ONE
ROOFSHOT = Ambition.ROOFSHOT
MOONSHOT = Ambition.MOONSHOT
ON_TRACK = Status.ON_TRACK
AT_RISK = Status.AT_RISK
OFF_TRACK = Status.OFF_TRACK

# A 90-day cycle: 2027-01-01 to 2027-04-01.
CYCLE_START = date(2027, 1, 1)
CYCLE_END = date(2027, 4, 1)


@pytest.mark.parametrize(
    ("direction", "start", "target", "current", "expected"),
    [
        pytest.param(INCREASE, 20000, 100000, 20000, 0.0, id="increase-at-start-is-0"),
        pytest.param(INCREASE, 20000, 100000, 60000, 0.5, id="increase-halfway-is-0.5"),
        pytest.param(INCREASE, 45, 78, 78, 1.0, id="increase-at-target-is-1"),
        pytest.param(INCREASE, 0, 8, 1, 0.125, id="increase-one-eighth"),
        pytest.param(INCREASE, -10, 10, 0, 0.5, id="increase-through-zero"),
        pytest.param(DECREASE, 9, 3, 5, 2 / 3, id="decrease-9-to-3-at-5-is-0.667"),
        pytest.param(DECREASE, 9, 3, 9, 0.0, id="decrease-at-start-is-0"),
        pytest.param(DECREASE, 9, 3, 3, 1.0, id="decrease-at-target-is-1"),
        pytest.param(DECREASE, 100, 0, 25, 0.75, id="decrease-to-zero"),
    ],
)
def test_metric_progress_is_share_of_the_way_from_start_to_target(
    direction, start, target, current, expected
):
    assert key_result_progress(METRIC, direction, start, target, current) == pytest.approx(expected)


def test_decrease_kr_progress_counts_down():
    progress = key_result_progress(METRIC, DECREASE, 9, 3, 5)

    assert round(progress, 3) == 0.667


@pytest.mark.parametrize(
    ("direction", "start", "target", "current", "expected"),
    [
        pytest.param(INCREASE, 10, 20, 5, 0.0, id="increase-below-start-clamps-to-0"),
        pytest.param(INCREASE, 10, 20, 35, 1.0, id="increase-beyond-target-clamps-to-1"),
        pytest.param(DECREASE, 9, 3, 12, 0.0, id="decrease-above-start-clamps-to-0"),
        pytest.param(DECREASE, 9, 3, 0, 1.0, id="decrease-beyond-target-clamps-to-1"),
    ],
)
def test_metric_progress_is_clamped_to_0_and_1(direction, start, target, current, expected):
    assert key_result_progress(METRIC, direction, start, target, current) == expected


@pytest.mark.parametrize(
    ("kind", "direction", "start", "target"),
    [
        pytest.param(METRIC, INCREASE, 20000, 100000, id="metric-increase"),
        pytest.param(METRIC, DECREASE, 9, 3, id="metric-decrease"),
        pytest.param(BINARY, INCREASE, None, 1, id="binary"),
        pytest.param(METRIC, STAY_ABOVE, None, 95, id="stay-above"),
        pytest.param(METRIC, STAY_BELOW, None, 2, id="stay-below"),
    ],
)
def test_key_result_without_current_value_has_no_progress(kind, direction, start, target):
    assert key_result_progress(kind, direction, start, target, None) == 0.0


@pytest.mark.parametrize(
    ("direction", "current"),
    [
        pytest.param(INCREASE, 5, id="increase-current-equal"),
        pytest.param(INCREASE, 8, id="increase-current-above"),
        pytest.param(DECREASE, 2, id="decrease-current-below"),
    ],
)
def test_metric_with_start_equal_to_target_raises_progress_error(direction, current):
    with pytest.raises(ProgressError):
        key_result_progress(METRIC, direction, 5, 5, current)


def test_metric_without_start_raises_progress_error():
    with pytest.raises(ProgressError):
        key_result_progress(METRIC, INCREASE, None, 10, 4)


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        pytest.param(0, 0.0, id="not-done-is-0"),
        pytest.param(1, 1.0, id="done-is-1"),
    ],
)
def test_binary_key_result_is_0_until_done_then_1(current, expected):
    assert key_result_progress(BINARY, INCREASE, None, 1, current) == expected


@pytest.mark.parametrize(
    ("direction", "bound", "current", "expected"),
    [
        pytest.param(STAY_ABOVE, 95, 97, 1.0, id="stay-above-kept"),
        pytest.param(STAY_ABOVE, 95, 95, 1.0, id="stay-above-on-the-bound-is-kept"),
        pytest.param(STAY_ABOVE, 95, 94.9, 0.0, id="stay-above-broken"),
        pytest.param(STAY_BELOW, 2, 1, 1.0, id="stay-below-kept"),
        pytest.param(STAY_BELOW, 2, 2, 1.0, id="stay-below-on-the-bound-is-kept"),
        pytest.param(STAY_BELOW, 2, 2.1, 0.0, id="stay-below-broken"),
    ],
)
def test_stay_key_result_is_1_while_the_bound_is_kept(direction, bound, current, expected):
    assert key_result_progress(METRIC, direction, None, bound, current) == expected


@pytest.mark.parametrize(
    ("start", "target", "expected"),
    [
        pytest.param(9, 3, DECREASE, id="target-below-start-decreases"),
        pytest.param(45, 78, INCREASE, id="target-above-start-increases"),
        pytest.param(None, 1, INCREASE, id="no-start-increases"),
        pytest.param(0, -5, DECREASE, id="negative-target-decreases"),
    ],
)
def test_direction_is_inferred_from_start_and_target(start, target, expected):
    assert infer_direction(start, target) == expected


@pytest.mark.parametrize(
    ("progresses", "weights", "expected"),
    [
        pytest.param([0.5, 1.0], [1, 1], 0.75, id="equal-weights-plain-mean"),
        pytest.param([1.0, 0.0], [3, 1], 0.75, id="weight-3-against-1"),
        pytest.param([0.2, 0.8], [2, 0], 0.2, id="zero-weight-ignored"),
        pytest.param([0.2, 0.8], [0, 0], 0.0, id="all-zero-weights-is-0"),
        pytest.param([], [], 0.0, id="no-key-results-is-0"),
        pytest.param([0.4], [1], 0.4, id="single-key-result"),
    ],
)
def test_objective_progress_is_weighted_mean_of_key_results(progresses, weights, expected):
    assert weighted_mean(progresses, weights) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("progress", "scale", "grade", "expected"),
    [
        pytest.param(2 / 3, TEN, None, 6.7, id="two-thirds-on-ten-is-6.7"),
        pytest.param(2 / 3, ONE, None, 0.67, id="two-thirds-on-one-is-0.67"),
        pytest.param(0.0, TEN, None, 0.0, id="zero-on-ten"),
        pytest.param(0.0, ONE, None, 0.0, id="zero-on-one"),
        pytest.param(1.0, TEN, None, 10.0, id="full-on-ten"),
        pytest.param(1.0, ONE, None, 1.0, id="full-on-one"),
        pytest.param(0.75, TEN, None, 7.5, id="three-quarters-on-ten"),
        pytest.param(0.75, ONE, None, 0.75, id="three-quarters-on-one"),
        pytest.param(0.333, TEN, None, 3.3, id="rounds-down-on-ten"),
        pytest.param(0.333, ONE, None, 0.33, id="rounds-down-on-one"),
        pytest.param(2 / 3, TEN, 8, 8.0, id="grade-overrides-progress-on-ten"),
        pytest.param(2 / 3, ONE, 8, 0.8, id="grade-overrides-progress-on-one"),
        pytest.param(1.0, TEN, 0, 0.0, id="grade-zero-still-overrides"),
        pytest.param(0.2, TEN, 6.66, 6.7, id="grade-rounded-on-ten"),
        pytest.param(0.2, ONE, 6.66, 0.67, id="grade-rounded-on-one"),
    ],
)
def test_score_is_progress_times_ten_unless_graded(progress, scale, grade, expected):
    assert score(progress, scale, grade) == expected


@pytest.mark.parametrize(
    ("value", "scale", "expected"),
    [
        pytest.param(6.7, TEN, "6.7", id="ten-one-decimal"),
        pytest.param(10.0, TEN, "10.0", id="ten-full"),
        pytest.param(0.0, TEN, "0.0", id="ten-zero"),
        pytest.param(0.67, ONE, "0.67", id="one-two-decimals"),
        pytest.param(0.7, ONE, "0.70", id="one-trailing-zero-kept"),
        pytest.param(1.0, ONE, "1.00", id="one-full"),
    ],
)
def test_format_score_writes_the_scale_own_way(value, scale, expected):
    assert format_score(value, scale) == expected


@pytest.mark.parametrize(
    ("progress", "ambition", "expected"),
    [
        pytest.param(0.7, MOONSHOT, True, id="moonshot-at-0.7-achieved"),
        pytest.param(0.69, MOONSHOT, False, id="moonshot-below-0.7-not-achieved"),
        pytest.param(1.0, MOONSHOT, True, id="moonshot-at-1-achieved"),
        pytest.param(1.0, ROOFSHOT, True, id="roofshot-at-1-achieved"),
        pytest.param(0.99, ROOFSHOT, False, id="roofshot-below-1-not-achieved"),
        pytest.param(0.7, ROOFSHOT, False, id="roofshot-at-0.7-not-achieved"),
    ],
)
def test_is_achieved_at_0_7_for_moonshot_and_1_for_roofshot(progress, ambition, expected):
    assert is_achieved(progress, ambition) is expected


def test_moonshot_key_result_at_seventy_percent_counts_as_achieved():
    progress = key_result_progress(METRIC, INCREASE, 20000, 100000, 76000)

    assert is_achieved(progress, MOONSHOT) is True
    assert is_achieved(progress, ROOFSHOT) is False


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        pytest.param(date(2026, 12, 1), 0.0, id="before-start-is-0"),
        pytest.param(CYCLE_START, 0.0, id="on-start-is-0"),
        pytest.param(date(2027, 1, 10), 0.1, id="day-9-of-90-is-0.1"),
        pytest.param(date(2027, 2, 15), 0.5, id="mid-cycle-is-0.5"),
        pytest.param(CYCLE_END, 1.0, id="on-end-is-1"),
        pytest.param(date(2027, 6, 1), 1.0, id="after-end-is-1"),
    ],
)
def test_elapsed_share_of_the_cycle(on, expected):
    assert elapsed_share(CYCLE_START, CYCLE_END, on) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("on", "ambition", "expected"),
    [
        pytest.param(date(2026, 12, 1), ROOFSHOT, 0.0, id="roofshot-before-start"),
        pytest.param(CYCLE_START, ROOFSHOT, 0.0, id="roofshot-on-start"),
        pytest.param(date(2027, 2, 15), ROOFSHOT, 0.5, id="roofshot-mid"),
        pytest.param(CYCLE_END, ROOFSHOT, 1.0, id="roofshot-on-end"),
        pytest.param(date(2027, 6, 1), ROOFSHOT, 1.0, id="roofshot-after-end"),
        pytest.param(date(2026, 12, 1), MOONSHOT, 0.0, id="moonshot-before-start"),
        pytest.param(CYCLE_START, MOONSHOT, 0.0, id="moonshot-on-start"),
        pytest.param(date(2027, 2, 15), MOONSHOT, 0.35, id="moonshot-mid-is-0.7x"),
        pytest.param(CYCLE_END, MOONSHOT, 0.7, id="moonshot-on-end-is-0.7"),
        pytest.param(date(2027, 6, 1), MOONSHOT, 0.7, id="moonshot-after-end-is-0.7"),
    ],
)
def test_expected_progress_follows_the_elapsed_share(on, ambition, expected):
    assert expected_progress(CYCLE_START, CYCLE_END, on, ambition) == pytest.approx(expected)


def test_expected_progress_defaults_to_roofshot():
    assert expected_progress(CYCLE_START, CYCLE_END, date(2027, 2, 15)) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("progress", "expected", "result"),
    [
        pytest.param(0.5, 0.5, ON_TRACK, id="at-pace-on-track"),
        pytest.param(0.9, 1.0, ON_TRACK, id="exactly-0.9x-of-1-on-track"),
        pytest.param(0.45, 0.5, ON_TRACK, id="exactly-0.9x-of-0.5-on-track"),
        pytest.param(0.18, 0.2, ON_TRACK, id="exactly-0.9x-of-0.2-on-track"),
        pytest.param(0.36, 0.4, ON_TRACK, id="exactly-0.9x-of-0.4-on-track"),
        pytest.param(0.89, 1.0, AT_RISK, id="just-below-0.9x-at-risk"),
        pytest.param(0.6, 1.0, AT_RISK, id="exactly-0.6x-of-1-at-risk"),
        pytest.param(0.3, 0.5, AT_RISK, id="exactly-0.6x-of-0.5-at-risk"),
        pytest.param(0.204, 0.34, AT_RISK, id="exactly-0.6x-of-0.34-at-risk"),
        pytest.param(0.59, 1.0, OFF_TRACK, id="just-below-0.6x-off-track"),
        pytest.param(0.0, 0.5, OFF_TRACK, id="nothing-at-half-time-off-track"),
        pytest.param(0.0, 0.0, ON_TRACK, id="expected-0-on-track"),
        pytest.param(1.0, 0.7, ON_TRACK, id="ahead-of-pace-on-track"),
    ],
)
def test_status_compares_progress_with_expected_pace(progress, expected, result):
    assert status(progress, expected) == result


def test_status_at_exact_0_9x_pace_computed_from_a_key_result_and_a_cycle_is_on_track():
    # A 10-day cycle on its third day expects 0.2; a key result from 0 to 50 at 9 has 0.18.
    expected = expected_progress(date(2027, 1, 1), date(2027, 1, 11), date(2027, 1, 3))
    progress = key_result_progress(METRIC, INCREASE, 0, 50, 9)

    assert status(progress, expected) == ON_TRACK


@pytest.mark.parametrize(
    ("progress", "expected", "confidence", "result"),
    [
        pytest.param(0.9, 1.0, 3, AT_RISK, id="confidence-3-turns-on-track-at-risk"),
        pytest.param(0.9, 1.0, 0, AT_RISK, id="confidence-0-turns-on-track-at-risk"),
        pytest.param(0.0, 0.0, 3, AT_RISK, id="confidence-3-with-expected-0-at-risk"),
        pytest.param(0.9, 1.0, 4, ON_TRACK, id="confidence-4-keeps-on-track"),
        pytest.param(0.9, 1.0, 10, ON_TRACK, id="confidence-10-keeps-on-track"),
        pytest.param(0.7, 1.0, 3, AT_RISK, id="confidence-3-keeps-at-risk"),
        pytest.param(0.1, 1.0, 3, OFF_TRACK, id="confidence-3-does-not-improve-off-track"),
        pytest.param(0.1, 1.0, 10, OFF_TRACK, id="confidence-10-does-not-improve-off-track"),
        pytest.param(0.9, 1.0, None, ON_TRACK, id="no-confidence-keeps-on-track"),
    ],
)
def test_low_confidence_makes_status_at_least_at_risk(progress, expected, confidence, result):
    assert status(progress, expected, confidence) == result


# The profile table of okr-practice.md, one row per profile.
@pytest.mark.parametrize(
    ("slug", "objectives", "min_krs", "max_krs", "preferred", "scale", "check_in", "individual"),
    [
        pytest.param("p-okr", 1, 2, 5, None, TEN, 14, "warning", id="p-okr"),
        pytest.param("okr-institute", 3, 2, 5, 4, ONE, 7, "info", id="okr-institute"),
        pytest.param("scaled-okrs", 5, 2, 5, None, ONE, 7, "info", id="scaled-okrs"),
    ],
)
def test_profile_matches_the_practice_table(
    slug, objectives, min_krs, max_krs, preferred, scale, check_in, individual
):
    profile = PROFILES[slug]

    assert profile.slug == slug
    assert profile.objectives_per_team == objectives
    assert (profile.min_key_results, profile.max_key_results) == (min_krs, max_krs)
    assert profile.preferred_key_results == preferred
    assert profile.score_scale == scale
    assert profile.check_in_days == check_in
    assert 28 <= profile.review_days <= 31  # monthly
    assert profile.individual_okrs == individual


def test_the_practice_offers_exactly_three_profiles():
    assert set(PROFILES) == {"p-okr", "okr-institute", "scaled-okrs"}


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        pytest.param(None, "p-okr", id="none-is-p-okr"),
        pytest.param("", "p-okr", id="empty-is-p-okr"),
        pytest.param("okr-institute", "okr-institute", id="named"),
    ],
)
def test_get_profile_defaults_to_p_okr(slug, expected):
    assert DEFAULT_PROFILE == "p-okr"
    assert get_profile(slug).slug == expected


@pytest.mark.parametrize(
    ("confidences", "expected"),
    [
        ([6, 7], 7),
        ([7, 8], 8),
        ([0, 1], 1),
        ([9, 10], 10),
        ([5, 6, 6], 6),
        ([3, 3, 4], 3),
        ([], None),
    ],
)
def test_an_objectives_confidence_rounds_halves_up_as_scores_do(confidences, expected):
    assert mean_confidence(confidences) == expected


def test_a_mean_confidence_read_from_sql_rounds_halves_up():
    assert [whole_confidence(v) for v in (6.5, 7.5, 6.499999999999, None)] == [7, 8, 7, None]
