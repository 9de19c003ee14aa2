"""The due-list pages: my key results due a check-in, and a team's, with who is responsible."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import signed_in
from okrs.objectives.actions import record_check_in
from okrs.objectives.models import CheckIn
from okrs.organizations.actions import add_person, join_team
from okrs.reminders.tests.conftest import NOW


@pytest.fixture(autouse=True)
def six_weeks_into_the_quarter(world, clock):
    """Tell the stories six weeks into 2027-Q1: nothing is due before a cycle has begun."""
    clock.move_to(NOW, tick=True)


def checked_in(key_result, days_ago: int, person=None):
    """Record a check-in that many days before now."""
    at = timezone.now() - timedelta(days=days_ago)
    return record_check_in(key_result, key_result.start, 6, author=person, at=at)


def test_pages_need_signing_in(client, world):
    for url in (reverse("reminders"), reverse("reminders-team", args=["growth"])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_my_due_list_shows_my_teams_key_results_with_the_inline_form(client, world, growth):
    world.objective(team=world.support, title="Make support a joy")
    response = signed_in(world.alice, client).get(reverse("reminders"))
    content = response.content.decode()
    assert response.status_code == 200
    [group] = response.context["groups"]
    assert group["team"] == world.growth
    [entry] = group["objectives"]
    assert entry["objective"] == growth
    assert [card.key_result.pk for card in entry["cards"]] == list(
        growth.key_results.order_by("position").values_list("pk", flat=True)
    )
    for key_result in growth.key_results.all():
        assert f'hx-post="{reverse("check-in", args=[key_result.pk])}"' in content
    assert "Make support a joy" not in content
    assert response.context["teams"] == [(world.growth, 2), (world.support, 2)]


def test_a_recent_check_in_leaves_the_list_and_an_old_one_does_not(client, world, growth):
    fresh, stale = growth.key_results.order_by("position")
    checked_in(fresh, 2, world.alice)
    checked_in(stale, 30, world.alice)
    response = signed_in(world.alice, client).get(reverse("reminders"))
    [group] = response.context["groups"]
    [entry] = group["objectives"]
    assert [card.key_result for card in entry["cards"]] == [stale]


def test_checking_in_from_the_list_takes_the_key_result_off_it(client, world, growth):
    first = growth.key_results.get(position=0)
    signed_in(world.alice, client)
    response = client.post(
        reverse("check-in", args=[first.pk]),
        {"inline": "1", "value": "30000", "confidence": "6"},
        HTTP_HX_REQUEST="true",
    )
    assert "Saved" in response.content.decode()
    assert CheckIn.objects.get().author == world.alice
    [group] = client.get(reverse("reminders")).context["groups"]
    assert first.pk not in {c.key_result.pk for e in group["objectives"] for c in e["cards"]}


def test_a_stakeholder_has_nothing_to_check_in(client, world, growth):
    join_team(world.sam, world.growth)
    response = signed_in(world.sam, client).get(reverse("reminders"))
    assert response.context["groups"] == []
    assert "Stakeholders follow the OKRs without checking in" in response.content.decode()


def test_someone_in_no_team_is_told_so_and_sees_the_teams(client, world, growth):
    response = signed_in(world.admin, client).get(reverse("reminders"))
    content = response.content.decode()
    assert response.context["groups"] == []
    assert "You are not in a team yet" in content
    assert reverse("reminders-team", args=["growth"]) in content


def test_up_to_date_member_sees_that(client, world, growth):
    for key_result in growth.key_results.all():
        checked_in(key_result, 1, world.alice)
    content = signed_in(world.alice, client).get(reverse("reminders")).content.decode()
    assert "You are up to date" in content
    assert "Every team checked in within its cadence." in content


def test_my_due_list_stays_in_my_organisation(client, world, growth, other_world, clock):
    clock.move_to(NOW, tick=True)  # back from the day other_world is told on
    response = signed_in(other_world["person"], client).get(reverse("reminders"))
    content = response.content.decode()
    assert "Globex secret key result" in content
    assert "petition" not in content and "Growth" not in content


def test_team_due_list_shows_who_is_responsible_and_how_long_since(client, world, growth):
    carol = add_person(world.org, "carol@acme.test", "Carol Lee")
    join_team(carol, world.growth)
    join_team(world.sam, world.growth)
    first, second = growth.key_results.order_by("position")
    checked_in(first, 20, world.alice)
    response = signed_in(world.alice, client).get(reverse("reminders-team", args=["growth"]))
    content = response.content.decode()
    assert response.status_code == 200
    rows = [(item.key_result, item.people, item.since()) for item in response.context["due"]]
    assert rows == [
        (first, [world.alice, carol], "20 days ago"),
        (second, [world.alice, carol], "never"),
    ]
    assert "Sam Stakeholder" not in content
    assert "20 days ago" in content and "Never" in content
    assert reverse("check-in", args=[first.pk]) in content


def test_only_writers_get_the_check_in_button_on_a_team_list(client, world, growth):
    first = growth.key_results.get(position=0)
    button = reverse("check-in", args=[first.pk])
    for person in (world.bob, world.sam):
        content = signed_in(person, client).get(reverse("reminders-team", args=["growth"]))
        assert first.title in content.content.decode()
        assert button not in content.content.decode()
    admin = signed_in(world.admin, client).get(reverse("reminders-team", args=["growth"]))
    assert button in admin.content.decode()


def test_team_with_nothing_due_says_so(client, world, growth):
    response = signed_in(world.bob, client).get(reverse("reminders-team", args=["support"]))
    assert response.context["due"] == []
    assert "Nothing due for Support" in response.content.decode()


def test_another_organisations_team_is_not_found(client, world, other_world):
    signed_in(world.alice, client)
    assert client.get(reverse("reminders-team", args=["globex-ops"])).status_code == 404
    assert client.get(reverse("reminders-team", args=["nobody"])).status_code == 404


def add_objectives(world, count: int) -> None:
    """Add active objectives to Growth and Support, half of their key results checked in."""
    for n in range(count):
        objective = world.objective(team=(world.growth, world.support)[n % 2], title=f"More {n}")
        checked_in(objective.key_results.first(), 30, world.alice)


# One query of each is the cadence settings, which give every team its own check-in window;
# three are the radar's (cycles, objectives, key results), which says what is stale; my page
# reads the teams with due key results apart from mine.
@pytest.mark.parametrize(("url", "queries"), [("/reminders/", 9), ("/reminders/teams/growth/", 10)])
def test_page_queries_do_not_grow_with_objectives(client, world, growth, url, queries):
    signed_in(world.alice, client)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_objectives(world, 6)
    join_team(add_person(world.org, "carol@acme.test", "Carol Lee"), world.growth)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context.get("due") or response.context["groups"][0]["objectives"]) > 1
    assert len(few) == len(many) == queries
