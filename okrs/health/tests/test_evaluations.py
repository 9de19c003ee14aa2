"""Evaluation completion in health: the teams that shared their evaluation of closed cycles.

Health and the Evaluation page count with one function, so they show the same numbers.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.cycles.actions import create_cycle, set_cycle_state
from okrs.evaluation.actions import close_cycle, save_evaluation, share_evaluation
from okrs.health.evaluations import evaluated_cycle
from okrs.health.report import cycle_health
from okrs.health.tests.conftest import NOW
from tests.calendar import at_ten


def scores_of(*objectives) -> dict:
    """Return a score of 6 for each objective and each of its key results."""
    found = {}
    for objective in objectives:
        found[(objective.pk, None)] = 6.0
        found |= {(objective.pk, kr.pk): 6.0 for kr in objective.key_results.all()}
    return found


def evaluate(team, cycle, *objectives, share: bool) -> None:
    """Let the team score its objectives of the cycle, and share the evaluation when told."""
    draft = save_evaluation(team, cycle, scores_of(*objectives))
    if share:
        share_evaluation(draft, confirmed_early=True)


@pytest.fixture
def closed(world):
    """Return two closed quarters of 2026: in Q2 Growth shared; in Q3 one team of three did."""
    q2 = create_cycle(world.org, "2026-Q2", date(2026, 4, 1), date(2026, 6, 30), state="active")
    q3 = create_cycle(world.org, "2026-Q3", date(2026, 7, 1), date(2026, 9, 30), state="active")
    evaluate(world.growth, q2, world.objective(world.growth, cycle=q2), share=True)
    growth = [world.objective(world.growth, cycle=q3), world.objective(world.growth, cycle=q3)]
    evaluate(world.growth, q3, *growth, share=True)
    evaluate(world.support, q3, world.objective(world.support, cycle=q3), share=False)
    world.objective(world.marketing, cycle=q3)  # Marketing never evaluates
    world.objective(world.company, cycle=q3, status="draft")  # a draft is not evaluated
    world.objective(world.company, cycle=q3, status="abandoned")  # nor an abandoned one
    for cycle in (q2, q3):
        set_cycle_state(cycle, "closed")
    return {"q2": q2, "q3": q3, "all": [world.quarter, q3, q2]}


def test_the_latest_closed_cycle_is_evaluated_while_the_chosen_one_runs(world, closed):
    assert evaluated_cycle(world.quarter, closed["all"]) == closed["q3"]
    assert evaluated_cycle(closed["q2"], closed["all"]) == closed["q2"]
    assert evaluated_cycle(world.quarter, [world.quarter]) is None


def test_evaluation_completion_counts_teams_that_shared_for_the_organisation_and_per_team(
    world, closed
):
    report = cycle_health(world.org, world.quarter, closed["all"], NOW)
    measure = report.measures["evaluation"]
    assert (measure.part, measure.whole) == (1, 3) and measure.band() == "red"
    rows = {row.team_id: row for row in report.teams}
    assert rows[world.growth.pk].evaluation == "shared"
    assert rows[world.support.pk].evaluation == "not evaluated"  # its draft stays its own
    assert rows[world.marketing.pk].evaluation == "not evaluated"
    assert rows[world.growth.pk].measures["evaluation"].value == 1.0
    assert rows[world.marketing.pk].measures["evaluation"].value == 0.0


def test_history_lists_closed_cycles_latest_first(world, closed):
    report = cycle_health(world.org, closed["q2"], closed["all"], NOW)
    assert [(e["cycle"].name, e["measure"].shown()) for e in report.evaluations] == [
        ("2026-Q3", "33%"),
        ("2026-Q2", "100%"),
    ]
    assert report.measures["evaluation"].value == 1.0


def test_closing_grades_everything_yet_completion_counts_what_teams_shared(world, clock):
    clock.move_to(at_ten(date(2027, 4, 2)), tick=True)
    world.objective(world.growth)
    world.objective(world.support)
    close_cycle(world.quarter)  # every objective now has a grade, computed from progress
    cycles = [world.annual, world.quarter]
    measure = cycle_health(world.org, world.annual, cycles).measures["evaluation"]
    assert (measure.part, measure.whole) == (0, 2)


def test_health_and_the_evaluation_page_show_the_same_counts(client, world, closed):
    admin = signed_in(world.admin, client)
    health = admin.get(reverse("health"), {"cycle": closed["q3"].pk})
    evaluation = admin.get(reverse("evaluation:cycle", args=[closed["q3"].pk]))

    completion = evaluation.context["completion"]
    assert (completion.shared(), completion.not_shared()) == (1, 2)
    measure = health.context["report"].measures["evaluation"]
    assert (measure.part, measure.whole) == (completion.shared(), completion.teams())
    said = "1 of 3 teams</strong> shared their evaluation of 2026-Q3 · 2 not evaluated"
    assert said in evaluation.content.decode()
    assert said in health.content.decode()  # the list of closed cycles
    assert "1 of 3 teams shared their evaluation of 2026-Q3 · 2 not evaluated" in (
        health.content.decode()  # the figure
    )


def team_line(content: str, name: str) -> str:
    """Return the line of the team in the list of teams that never shared."""
    pending = content[content.index('id="pending-title"') :]
    return pending[pending.index(name) :].split("</li>")[0]


def test_a_closed_cycle_says_which_teams_never_evaluated(client, world, closed):
    url = reverse("evaluation:cycle", args=[closed["q3"].pk])
    content = signed_in(world.admin, client).get(url).content.decode()
    assert "Never shared" in content
    for name in ("Marketing", "Support"):
        line = team_line(content, name)
        assert "not evaluated" in line and "final scores were computed from progress" in line
        assert "draft" not in line  # whether a team kept a draft is its own business
    assert "scores in private until it shares" not in content
    health = client.get(reverse("health"), {"cycle": closed["q3"].pk}).content.decode()
    assert "not evaluated" in health


def test_only_the_team_learns_its_draft_was_never_shared(client, world, closed):
    url = reverse("evaluation:cycle", args=[closed["q3"].pk])
    support = team_line(signed_in(world.bob, client).get(url).content.decode(), "Support")
    assert "Your team's draft, never shared" in support
    marketing = team_line(client.get(url).content.decode(), "Marketing")
    assert "draft" not in marketing


def test_completion_costs_one_query_whatever_the_closed_cycles(world, closed):
    with CaptureQueriesContext(connection) as few:
        cycle_health(world.org, world.quarter, closed["all"], NOW)
    more = []
    for year in (2024, 2025):
        old = create_cycle(world.org, f"{year}-Q4", date(year, 10, 1), date(year, 12, 31))
        evaluate(world.growth, old, world.objective(world.growth, cycle=old), share=True)
        set_cycle_state(old, "closed")
        more.append(old)
    with CaptureQueriesContext(connection) as many:
        report = cycle_health(world.org, world.quarter, [*closed["all"], *more], NOW)
    assert len(report.evaluations) == 4
    assert len(many) == len(few)
