"""The pages render the organisation's OKRs for a signed-in person, and only theirs."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD, signed_in
from okrs.objectives.actions import add_contributor, align, record_check_in
from tests.calendar import at_ten


def count_queries(client, url):
    """Return the response and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


@pytest.fixture
def okrs(world):
    """Give Acme a company objective, a strategic one and a tactical one, aligned."""
    company = world.objective(
        team=world.company, title="Become the most trusted water charity", cycle=world.annual
    )
    strategic = world.objective(
        team=world.marketing, title="Make our cause known", cycle=world.annual
    )
    align(strategic, company)
    tactical = world.objective(title="Win the hearts of young donors")
    align(tactical, strategic)
    add_contributor(tactical, world.support)
    kr = tactical.key_results.first()
    record_check_in(kr, 60000, 8, author=world.alice, progress_note="Campaign went viral")
    return {"company": company, "strategic": strategic, "tactical": tactical, "kr": kr}


def test_anonymous_visitor_is_sent_to_sign_in(client, world):
    response = client.get(reverse("tree"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_sign_in_with_email_in_any_case(client, world):
    response = client.post(reverse("login"), {"username": "ALICE@acme.test", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == world.alice


def test_wrong_password_says_so_and_keeps_the_email(client, world):
    response = client.post(reverse("login"), {"username": "alice@acme.test", "password": "nope"})
    assert response.status_code == 200
    assert b"correct" in response.content
    assert b'value="alice@acme.test"' in response.content


def test_tree_nests_tactical_under_strategic_under_company(client, world, okrs):
    response = signed_in(world.alice, client).get(reverse("tree"), {"cycle": world.quarter.pk})
    roots = response.context["tree"].roots
    assert [r.objective for r in roots] == [okrs["company"]]
    strategic = roots[0].children[0]
    assert strategic.objective == okrs["strategic"]
    assert [c.objective for c in strategic.children] == [okrs["tactical"]]
    assert strategic.children[0].contributors == [world.support]
    assert "Win the hearts of young donors" in response.content.decode()


def test_tree_shows_rolled_up_progress_and_score(client, world, okrs):
    response = signed_in(world.alice, client).get(reverse("tree"), {"cycle": world.quarter.pk})
    card = response.context["tree"].cards[okrs["tactical"].pk]
    # KR1: 20k -> 100k at 60k = 0.5; KR2: no check-in = 0; mean 0.25
    assert card.progress == pytest.approx(0.25)
    assert card.score_label == "2.5"
    assert card.confidence == 8


def test_home_lists_my_teams_objectives_and_due_key_results(client, world, okrs, clock):
    # Mid-quarter the key result never checked in has waited longer than the window: it is due.
    clock.move_to(at_ten(date(2027, 2, 15)), tick=True)
    fresh = okrs["tactical"].key_results.get(title__startswith="Grow petition")
    record_check_in(fresh, 50000, 7, author=world.alice)
    response = signed_in(world.alice, client).get(reverse("home"), {"cycle": world.quarter.pk})
    titles = [c.objective.title for c in response.context["cards"]]
    assert titles == ["Win the hearts of young donors"]
    due = [k.key_result.title for k in response.context["due"]]
    assert due == ["Reduce wait time from 9 to 3 days"]
    assert response.context["cards"][0].can_write is True


def test_home_includes_objectives_shared_with_my_team(client, world, okrs):
    response = signed_in(world.bob, client).get(reverse("home"), {"cycle": world.quarter.pk})
    assert [c.objective for c in response.context["cards"]] == [okrs["tactical"]]


def test_team_page_shows_objectives_people_and_check_ins(client, world, okrs):
    response = signed_in(world.bob, client).get(
        reverse("team", args=["growth"]), {"cycle": world.quarter.pk}
    )
    assert [c.objective for c in response.context["cards"]] == [okrs["tactical"]]
    assert [m.person for m in response.context["members"]] == [world.alice]
    assert response.context["check_ins"][0].progress_note == "Campaign went viral"
    assert response.context["cards"][0].can_write is False


def test_objective_page_shows_history_alignment_and_chart(client, world, okrs):
    response = signed_in(world.alice, client).get(reverse("objective", args=[okrs["tactical"].pk]))
    content = response.content.decode()
    assert response.context["parents"] == [okrs["strategic"]]
    assert "Campaign went viral" in content
    assert "<polyline" in content
    assert response.context["contributors"] == [world.support]


def test_unknown_cycle_is_404(client, world):
    assert signed_in(world.alice, client).get(reverse("tree"), {"cycle": 99999}).status_code == 404


PINNED_QUERIES = {
    "home": 7,  # + the statuses set by hand beside the cards
    "home-open-cycles": 7,  # every open cycle, annual and quarter, in the same queries
    "check-in-all": 6,
    "tree": 8,
    "team": 14,  # + the statuses set by hand beside the cards, the team's Daily Alignment
    # + the change log: key result titles, then one query per kind of record; the status set by
    # hand, and whether the person leads the team (who may set it); the hypothesis's verdicts
    # + the KPIs it responds to, the action plans: initiatives, their history, who may own one;
    # the key results' sources
    "objective": 23,
    "check-in": 4,  # the key result with its visibility and memberships; its action plan
    "login": 0,
    # + the KPIs it may respond to; the teams to share with, the teams a key result may belong to
    "objective-new": 13,
    # + the KPIs it responds to and those it may; the teams sharing it, to share with, to own a
    # key result; the team's open objectives in overlapping cycles (one objective per cadence)
    "objective-edit": 23,
    "map": 8,  # + the teams to pick from
}


def page_url(name, world, objective):
    """Return the URL of the named page for the Growth team's world."""
    return {
        "home": f"{reverse('home')}?cycle={world.quarter.pk}",
        "home-open-cycles": reverse("home"),
        "check-in-all": reverse("check-in-all"),
        "tree": f"{reverse('tree')}?cycle={world.quarter.pk}",
        "team": f"{reverse('team', args=['growth'])}?cycle={world.quarter.pk}",
        "objective": reverse("objective", args=[objective.pk]),
        "check-in": reverse("check-in", args=[objective.key_results.first().pk]),
        "login": reverse("login"),
        "objective-new": reverse("objective-new"),
        "objective-edit": reverse("objective-edit", args=[objective.pk]),
        "map": f"{reverse('map')}?cycle={world.quarter.pk}",
    }[name]


def grow(world, count):
    """Add objectives with checked-in key results, aligned to a company objective."""
    parent = world.objective(team=world.company, title="Company direction", cycle=world.annual)
    for n in range(count):
        objective = world.objective(title=f"Objective number {n}")
        align(objective, parent)
        add_contributor(objective, world.support)
        for kr in objective.key_results.all():
            record_check_in(kr, kr.target, 7, author=world.alice)
    return objective


@pytest.mark.parametrize("name", PINNED_QUERIES)
def test_page_queries_are_pinned_and_do_not_grow_with_objectives(client, world, name):
    if name != "login":
        signed_in(world.alice, client)
    first = grow(world, 1)
    _, few = count_queries(client, page_url(name, world, first))
    grow(world, 6)
    _, many = count_queries(client, page_url(name, world, first))
    assert few == many == PINNED_QUERIES[name]


@pytest.mark.parametrize(
    ("filters", "shown", "dimmed"),
    [
        ({"q": "young donors"}, {"tactical", "strategic", "company"}, {"strategic", "company"}),
        ({"q": "petition"}, {"tactical", "strategic", "company"}, set()),
        ({"level": "strategic"}, {"strategic", "company"}, {"company"}),
        ({"team": "support"}, {"tactical", "strategic", "company"}, {"strategic", "company"}),
        ({"team": "growth", "status": "off-track"}, set(), set()),
        ({"status": "on-track"}, {"tactical", "strategic", "company"}, {"strategic", "company"}),
        ({"status": "not-started"}, {"strategic", "company"}, set()),
    ],
)
def test_tree_filters_keep_matches_and_their_dimmed_ancestors(
    client, world, okrs, filters, shown, dimmed
):
    names = {
        okrs["company"].pk: "company",
        okrs["strategic"].pk: "strategic",
        okrs["tactical"].pk: "tactical",
    }
    response = signed_in(world.alice, client).get(
        reverse("tree"), {"cycle": world.quarter.pk, **filters}
    )
    visible, faded = set(), set()

    def walk(cards):
        for card in cards:
            visible.add(names[card.objective.pk])
            if card.dimmed:
                faded.add(names[card.objective.pk])
            walk(card.children)

    walk(response.context["tree"].roots)
    assert (visible, faded) == (shown, dimmed)
    if not shown:
        assert "No objective matches these filters" in response.content.decode()


def test_alignment_map_draws_every_objective_and_link_and_sets_unaligned_apart(client, world, okrs):
    loner = world.objective(team=world.support, title="A lonely support objective")
    response = signed_in(world.alice, client).get(reverse("map"), {"cycle": world.quarter.pk})
    placed = response.context["map"]
    assert {n.id for n in placed.nodes} == {
        okrs["company"].pk,
        okrs["strategic"].pk,
        okrs["tactical"].pk,
        loner.pk,
    }
    assert {(e.child, e.parent) for e in placed.edges} == {
        (okrs["strategic"].pk, okrs["company"].pk),
        (okrs["tactical"].pk, okrs["strategic"].pk),
    }
    unaligned = [n for n in placed.nodes if n.unaligned]
    assert [n.id for n in unaligned] == [loner.pk]
    assert unaligned[0].y > placed.unaligned_y > max(n.y for n in placed.nodes if not n.unaligned)
    content = response.content.decode()
    assert content.count('class="node ') == 4
    assert "Not aligned to any objective above" in content
