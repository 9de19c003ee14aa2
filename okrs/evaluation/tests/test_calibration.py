"""Calibration of closed cycles: mid-cycle confidence against final scores, per team."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.cycles.actions import set_cycle_state
from okrs.evaluation.actions import close_cycle
from okrs.evaluation.calibrating import team_calibrations
from okrs.evaluation.tests.conftest import check_in
from okrs.objectives.actions import update_key_result


@pytest.fixture
def closed_quarter(world):
    """Close 2027-Q1 (midpoint 14 February) after crafted check-ins and grades.

    Growth: signatures at confidence 6 by the midpoint, graded 5; wait time first checked in
    after the midpoint. Support: signatures at 3, graded 8; wait time at 10, ending half way (5).
    """
    growth = world.objective()
    signatures, wait_time = growth.key_results.order_by("position")
    check_in(signatures, 30000, 8, date(2027, 1, 10))
    check_in(signatures, 40000, 6, date(2027, 2, 14))
    check_in(signatures, 70000, 9, date(2027, 3, 1))
    check_in(wait_time, 3, 7, date(2027, 2, 20))
    update_key_result(signatures, grade=5.0)
    support = world.objective(team=world.support, title="Answer every household quickly")
    signatures, wait_time = support.key_results.order_by("position")
    check_in(signatures, 50000, 3, date(2027, 1, 20))
    check_in(wait_time, 6, 10, date(2027, 2, 1))
    update_key_result(signatures, grade=8.0)
    close_cycle(world.quarter, confirmed_early=True)
    world.quarter.refresh_from_db()
    return world.quarter


def test_each_team_gets_its_numbers(world, closed_quarter):
    growth, support = team_calibrations([closed_quarter])
    assert (growth.team, support.team) == (world.growth, world.support)
    assert [(f.confidence, f.score) for f in growth.forecasts()] == [(6, 5.0)]
    assert growth.without_confidence() == 1
    numbers = growth.calibration()
    assert (numbers.count, numbers.within_share, numbers.bias) == (1, 1.0, 1.0)
    assert numbers.mean_absolute_error == pytest.approx(0.1)
    assert [(f.confidence, f.score) for f in support.forecasts()] == [(3, 8.0), (10, 5.0)]
    numbers = support.calibration()
    assert numbers.mean_absolute_error == pytest.approx(0.5)
    assert (numbers.within_share, numbers.bias) == (0.0, 0.0)


def test_calibration_page_shows_overall_numbers_teams_and_the_chart(world, closed_quarter):
    page = signed_in(world.sam).get(reverse("evaluation:calibration"))
    assert page.status_code == 200
    overall = page.context["overall"]
    # |6-5| + |3-8| + |10-5| = 11 points over 3 key results: 11 / 30.
    assert overall.mean_absolute_error == pytest.approx(11 / 30)
    assert overall.within_share == pytest.approx(1 / 3)
    assert overall.bias == pytest.approx(1 / 3)
    content = page.content.decode()
    assert "0.37" in content and "33%" in content and "+0.3" in content
    assert content.count('<circle class="dot"') == 3
    assert "Support: Grow petition signatures" in content


def test_team_page_lists_key_results_and_history(world, closed_quarter):
    page = signed_in(world.bob).get(reverse("evaluation:calibration-team", args=["support"]))
    assert page.status_code == 200
    lines = page.context["entry"].lines
    assert [(line.confidence, line.score, line.error()) for line in lines] == [
        (3, 8.0, -5.0),
        (10, 5.0, 5.0),
    ]
    assert [past.cycle for past in page.context["history"]] == [closed_quarter]
    content = page.content.decode()
    assert "−5.0" in content and "+5.0" in content
    assert content.count('<circle class="dot"') == 2


def test_scores_show_on_the_organisations_scale(world, closed_quarter):
    world.org.score_scale = "0-1"
    world.org.save()
    content = (
        signed_in(world.bob)
        .get(reverse("evaluation:calibration-team", args=["support"]))
        .content.decode()
    )
    assert "0.80" in content and "Final score (0-1.0)" in content


def test_only_closed_cycles_are_calibrated(world, closed_quarter):
    client = signed_in(world.bob)
    assert (
        client.get(reverse("evaluation:calibration"), {"cycle": world.annual.pk}).status_code == 404
    )
    assert [c.pk for c in client.get(reverse("evaluation:calibration")).context["cycles"]] == [
        closed_quarter.pk
    ]


def test_without_a_closed_cycle_the_page_explains_why_it_is_empty(world):
    content = signed_in(world.alice).get(reverse("evaluation:calibration")).content.decode()
    assert "No closed cycle yet" in content


def test_a_team_without_objectives_in_the_cycle_gets_an_empty_state(world, closed_quarter):
    content = (
        signed_in(world.alice)
        .get(reverse("evaluation:calibration-team", args=["marketing"]))
        .content.decode()
    )
    assert "Nothing to calibrate" in content


def test_calibration_queries_do_not_grow_with_objectives(world, closed_quarter):
    client = signed_in(world.bob)
    pages = [
        reverse("evaluation:calibration"),
        reverse("evaluation:calibration-team", args=["growth"]),
    ]
    for url in pages:
        client.get(url)
    with CaptureQueriesContext(connection) as few:
        for url in pages:
            client.get(url)
    set_cycle_state(closed_quarter, "active")
    for n in range(4):
        objective = world.objective(title=f"Make water safe in district {n}")
        check_in(objective.key_results.first(), 50000, 5, date(2027, 2, 1))
    close_cycle(closed_quarter, confirmed_early=True)
    with CaptureQueriesContext(connection) as many:
        for url in pages:
            client.get(url)
    assert len(many) == len(few)
    assert client.get(pages[0]).context["overall"].count == 7


def test_the_team_table_comes_a_page_at_a_time_and_the_chart_keeps_everyone(
    world, closed_quarter, monkeypatch
):
    from okrs.evaluation.views import calibration

    monkeypatch.setattr(calibration, "TEAMS_PER_PAGE", 1)
    client = signed_in(world.sam)
    second = client.get(reverse("evaluation:calibration"), {"cycle": closed_quarter.pk, "page": 2})
    assert [entry.team for entry in second.context["entries"]] == [world.support]
    assert second.context["overall"].count == 3
    content = second.content.decode()
    assert content.count('<circle class="dot"') == 3
    assert "Teams 2–2 of 2 · page 2 of 2" in content
    assert f'href="?cycle={closed_quarter.pk}&amp;page=1#teams-title" rel="prev"' in content
