"""The check-in rhythm: coverage, regularity per team, stale key results, confidence per week.

Stale is the radar's rule (okrs.objectives.attention): no check-in for longer than the window,
never checked in counting from the cycle's start; achieved objectives and drafts never count.
"""

from datetime import date

from okrs.health.report import cycle_health
from okrs.health.rhythm import as_of, check_in_counts, confidence_by_week, regularity
from okrs.health.tests.conftest import NOW, at, key_results
from okrs.objectives.actions import add_key_result, record_check_in


def test_coverage_and_stale_counts_per_team(world, rhythm):
    rows = {row.pop("objective__team_id"): row for row in check_in_counts(world.quarter, NOW, 14)}
    assert rows == {
        world.company.pk: {"active": 2, "fresh": 0},
        world.growth.pk: {"active": 2, "fresh": 1},
        world.support.pk: {"active": 2, "fresh": 1},
    }
    report = cycle_health(world.org, world.quarter, [world.quarter], NOW)
    stale = {row.team_id: row.counts["stale"] for row in report.teams}
    # Support's second key result, added on 1 February, was never checked in: the cycle has
    # run longer than the window, so it is stale.
    assert stale == {
        world.company.pk: 2,
        world.marketing.pk: 0,
        world.growth.pk: 0,
        world.support.pk: 1,
    }


def test_regularity_counts_ended_windows_with_a_check_in(world, rhythm):
    windows, checked = regularity(world.quarter, NOW.date(), 14)
    assert windows == [
        (date(2027, 1, 1), date(2027, 1, 15)),
        (date(2027, 1, 15), date(2027, 1, 29)),
        (date(2027, 1, 29), date(2027, 2, 12)),
    ]
    assert checked == {world.growth.pk: 3, world.support.pk: 1, world.marketing.pk: 1}


def test_organisation_rhythm_figures(world, rhythm, other_world):
    report = cycle_health(world.org, world.quarter, [world.quarter], NOW)
    m = report.measures
    assert (m["coverage"].part, m["coverage"].whole) == (2, 6)
    assert m["coverage"].shown() == "33%" and m["coverage"].band() == "red"
    assert (m["regularity"].part, m["regularity"].whole) == (5, 12)
    assert (m["stale"].part, m["stale"].whole) == (3, 6) and m["stale"].band() == "red"
    growth = next(row for row in report.teams if row.team_id == world.growth.pk)
    assert growth.measures["regularity"].value == 1.0
    assert growth.measures["regularity"].band() == "green"
    company = next(row for row in report.teams if row.team_id == world.company.pk)
    assert company.measures["regularity"].shown() == "0%"


def test_stale_list_puts_never_checked_in_first(world, rhythm):
    quiet = add_key_result(rhythm["G1"], "Sign 5 towns", start=0, target=5)
    record_check_in(quiet, 1, 6, at=at(1, 20))  # 23 days before NOW: past the 14-day window
    report = cycle_health(world.org, world.quarter, [world.quarter], NOW)
    c1 = key_results(rhythm["C1"])
    d = key_results(rhythm["S1"])[1]
    assert [kr.key_result_id for kr in report.stale] == [d.pk, c1[0].pk, c1[1].pk, quiet.pk]
    assert report.stale[3].last_check_in == at(1, 20)
    assert report.stale[0].team.name == "Support" and report.stale[0].last_check_in is None
    only_growth = cycle_health(world.org, world.quarter, [world.quarter], NOW, {world.growth.pk})
    assert [kr.key_result_id for kr in only_growth.stale] == [quiet.pk]


def test_nothing_is_stale_before_the_cycle_has_run_one_window(world, rhythm):
    early = at(1, 14)  # 13 and a half days into the quarter
    report = cycle_health(world.org, world.quarter, [world.quarter], early)
    assert report.stale == [] and report.measures["stale"].part == 0
    later = cycle_health(world.org, world.quarter, [world.quarter], at(1, 16))
    assert {kr.key_result_id for kr in later.stale} >= {kr.pk for kr in key_results(rhythm["C1"])}


def test_a_check_in_makes_a_key_result_fresh_and_no_longer_stale(world, rhythm):
    first = key_results(rhythm["C1"])[0]
    record_check_in(first, 30000, 6, at=at(2, 11))
    report = cycle_health(world.org, world.quarter, [world.quarter], NOW)
    assert report.measures["coverage"].part == 3
    assert report.measures["stale"].part == 2


def test_confidence_per_week_of_published_check_ins_until_now(world, rhythm):
    weeks = [
        (row["week"].date(), row["confidence"]) for row in confidence_by_week(world.quarter, NOW)
    ]
    assert weeks == [
        (date(2027, 1, 4), 5.0),
        (date(2027, 1, 11), 9.0),
        (date(2027, 1, 18), 7.0),
        (date(2027, 2, 1), 8.0),
        (date(2027, 2, 8), 5.0),
    ]
    report = cycle_health(world.org, world.quarter, [world.quarter], NOW)
    assert report.measures["confidence"].shown() == "5.0/10"
    assert report.measures["confidence"].band() == "green"


def test_a_cycle_that_is_over_is_judged_at_its_end(world):
    assert as_of(world.quarter, at(6, 1)) == at(4, 1).replace(hour=0)
    windows, _ = regularity(world.quarter, date(2027, 6, 1), 14)
    assert len(windows) == 7 and windows[-1] == (date(2027, 3, 26), date(2027, 4, 1))
