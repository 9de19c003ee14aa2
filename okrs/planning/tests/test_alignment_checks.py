"""The board's pure rules: gaps, duplicate drafts and opposite pulls."""

from okrs.planning.alignment_checks import (
    PlannedKeyResult,
    PlannedObjective,
    duplicates,
    gaps,
    opposite_pulls,
)


def kr(pk, owner, title, direction, objective_id=None):
    return PlannedKeyResult(pk, objective_id or pk * 10, owner, title, direction)


def test_gap_is_an_anchor_nobody_supports():
    # 3 supports 1; anchor 2 has no supporter.
    assert gaps([1, 2], [(3, 1)], [3]) == [2]


def test_support_reaches_an_anchor_through_objectives_in_between():
    # tactical 5 -> strategic 4 (not an anchor) -> company 1 (anchor)
    assert gaps([1], [(5, 4), (4, 1)], [5]) == []


def test_anchor_aligned_to_another_anchor_does_not_support_it_alone():
    # strategic anchor 2 aligns to company anchor 1, but nobody works toward 2.
    assert gaps([1, 2], [(2, 1)], []) == [1, 2]


def test_duplicates_are_near_identical_titles_of_different_teams():
    found = duplicates(
        [
            PlannedObjective(1, "team:1", "Win the hearts of young donors"),
            PlannedObjective(2, "team:2", "Win the hearts of young donors across Europe"),
            PlannedObjective(3, "team:3", "Make every tap safe to drink"),
        ]
    )
    assert [(d.first, d.second) for d in found] == [(1, 2)]
    assert set(found[0].shared) == {"young", "donor", "heart"}


def test_same_team_restating_itself_is_not_a_duplicate():
    found = duplicates(
        [
            PlannedObjective(1, "team:1", "Win the hearts of young donors"),
            PlannedObjective(2, "team:1", "Win the hearts of young donors again"),
        ]
    )
    assert found == []


def test_one_shared_word_is_not_a_duplicate():
    found = duplicates(
        [
            PlannedObjective(1, "team:1", "Delight young donors"),
            PlannedObjective(2, "team:2", "Train young volunteers in first aid"),
        ]
    )
    assert found == []


def test_opposite_pull_on_the_same_measure():
    found = opposite_pulls(
        [
            kr(1, "team:1", "Increase support tickets answered from 100 to 300", "increase"),
            kr(2, "team:2", "Reduce support tickets from 900 to 400", "decrease"),
        ]
    )
    assert [(p.increasing, p.decreasing) for p in found] == [(1, 2)]
    assert set(found[0].shared) == {"support", "ticket"}


def test_same_direction_is_no_pull():
    found = opposite_pulls(
        [
            kr(1, "team:1", "Reduce support tickets from 900 to 400", "decrease"),
            kr(2, "team:2", "Cut support tickets from 800 to 500", "decrease"),
        ]
    )
    assert found == []


def test_one_shared_word_is_not_the_same_measure():
    found = opposite_pulls(
        [
            kr(1, "team:1", "Increase donations from 100 to 300", "increase"),
            kr(2, "team:2", "Reduce donation processing costs from 9 to 4", "decrease"),
        ]
    )
    assert found == []


def test_bounds_and_milestones_never_pull():
    found = opposite_pulls(
        [
            kr(1, "team:1", "Keep support tickets above 100", "stay-above"),
            kr(2, "team:2", "Reduce support tickets from 900 to 400", "decrease"),
        ]
    )
    assert found == []


def test_measures_sharing_two_of_three_stems_pull_against_each_other():
    found = opposite_pulls(
        [
            kr(1, "team:1", "Increase support tickets answered same day from 60 to 90", "increase"),
            kr(2, "team:2", "Reduce support tickets per 1,000 donors from 30 to 18", "decrease"),
        ]
    )
    assert [(p.increasing, p.decreasing) for p in found] == [(1, 2)]


def test_raising_what_works_and_reducing_what_fails_aim_the_same_way():
    found = opposite_pulls(
        [
            kr(1, "team:1", "Raise the share of water points working from 60% to 85%", "increase"),
            kr(2, "team:2", "Reduce water points out of service from 400 to 150", "decrease"),
        ]
    )
    assert found == []


def test_raising_failures_pulls_against_raising_what_works():
    found = opposite_pulls(
        [
            kr(1, "team:1", "Raise the share of water points working from 60% to 85%", "increase"),
            kr(2, "team:2", "Let water points not working rise from 150 to 400", "increase"),
        ]
    )
    assert [(p.increasing, p.decreasing) for p in found] == [(1, 2)]


def test_fewer_failures_pull_against_fewer_working():
    found = opposite_pulls(
        [
            kr(1, "team:1", "Reduce pump failures from 90 to 30 a month", "decrease"),
            kr(2, "team:2", "Reduce pumps in service from 900 to 700", "decrease"),
        ]
    )
    assert [(p.increasing, p.decreasing) for p in found] == [(1, 2)]


def test_both_cutting_failures_is_no_pull():
    found = opposite_pulls(
        [
            kr(1, "team:1", "Cut pump breakdowns from 90 to 30", "decrease"),
            kr(2, "team:2", "Reduce pump breakdowns in the north from 40 to 10", "decrease"),
        ]
    )
    assert found == []


def test_bringing_a_measure_down_is_no_failure_measure():
    found = opposite_pulls(
        [
            kr(1, "team:1", "Bring support tickets down from 900 to 400", "decrease"),
            kr(2, "team:2", "Increase support tickets answered from 100 to 300", "increase"),
        ]
    )
    assert [(p.increasing, p.decreasing) for p in found] == [(2, 1)]
