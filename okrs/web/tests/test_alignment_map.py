"""The alignment map draws a team's neighbourhood, and a large cycle's top levels first."""

import pytest
from django.urls import reverse

from conftest import PASSWORD
from okrs.objectives.actions import add_contributor, align
from okrs.organizations.actions import create_team
from okrs.web.views import alignment_map


@pytest.fixture
def okrs(world):
    """Company <- Marketing <- Growth (shared with Support) and Support's own, both aligned."""
    company = world.objective(team=world.company, title="Clean water for all", cycle=world.annual)
    strategic = world.objective(
        team=world.marketing, title="Make our cause known", cycle=world.annual
    )
    align(strategic, company)
    tactical = world.objective(title="Win the hearts of young donors")
    align(tactical, strategic)
    add_contributor(tactical, world.support)
    support = world.objective(team=world.support, title="Answer every donor within a day")
    align(support, strategic)
    return {"company": company, "strategic": strategic, "tactical": tactical, "support": support}


def drawn(client, world, **query):
    """Return the map page and the titles of the objectives it draws."""
    assert client.login(username=world.alice.email, password=PASSWORD)
    response = client.get(reverse("map"), {"cycle": world.quarter.pk, **query})
    assert response.status_code == 200
    return response, {box["title"] for _, box in response.context["boxes"]}


def titles(okrs, *names):
    return {okrs[name].title for name in names}


def test_the_whole_map_of_a_small_cycle(client, world, okrs):
    response, shown = drawn(client, world)
    assert shown == titles(okrs, "company", "strategic", "tactical", "support")
    assert response.context["left_out"] == 0
    assert 'id="map-team"' in response.content.decode()


@pytest.mark.parametrize(
    ("team", "expected"),
    [
        ("growth", {"company", "strategic", "tactical"}),
        ("support", {"company", "strategic", "tactical", "support"}),  # it shares the tactical one
        ("marketing", {"company", "strategic", "tactical", "support"}),
        ("acme", {"company", "strategic", "tactical", "support"}),
    ],
)
def test_a_team_shows_its_objectives_what_they_support_and_what_supports_them(
    client, world, okrs, team, expected
):
    response, shown = drawn(client, world, team=team)
    assert shown == titles(okrs, *expected)
    content = response.content.decode()
    assert f"{len(expected)} of 4." in content
    assert f'<option value="{team}" selected>' in content
    edges = {(e.child, e.parent) for e in response.context["map"].edges}
    assert (okrs["tactical"].pk, okrs["strategic"].pk) in edges


def test_a_team_without_objectives_in_the_cycle_says_so(client, world, okrs):
    create_team(world.org, "Events", "tactical", world.marketing)
    response, shown = drawn(client, world, team="events")
    assert shown == set()
    assert "No objectives of Events in" in response.content.decode()


def test_a_large_cycle_opens_on_its_company_and_strategic_levels(client, world, okrs, monkeypatch):
    monkeypatch.setattr(alignment_map, "WHOLE_MAP_UP_TO", 3)
    response, shown = drawn(client, world)
    assert shown == titles(okrs, "company", "strategic")
    assert response.context["left_out"] == 2
    assert "4 objectives are too many to draw at once" in response.content.decode()
    _, shown = drawn(client, world, team="support")
    assert shown == titles(okrs, "company", "strategic", "tactical", "support")


def test_a_team_with_too_large_a_neighbourhood_shows_the_objectives_right_below_it(
    client, world, okrs, monkeypatch
):
    monkeypatch.setattr(alignment_map, "WHOLE_MAP_UP_TO", 3)
    response, shown = drawn(client, world, team="acme")
    assert shown == titles(okrs, "company", "strategic")
    assert "what they support and the objectives right below them: 2 of 4." in (
        response.content.decode()
    )
    _, shown = drawn(client, world, team="growth")
    assert shown == titles(okrs, "company", "strategic", "tactical")
