"""A large alignment tree is streamed, page and API alike, with the bytes and queries of a whole."""

import json
import re
import urllib.request
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from okrs import clock
from okrs.api.actions import create_token
from okrs.api.routes import cycles as cycle_routes
from okrs.objectives import tree as tree_module
from okrs.objectives.actions import (
    add_contributor,
    add_key_result,
    align,
    create_objective,
    link_key_result,
    record_check_in,
)
from okrs.objectives.models import Alignment, KeyResult, Objective
from okrs.objectives.tree import KR_FIELDS, KeyResultRow, SameValues, alignment_tree
from okrs.organizations.visibility import visibility_filter
from okrs.web.tests.test_views import PINNED_QUERIES

CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


@pytest.fixture
def teams_okrs(world):
    """Give Acme a few teams' worth of aligned, shared, linked, drafted and abandoned objectives."""
    company = world.objective(
        team=world.company, title="Clean water <for> all & more", cycle=world.annual
    )
    strategic = world.objective(
        team=world.marketing, title="Make our cause known", cycle=world.annual
    )
    align(strategic, company)
    growth = []
    for n in range(3):
        objective = world.objective(
            title=f"Win donors, wave {n}", ambition="moonshot" if n else "roofshot"
        )
        align(objective, strategic)
        growth.append(objective)
    add_contributor(growth[0], world.support)
    add_key_result(growth[1], 'Launch the "donor" app', type="binary", target=1, weight=2)
    add_key_result(growth[1], "Lift retention to 40%", unit="%", start=-0.0, target=40, current=0.0)
    link_key_result(growth[2].key_results.first(), growth[0])
    for kr in growth[0].key_results.all():
        record_check_in(kr, kr.start + (kr.target - kr.start) / 2, 8, author=world.alice)
    support = world.objective(team=world.support, title="Answer every call within a day")
    align(support, strategic)
    world.objective(team=world.support, title="Support's secret draft", status="draft")
    world.objective(title="Given up on", status="abandoned")
    create_objective(world.quarter, "Alice's own stretch", owner=world.alice, status="active")
    return {"company": company, "strategic": strategic, "growth": growth}


def api_get(person, url):
    """Return the API response to the person's GET of the url."""
    token = create_token(person, "tests")[1]
    return Client().get(f"/api/v1{url}", HTTP_AUTHORIZATION=f"Bearer {token}")


def body(response) -> bytes:
    """Return the body of a whole or a streamed response."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def whole_tree_json(person, world) -> bytes:
    """Return the tree's JSON as one dump of the nested objectives, the way it was written whole."""
    cycles = [world.annual, world.quarter]
    tree = alignment_tree(
        world.org, world.quarter, cycles, clock.today(), visibility_filter(person)
    )
    scale = world.org.score_scale

    def nested(card):
        return cycle_routes._node(card, scale) | {"children": [nested(c) for c in card.children]}

    head = {f: getattr(world.quarter, f) for f in cycle_routes.CycleOut.model_fields}
    return cycle_routes._dumps(
        {"cycle": head, "objectives": tree.count(), "roots": [nested(r) for r in tree.roots]}
    )


@pytest.mark.parametrize("who", ["alice", "bob", "admin"])
def test_streamed_api_tree_is_the_whole_tree_byte_for_byte(world, teams_okrs, monkeypatch, who):
    person = getattr(world, who)
    url = f"/cycles/{world.quarter.pk}/tree"
    monkeypatch.setattr(tree_module, "STREAM_FROM", 10**9)
    whole = api_get(person, url)
    assert not whole.streaming
    monkeypatch.setattr(tree_module, "STREAM_FROM", 0)
    monkeypatch.setattr(cycle_routes, "CHUNK", 1)
    streamed = api_get(person, url)
    assert streamed.streaming and streamed["Content-Type"] == "application/json; charset=utf-8"
    pieces = list(streamed.streaming_content)
    assert len(pieces) > 5
    assert b"".join(pieces) == whole.content == whole_tree_json(person, world)


def walk(nodes, parent=None):
    """Yield (node, parent id) for every node of the JSON tree, depth first."""
    for node in nodes:
        yield node, parent
        yield from walk(node["children"], node["id"])


def test_streamed_api_tree_holds_what_the_database_holds(world, teams_okrs, monkeypatch):
    monkeypatch.setattr(tree_module, "STREAM_FROM", 0)
    response = api_get(world.alice, f"/cycles/{world.quarter.pk}/tree")
    assert response.streaming
    data = json.loads(body(response))
    nodes = list(walk(data["roots"]))
    visible = (
        Objective.objects.filter(visibility_filter(world.alice), organization=world.org)
        .filter(cycle__in=[world.annual, world.quarter])
        .exclude(status="abandoned")
    )
    assert {n["id"] for n, _ in nodes} == set(visible.values_list("id", flat=True))
    assert data["objectives"] == visible.count() == 7
    titles = {n["title"] for n, _ in nodes}
    assert "Support's secret draft" not in titles and "Given up on" not in titles
    links = set(Alignment.objects.values_list("child_id", "parent_id"))
    for node, parent in nodes:
        assert parent is None or (node["id"], parent) in links
        krs = list(KeyResult.objects.filter(objective_id=node["id"]))
        assert [kr["id"] for kr in node["key_results"]] == [kr.pk for kr in krs]
        for written, kr in zip(node["key_results"], krs, strict=True):
            assert (written["title"], written["unit"], written["type"]) == (
                kr.title,
                kr.unit,
                kr.type,
            )
            assert (written["start"], written["target"], written["current"]) == (
                kr.start,
                kr.target,
                kr.current,
            )
            assert written["weight"] == kr.weight and written["confidence"] == kr.confidence
    retention = next(
        kr
        for node, _ in nodes
        for kr in node["key_results"]
        if kr["title"] == "Lift retention to 40%"
    )
    assert str(retention["start"]) == str(KeyResult.objects.get(pk=retention["id"]).start)


def page(client, url) -> tuple:
    """Return the page's HTML with the per-request CSRF tokens blanked out."""
    response = client.get(url)
    assert response.status_code == 200
    return response, CSRF.sub(r"\1", body(response).decode())


@pytest.mark.parametrize(
    "filters", ["", "&q=donors", "&team=support", "&status=draft", "&q=nothing"]
)
def test_streamed_tree_page_is_the_whole_page(client, world, teams_okrs, monkeypatch, filters):
    client.force_login(world.admin)
    url = f"{reverse('tree')}?cycle={world.quarter.pk}{filters}"
    monkeypatch.setattr(tree_module, "STREAM_FROM", 10**9)
    whole, expected = page(client, url)
    assert not whole.streaming
    monkeypatch.setattr(tree_module, "STREAM_FROM", 0)
    streamed, found = page(client, url)
    assert streamed.streaming == bool(whole.context["tree"].roots)
    assert found == expected


def test_streamed_tree_page_shows_every_visible_objective_once_and_hides_drafts(
    client, world, teams_okrs, monkeypatch
):
    monkeypatch.setattr(tree_module, "STREAM_FROM", 0)
    monkeypatch.setattr("okrs.web.tree_markup.CHUNK", 1)
    client.force_login(world.alice)
    response = client.get(reverse("tree"), {"cycle": world.quarter.pk})
    pieces = list(response.streaming_content)
    html = b"".join(pieces).decode()
    assert len(pieces) > 7
    assert html.count('<li class="tree-node') == 7
    assert "Clean water &lt;for&gt; all &amp; more" in html
    assert "Support&#x27;s secret draft" not in html and "Given up on" not in html
    assert html.rstrip().endswith("</html>")


def test_streamed_tree_keeps_the_pinned_queries_and_queries_nothing_while_streaming(
    client, world, teams_okrs, monkeypatch
):
    monkeypatch.setattr(tree_module, "STREAM_FROM", 0)
    client.force_login(world.alice)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("tree"), {"cycle": world.quarter.pk})
        asked = len(queries)
        body(response)
    assert response.streaming
    assert asked == len(queries) == PINNED_QUERIES["tree"]
    url = f"/cycles/{world.quarter.pk}/tree"
    counts = []
    for stream_from in (10**9, 0):
        monkeypatch.setattr(tree_module, "STREAM_FROM", stream_from)
        token = create_token(world.alice, "tests")[1]
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(f"/api/v1{url}", HTTP_AUTHORIZATION=f"Bearer {token}")
            asked = len(queries)
            body(response)
        assert asked == len(queries)
        counts.append(asked)
    assert counts[0] == counts[1]


def key_result_values(**changes) -> tuple:
    """Return a key result's KR_FIELDS values as the tree's query reads them."""
    values = dict(
        zip(
            KR_FIELDS,
            (1, "", 10, "Grow", "metric", "%", 1.5, 3.0, 2.0, None, None, "", "", "outcome")
            + (1.0, False, None, None, None, 1),
            strict=True,
        )
    )
    return tuple((values | changes)[name] for name in KR_FIELDS)


def test_shared_values_never_change_what_a_value_prints():
    same = SameValues()
    made = "".join  # a new string object each time, as a database driver makes them
    first = KeyResultRow(key_result_values(unit=made(["k", "g"]), current=-0.0), same)
    second = KeyResultRow(key_result_values(id=2, unit=made(["k", "g"]), current=0.0), same)
    assert first.unit is second.unit and first.start is second.start
    assert str(first.current) == "-0.0" and str(second.current) == "0.0"
    assert (first.pk, second.pk, second.objective_id) == (1, 2, 10)
    noon = datetime(2027, 2, 1, 12, tzinfo=UTC)
    later = datetime(2027, 2, 1, 13, tzinfo=timezone(timedelta(hours=1)))
    assert same.moment(noon) is noon
    assert same.moment(later) is later and str(later) == "2027-02-01 13:00:00+01:00"
    assert same.moment(datetime(2027, 2, 1, 12, tzinfo=UTC)) is noon
    assert same.moment(None) is None


@pytest.mark.django_db(transaction=True)
def test_a_server_sends_the_streamed_tree_whole(live_server, world, teams_okrs, monkeypatch):
    token = create_token(world.alice, "tests")[1]
    request = urllib.request.Request(
        f"{live_server.url}/api/v1/cycles/{world.quarter.pk}/tree",
        headers={"Authorization": f"Bearer {token}"},
    )
    bodies = []
    for stream_from in (10**9, 0):
        monkeypatch.setattr(tree_module, "STREAM_FROM", stream_from)
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "application/json; charset=utf-8"
            sized = response.headers["Content-Length"] is not None
            bodies.append((sized, response.read()))
    (whole_sized, whole), (streamed_sized, streamed) = bodies
    assert whole_sized and not streamed_sized
    assert streamed == whole and json.loads(streamed)["objectives"] == 7
