"""How the OKRs are built: 2-5 key results, alignment, key result levels and activities."""

from okrs.health.report import cycle_health
from okrs.health.structure import activity_counts, key_result_levels, objective_counts
from okrs.health.tests.conftest import NOW
from okrs.objectives.actions import add_key_result, set_alignment


def by_team(rows, key="team_id"):
    return {row.pop(key): row for row in rows}


def test_objectives_sized_and_aligned_per_team(world, built):
    rows = by_team(objective_counts(world.quarter, 2, 5))
    assert rows == {
        world.company.pk: {
            "objectives": 1,
            "right_size": 1,
            "alignable": 0,
            "aligned": 0,
            "moonshots": 0,
        },
        world.marketing.pk: {
            "objectives": 1,
            "right_size": 1,
            "alignable": 1,
            "aligned": 1,
            "moonshots": 0,
        },
        world.growth.pk: {
            "objectives": 2,
            "right_size": 1,
            "alignable": 2,
            "aligned": 1,
            "moonshots": 0,
        },
        world.support.pk: {
            "objectives": 1,
            "right_size": 0,
            "alignable": 1,
            "aligned": 1,
            "moonshots": 0,
        },
        None: {"objectives": 1, "right_size": 1, "alignable": 0, "aligned": 0, "moonshots": 0},
    }


def test_key_result_levels_per_team(world, built):
    rows = by_team(key_result_levels(world.quarter), "objective__team_id")
    unmarked = {"leading": 0, "lagging": 0}
    assert rows[world.growth.pk] == {
        "key_results": 3,
        "outcome": 2,
        "output": 1,
        "input": 0,
        **unmarked,
    }
    assert rows[world.support.pk] == {
        "key_results": 6,
        "outcome": 4,
        "output": 1,
        "input": 1,
        **unmarked,
    }
    assert rows[None] == {"key_results": 2, "outcome": 2, "output": 0, "input": 0, **unmarked}


def test_coach_flags_activities_of_published_key_results_only(world, built):
    assert dict(activity_counts(world.quarter)) == {world.growth.pk: 1, world.support.pk: 1}


def test_organisation_figures_add_up_every_team(world, built, other_world):
    report = cycle_health(world.org, world.quarter, [world.quarter, world.annual], NOW)
    measures = report.measures
    assert (measures["right_size"].part, measures["right_size"].whole) == (4, 6)
    assert (measures["alignment"].part, measures["alignment"].whole) == (3, 4)
    assert measures["alignment"].value == 0.75 and measures["alignment"].band() == "amber"
    assert (measures["outcome"].part, measures["outcome"].whole) == (13, 16)
    assert (measures["activities"].part, measures["activities"].whole) == (2, 16)
    assert measures["activities"].band() == "amber"
    assert (report.total["output"], report.total["input"]) == (2, 1)


def test_team_rows_list_levels_top_down_and_individual_okrs_last(world, built):
    report = cycle_health(world.org, world.quarter, [world.quarter], NOW)
    assert [row.name for row in report.teams] == [
        "Acme Water", "Marketing", "Growth", "Support", "Individual OKRs",
    ]  # fmt: skip
    growth = next(row for row in report.teams if row.name == "Growth")
    assert growth.measures["alignment"].shown() == "50%"
    assert growth.measures["right_size"].band() == "red"
    company = report.teams[0]
    assert company.measures["alignment"].value is None
    assert company.measures["alignment"].shown() == "–"


def test_a_seventh_key_result_or_a_lost_alignment_moves_the_figures(world, built):
    add_key_result(built["G2"], "Grow towns served from 3 to 6", start=3, target=6)
    set_alignment(built["S1"], [])  # Support loses its alignment to Marketing
    report = cycle_health(world.org, world.quarter, [world.quarter], NOW)
    assert report.measures["right_size"].part == 5
    assert report.measures["alignment"].part == 2
