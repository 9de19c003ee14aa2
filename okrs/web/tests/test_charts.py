"""The objective page's charts: dates on the time axis, check-ins and re-plans to hover."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import signed_in
from okrs.objectives.actions import record_check_in, update_key_result, update_objective
from tests.calendar import at_ten

MID_QUARTER = date(2027, 2, 15)


@pytest.fixture
def running(world, clock):
    """Return Growth's objective half way through 2027-Q1, two check-ins on signatures."""
    objective = world.objective()
    signatures = objective.key_results.get(position=0)
    clock.move_to(at_ten(date(2027, 1, 20)), tick=True)
    record_check_in(signatures, 30000, 6, author=world.alice, progress_note="Slow January")
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    record_check_in(signatures, 41000, 7, author=world.alice, problems_note="Vendor <left>")
    return objective


def page(client, world, objective) -> str:
    """Return the objective page as Alice reads it."""
    response = signed_in(world.alice, client).get(reverse("objective", args=[objective.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_time_axis_reads_dates_and_check_ins_hover_with_value_and_note(client, world, running):
    content = page(client, world, running)
    chart = content[content.index('id="chart-') : content.index("</figure>")]
    for label in ("1 Jan", "Feb", "Mar", "31 Mar"):
        assert f">{label}</text>" in chart
    assert "<title>20 Jan 2027: 30,000 · confidence 6/10 · Alice Doe: Slow January</title>" in chart
    assert "15 Feb 2027: 41,000 · confidence 7/10 · Alice Doe: Vendor &lt;left&gt;" in chart
    assert "Today, 15 Feb 2027: the plan expects" in chart
    assert "<script" not in content.split("<main", 1)[1]  # no inline script: a strict CSP holds


def test_a_replan_shows_as_a_step_beside_the_original_plan(client, world, running):
    signatures = running.key_results.get(position=0)
    update_key_result(signatures, target=60000, reason="The vendor left", by=world.alice)
    content = page(client, world, running)
    chart = content[content.index('id="chart-') : content.index("</figure>")]
    assert 'class="step"' in chart and 'class="baseline"' in chart
    assert "Re-planned on 15 Feb 2027 by Alice Doe to 20,000 → 60,000: The vendor left" in chart
    assert "The original plan: 20,000 → 100,000" in chart
    assert "target 100,000 at the cycle's start, now 60,000" in chart


def test_a_key_result_never_replanned_has_no_step(client, world, running):
    content = page(client, world, running)
    assert 'class="step"' not in content and 'class="baseline"' not in content


def test_the_history_sidebar_shows_the_last_ten_changes_and_links_to_all(client, world, running):
    for n in range(12):
        update_objective(running, description=f"Take {n}")
    content = page(client, world, running)
    sidebar = content[content.index('id="changes-title"') :]
    assert sidebar.count('<div class="history-head">') == 10
    assert "“Take 11”" in sidebar and "“Take 0”" not in sidebar  # the newest ten
    history = reverse("objective-history", args=[running.pk])
    assert f'<a href="{history}">Show all changes</a>' in sidebar
    full = signed_in(world.alice, client).get(history).content.decode()
    assert full.count('<div class="history-head">') > 10


def test_a_short_history_needs_no_show_all_link(client, world, running):
    content = page(client, world, running)
    assert "Show all changes" not in content
    assert "Open the history" in content
