"""One risk radar: the dashboard, the tree's filter, health and reminders name the same work."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from conftest import signed_in
from okrs.health.report import cycle_health
from okrs.objectives.actions import add_key_result, create_objective, record_check_in
from okrs.reminders.due import due_counts, due_key_results

# 39 days into 2027 (and into 2027-Q1): the p-okr check-in window is 14 days.
NOW = datetime(2027, 2, 9, 10, 0, tzinfo=UTC)


def objective(cycle, team, title, *check_ins):
    """Create an active objective with one key result (0 to 100) per check-in given.

    A check-in is (value, confidence, days before NOW).
    """
    made = create_objective(cycle, title, team=team, status="active")
    for n, (value, confidence, days) in enumerate(check_ins):
        key_result = add_key_result(made, f"{title}: result {n + 1}", start=0, target=100)
        record_check_in(key_result, value, confidence, at=NOW - timedelta(days=days))
    return made


@pytest.fixture
def acme(world, clock):
    """Return Acme's objectives across 2027 and 2027-Q1, judged on 9 February 2027."""
    clock.move_to(NOW, tick=False)
    made = {
        # 8% of the year by 9 February, when 10.7% is expected: at risk.
        "company": objective(
            world.annual, world.company, "Every household drinks clean water", (8, 6, 2)
        ),
        # On pace, but its first key result has had no check-in for 39 days.
        "growth": objective(world.quarter, world.growth, "Win ten towns", (50, 7, 39), (50, 7, 1)),
        # On pace, with a confidence of 2.
        "support": objective(world.quarter, world.support, "Answer every caller", (60, 2, 1)),
        "healthy": objective(world.quarter, world.marketing, "Be heard", (60, 8, 1)),
    }
    draft = create_objective(world.quarter, "Still a draft", team=world.growth)
    add_key_result(draft, "Never checked in", start=0, target=1)  # a draft asks for nothing
    return made


def test_dashboard_tree_health_and_reminders_name_the_same_work(client, world, acme):
    client = signed_in(world.admin, client)
    needing = {acme[name].pk for name in ("company", "growth", "support")}
    [stale] = acme["growth"].key_results.filter(title__endswith="result 1")

    dashboard = client.get(reverse("dashboard-attention"), HTTP_HX_REQUEST="true").context
    assert {item.objective_id for item in dashboard["radar"].items} == needing
    assert dashboard["attention_objectives"] == 3
    assert {item.key_result_id for item in dashboard["radar"].stale_key_results()} == {stale.pk}

    tree = client.get(reverse("tree"), {"cycle": world.quarter.pk, "status": "attention"})
    assert tree.context["matched"] == 3
    cards = tree.alignment_tree.cards
    assert {pk for pk, card in cards.items() if not card.dimmed} == needing

    health = [
        client.get(reverse("health"), {"cycle": cycle.pk}).context["report"]
        for cycle in (world.quarter, world.annual)
    ]
    assert [report.measures["stale"].part for report in health] == [1, 0]
    assert [kr.key_result_id for report in health for kr in report.stale] == [stale.pk]

    due = due_key_results(world.org, NOW)
    assert [item.key_result.pk for item in due] == [stale.pk]
    assert due_counts(world.org, NOW) == [(world.growth, 1)]


def test_the_dashboard_names_each_item_with_its_team_reasons_and_last_check_in(client, world, acme):
    page = signed_in(world.admin, client).get(
        reverse("dashboard-attention"), HTTP_HX_REQUEST="true"
    )
    items = {(i.title, i.team.name): i.reason_labels() for i in page.context["attention"]}
    assert items == {
        ("Every household drinks clean water", "Acme Water"): ["At risk"],
        ("Every household drinks clean water: result 1", "Acme Water"): ["At risk"],
        ("Answer every caller", "Support"): ["At risk", "Low confidence"],
        ("Answer every caller: result 1", "Support"): ["At risk", "Low confidence"],
        ("Win ten towns: result 1", "Growth"): ["Stale"],
    }
    content = page.content.decode()
    assert "3 objectives across the open cycles (2027, 2027-Q1)" in content
    assert "last check-in 1 Jan" in content  # the stale key result, 39 days ago


def test_a_check_in_takes_the_stale_key_result_off_every_list(client, world, acme):
    [stale] = acme["growth"].key_results.filter(title__endswith="result 1")
    record_check_in(stale, 50, 7, at=NOW - timedelta(hours=1))
    client = signed_in(world.admin, client)
    tree = client.get(reverse("tree"), {"cycle": world.quarter.pk, "status": "attention"})
    assert tree.context["matched"] == 2
    assert cycle_health(world.org, world.quarter, [world.quarter, world.annual]).stale == []
    assert due_key_results(world.org, NOW) == []
