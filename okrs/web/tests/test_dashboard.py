"""The cycle dashboard: status shares, distribution, check-in coverage, quiet teams and risks."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from okrs.cycles.actions import create_cycle
from okrs.objectives.actions import (
    add_key_result,
    create_objective,
    record_check_in,
    remove_key_result,
)


@pytest.fixture
def running(world):
    """Return a quarter that is half over today, with one objective per status."""
    today = timezone.localdate()
    cycle = create_cycle(
        world.org, "Now", today - timedelta(days=45), today + timedelta(days=45), state="active"
    )

    def objective(team, title, value, confidence=7, checked_days_ago=1):
        made = create_objective(cycle, title, team=team, status="active")
        kr = add_key_result(made, f"{title} KR", start=0, target=100)
        add_key_result(made, f"{title} second KR", start=0, target=100, current=value)
        record_check_in(kr, value, confidence, at=timezone.now() - timedelta(days=checked_days_ago))
        return made

    objective(world.growth, "On track", 50)
    objective(world.support, "At risk", 35, checked_days_ago=20)
    objective(world.marketing, "Off track", 10, confidence=2)
    create_objective(cycle, "Still a draft", team=world.growth)
    return cycle


def get(client, world, cycle):
    assert client.login(username=world.admin.email, password=PASSWORD)
    return client.get(reverse("dashboard"), {"cycle": cycle.pk})


def attention(client, world, htmx=True):
    """Return the dashboard's needs-attention panel (or, without htmx, its page)."""
    assert client.login(username=world.admin.email, password=PASSWORD)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.get(reverse("dashboard-attention"), **headers)


def test_status_counts_and_what_needs_attention(client, world, running):
    context = get(client, world, running).context
    assert context["statuses"] == {"on-track": 1, "at-risk": 1, "off-track": 1}
    assert context["objectives"] == 3 and context["drafts"] == 1
    context = attention(client, world).context
    objectives = [
        (i.title, i.reason_labels()) for i in context["attention"] if not i.is_key_result()
    ]
    assert objectives == [
        ("Off track", ["Off track", "Low confidence"]),
        ("At risk", ["At risk", "Stale"]),  # its check-in 20 days ago is past the 14-day window
    ]
    # The on-track objective needs attention too: its second key result was never checked in.
    assert context["attention_objectives"] == 3
    stale = {i.title for i in context["radar"].stale_key_results()}
    assert stale == {"On track second KR", "At risk KR", "At risk second KR", "Off track second KR"}


def test_the_dashboard_loads_its_needs_attention_panel_after_its_own_figures(
    client, world, running
):
    page = get(client, world, running).content.decode()
    assert 'hx-get="/dashboard/attention/" hx-trigger="load"' in page
    assert "3 objectives across the open cycles" not in page
    alone = attention(client, world, htmx=False).content.decode()
    assert "<html" in alone and "3 objectives across the open cycles (Now)" in alone


def test_needs_attention_lists_team_and_last_check_in(client, world, running):
    page = attention(client, world).content.decode()
    assert "<html" not in page
    assert "Needs attention" in page and "3 objectives across the open cycles (Now)" in page
    assert "Support · never checked in" in page
    assert "last check-in 17 Nov" in page


def test_progress_distribution_buckets(client, world, running):
    buckets = [b["count"] for b in get(client, world, running).context["buckets"]]
    assert buckets == [0, 1, 0, 1, 0, 1, 0, 0, 0, 0]


def test_check_in_coverage_and_quiet_teams(client, world, running):
    context = get(client, world, running).context
    assert context["coverage"]["fresh"] == 2 and context["coverage"]["total"] == 6
    assert [t["name"] for t in context["quiet_teams"]] == ["Support"]


def test_objectives_without_live_key_results_are_counted(client, world, running):
    emptied = create_objective(running, "Emptied", team=world.support, status="active")
    remove_key_result(add_key_result(emptied, "Removed KR", start=0, target=1))
    create_objective(running, "Given up", team=world.support, status="abandoned")
    context = get(client, world, running).context
    assert context["without_key_results"] == 2  # the draft and the emptied one, not the abandoned
    assert context["objectives"] == 4 and context["drafts"] == 1


def test_quiet_teams_follow_the_check_in_window_not_the_coverage_week(client, world, running):
    support = running.objectives.get(title="At risk").key_results.get(title="At risk KR")
    record_check_in(support, 40, 6, at=timezone.now() - timedelta(days=10))
    context = get(client, world, running).context
    assert context["window"] == 14  # a check-in 10 days ago is in the window, not in the week
    assert context["quiet_teams"] == []
    assert context["coverage"]["fresh"] == 2 and context["coverage"]["total"] == 6


def test_dashboard_updates_after_a_check_in(client, world, running):
    off = running.objectives.get(title="Off track").key_results.get(title="Off track KR")
    record_check_in(off, 100, 9)
    statuses = get(client, world, running).context["statuses"]
    assert statuses["off-track"] == 0


def test_dashboard_queries_do_not_grow_with_objectives(client, world, running):
    get(client, world, running)
    url = f"{reverse('dashboard')}?cycle={running.pk}"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(5):
        made = create_objective(running, f"More {n}", team=world.growth, status="active")
        record_check_in(add_key_result(made, f"More KR {n}", start=0, target=10), 5, 6)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many) == 7


def test_needs_attention_queries_do_not_grow_with_objectives(client, world, running):
    attention(client, world)
    with CaptureQueriesContext(connection) as few:
        attention(client, world)
    for n in range(5):
        made = create_objective(running, f"More {n}", team=world.growth, status="active")
        record_check_in(add_key_result(made, f"More KR {n}", start=0, target=10), 5, 6)
    with CaptureQueriesContext(connection) as many:
        attention(client, world)
    # The session and person, the cycles, the cadence settings, objectives, key results, teams.
    assert len(few) == len(many) == 15


def test_empty_cycle_says_what_to_do(client, world):
    response = get(client, world, world.quarter)
    assert "Draft an objective" in response.content.decode()


def test_rows_are_built_with_the_collector_paused(client, world, running, monkeypatch):
    import gc

    from okrs.web.views import dashboard

    seen = []
    real = dashboard.objective_progress_rows

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(dashboard, "objective_progress_rows", watched)
    assert gc.isenabled()
    assert get(client, world, running).context["objectives"] == 3
    assert seen == [False]
    assert gc.isenabled()
