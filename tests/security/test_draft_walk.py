"""Draft privacy: another team's unshared draft shows nowhere, to no one outside its team.

Not even to an admin: admins, OKR leaders and practitioners see that the draft exists, not its
text, unless the team invites them to coach it.

Growth holds an unshared draft with everything a draft can have: key results (one of them run by
Support), check-ins with notes, a change history, alignment up to a company objective and down
from Support's objective, a key result linked to it, a contributing team. Bob, a member of
Support, and Sam, a stakeholder in no team, then walk every URL pattern and every API route
(GET and POST, with the draft's ids and with the organisation's own), and read the calendar
feeds, the export, search and the map.
No answer may hold any of the draft's texts or values, no write may change it, and no webhook
delivery may carry it. The walk reads the URL configuration and the OpenAPI document, so a new
page or route is covered without editing the test.
"""

import io
import json
import re

import pytest
from django.test import Client
from openpyxl import load_workbook

from conftest import PASSWORD
from okrs.api.actions import create_token
from okrs.cadence.actions import create_feed
from okrs.domain.okrfile import document_from_data
from okrs.objectives.actions import (
    add_key_result,
    align,
    create_objective,
    link_key_result,
    record_check_in,
    update_key_result,
    update_objective,
)
from okrs.objectives.co_creation import invite_coaches
from okrs.objectives.initiatives import add_initiative, update_initiative
from okrs.objectives.models import CheckIn, Initiative, KeyResult, Objective
from okrs.reminders.links import make_token
from okrs.web.views.exports import XLSX
from okrs.webhooks.actions import create_endpoint
from okrs.webhooks.models import EVENTS, Delivery
from tests.security.walking import PARAM, api_operations, fill, walked_patterns

pytestmark = pytest.mark.walk  # a whole-organisation walk: make test runs it, test-fast not

# Every text and value of the draft; none may appear in an answer Bob gets.
SECRETS = {
    "Zephyr launch, first wording",
    "Quietly prepare the Zephyr launch",
    "Zephyr description",
    "Zephyr hypothesis",
    "Zephyr pre-orders",
    "Zephyr partner kits",
    "zephyrs",
    "Zephyr progress note",
    "Zephyr problems note",
    "Zephyr plans note",
    "Zephyr support note",
    "31337",
    "31,337",
    "271828",
    "271,828",
    "Zephyr street team",
    "zephyr-tracker.acme.test",
}
# Path parameters that name the draft's rows, and pages to read with queries that might find it.
DRAFT_PARAMS = {"pk", "objective_id", "key_result_id", "initiative_id"}
QUERIES = [{"q": "Zephyr"}, {"team": "growth"}, {"page": "2"}]
POSTED = {
    "value": "3",
    "confidence": "5",
    "progress_note": "walked",
    "title": "Walked objective",
    "choice": "keep",
    "note": "walked",
    "notes": "walked",
    "text": "walked",
    "kind": "need",
    "name": "walked",
}


def _build(world):
    """Give Growth its unshared draft, linked every way a draft can be; return it."""
    company = world.objective(team=world.company, title="Every household has clean water")
    support = world.objective(team=world.support, title="Answer every household within a day")
    draft = create_objective(
        world.quarter,
        "Zephyr launch, first wording",
        team=world.growth,
        status="draft",
        description="Zephyr description",
        hypothesis="Zephyr hypothesis",
        aligned_to=[company],
        contributing_teams=[world.marketing],
    )
    update_objective(draft, title="Quietly prepare the Zephyr launch")
    orders = add_key_result(draft, "Zephyr pre-orders", start=0, target=271828, unit="zephyrs")
    kits = add_key_result(draft, "Zephyr partner kits", start=0, target=50, team=world.support)
    update_key_result(orders, target=271828.5)
    update_key_result(orders, target=271828)
    record_check_in(
        orders,
        31337,
        4,
        author=world.alice,
        progress_note="Zephyr progress note",
        problems_note="Zephyr problems note",
        plans_note="Zephyr plans note",
    )
    record_check_in(kits, 12, 6, author=world.alice, progress_note="Zephyr support note")
    world.plan = add_initiative(
        orders, "Zephyr street team", owner=world.alice, link="https://zephyr-tracker.acme.test/1"
    )
    update_initiative(world.plan, status="doing")
    align(support, draft)
    link_key_result(support.key_results.first(), draft)
    world.draft, world.orders, world.kits = draft, orders, kits
    return draft


@pytest.fixture
def drafted(world):
    """Return Acme with Growth's draft, a webhook endpoint for every event and Bob's feeds."""
    create_endpoint(world.org, "https://hooks.acme.test/okrs", sorted(EVENTS))
    _build(world)
    world.feeds = [
        create_feed(world.org, created_by=world.bob).token,
        create_feed(world.org, world.support, created_by=world.bob).token,
        create_feed(world.org, world.growth, created_by=world.alice).token,
    ]
    world.quick = make_token(world.bob, world.kits)
    return world


def _draft_rows(world) -> dict:
    """Return the draft's rows as stored, to prove the walk changed none of them."""
    return {
        "objective": list(Objective.all_objects.filter(pk=world.draft.pk).values()),
        "key_results": list(KeyResult.all_objects.filter(objective=world.draft).values()),
        "check_ins": list(CheckIn.objects.filter(key_result__objective=world.draft).values()),
        "initiatives": list(Initiative.objects.filter(key_result__objective=world.draft).values()),
    }


def _body(response) -> str:
    """Return the answer's text: a streamed body joined, a workbook's cells read out."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "") == XLSX:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
        cells = (
            cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
        )
        return "\n".join(str(cell) for cell in cells if cell is not None)
    body = data.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json") and body.strip():
        body += json.dumps(json.loads(body))
    return body


def _leaks(response) -> list[str]:
    body = _body(response)
    return sorted(s for s in SECRETS if s in body)


def _assert_private(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    leaked = _leaks(response)
    assert not leaked, f"{what} shows the draft's {leaked[:3]}"


def _values(world, route: str, name: str, converter: str) -> list:
    """Return the values to walk a parameter with: the draft's rows first, then others."""
    draft, orders, kits = world.draft, world.orders, world.kits
    if name == "token":
        return world.feeds if route.endswith(".ics") else [world.quick]
    if converter == "slug" or name == "slug":
        return [world.growth.slug, world.support.slug]
    if name == "cycle_id":
        return [world.quarter.pk]
    # The objectives and key results around the draft: their pages name what links to them.
    objectives = [draft.pk, *Objective.objects.exclude(pk=draft.pk).values_list("pk", flat=True)]
    key_results = [
        orders.pk,
        kits.pk,
        *KeyResult.objects.exclude(objective=draft).values_list("pk", flat=True),
    ]
    if name == "objective_id":
        return objectives
    if name == "key_result_id":
        return key_results
    if name == "initiative_id":
        return [world.plan.pk]
    if name == "pk":
        checkins = CheckIn.objects.filter(key_result__objective=draft).values_list("pk", flat=True)
        return list(dict.fromkeys([*objectives, *key_results, *checkins, world.plan.pk]))
    return [1]


def _urls(world, route: str) -> list[str]:
    params = PARAM.findall(route)
    options = {name: _values(world, route, name, conv) for conv, name in params}
    urls = []
    for name, values in options.items():
        for value in values:
            chosen = {n: v[0] for n, v in options.items()} | {name: value}
            urls.append(fill(route, chosen))
    return list(dict.fromkeys(urls)) or [fill(route, {})]


@pytest.mark.parametrize("reader", ["bob", "sam", "admin"])  # Support; stakeholder; admin
def test_no_page_shows_another_teams_unshared_draft(client, drafted, reader):
    before = _draft_rows(drafted)
    person = getattr(drafted, reader)
    client.force_login(person)
    routes = [route for route in walked_patterns() if route != "logout/"]
    walked, posts = 0, []
    for route in routes:  # every read first, while everything still links to the draft
        names = {name for _, name in PARAM.findall(route)}
        for url in _urls(drafted, route):
            response = client.get(url)
            assert response.status_code != 302 or "/login/" not in response.url, f"GET {url}"
            _assert_private(response, f"GET {url}")
            walked += 1
            if not names:
                for query in QUERIES:
                    _assert_private(client.get(url, query), f"GET {url} {query}")
            if names & DRAFT_PARAMS or not names:
                posts.append(url)
    for url in posts:
        _assert_private(client.post(url, POSTED), f"POST {url}")
        client.force_login(person)  # "sign out everywhere" is one of the writes
    assert walked > 80
    assert _draft_rows(drafted) == before


def test_the_draft_s_own_team_sees_it(client, drafted):
    """The walk's secrets are real: Alice, of Growth, reads them on the draft's page."""
    assert client.login(username=drafted.alice.email, password=PASSWORD)
    page = client.get(f"/objectives/{drafted.draft.pk}/")
    assert page.status_code == 200
    assert "Quietly prepare the Zephyr launch" in page.content.decode()
    history = client.get(f"/objectives/{drafted.draft.pk}/history/").content.decode()
    assert "Zephyr launch, first wording" in history


def _api_urls(drafted, path: str) -> list[str]:
    names = re.findall(r"{(\w+)}", path)
    options = {
        name: _values(drafted, path, name, "int") if name in DRAFT_PARAMS | {"cycle_id"} else [1]
        for name in names
    }
    urls = []
    for name, values in options.items():
        for value in values:
            chosen = {n: v[0] for n, v in options.items()} | {name: value}
            url = path
            for n, v in chosen.items():
                url = url.replace("{" + n + "}", str(v))
            urls.append(url)
    return list(dict.fromkeys(urls)) or [path]


@pytest.mark.parametrize("reader", ["bob", "sam", "admin"])
def test_no_api_route_shows_another_teams_unshared_draft(drafted, reader):
    before = _draft_rows(drafted)
    token = create_token(getattr(drafted, reader))[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    filters = [
        {},
        {"objective_id": drafted.draft.pk},
        {"cycle_id": drafted.quarter.pk},
        {"team_id": drafted.growth.pk},
        {"team_id": drafted.support.pk},
        {"q": "Zephyr"},
    ]
    walked, writes = 0, []
    for method, path, _operation, _spec in api_operations():  # every read first
        for url in _api_urls(drafted, path):
            if method == "get":
                for query in filters if "{" not in path else [{}]:
                    _assert_private(client.get(url, query), f"GET {url} {query}")
                    walked += 1
            elif "{" in path:
                writes.append((method, url))
    bodies = {
        "check-ins": {"value": 1, "confidence": 5},
        "measurements": {"value": 1},
        "override": {"state": "at-risk", "reason": "Blocked by the vendor"},
        "initiatives": {"title": "Walked initiative"},
        "coaches": {"person_ids": [drafted.bob.pk]},
        "finish": {"state": "abandoned", "note": "walked"},
        "source": {"name": "Walked source", "kind": "push"},
        "test": {"name": "Walked source", "kind": "push"},
    }
    drafts = (
        f"/api/v1/objectives/{drafted.draft.pk}",
        f"/api/v1/key-results/{drafted.orders.pk}",
        f"/api/v1/key-results/{drafted.kits.pk}",
        f"/api/v1/initiatives/{drafted.plan.pk}",
    )
    for method, url in writes:
        body = json.dumps(bodies.get(url.rsplit("/", 1)[-1], {}))  # valid: only the row decides
        response = getattr(client, method)(url, body, content_type="application/json")
        _assert_private(response, f"{method.upper()} {url}")
        if any(url == row or url.startswith(row + "/") for row in drafts):
            assert response.status_code in (403, 404), f"{method.upper()} {url}"  # 403: any id
    assert walked > 30
    assert _draft_rows(drafted) == before


def test_the_export_leaves_out_another_teams_unshared_draft(drafted):
    bob = Client(headers={"Authorization": f"Bearer {create_token(drafted.bob)[1]}"})
    exported = bob.get("/api/v1/export")
    _assert_private(exported, "Bob's export")
    document = document_from_data(exported.json())  # no link left pointing at the draft
    ids = {o.id for o in document.objectives}
    assert f"O{drafted.draft.pk}" not in ids
    assert all(set(o.aligned_to) <= ids for o in document.objectives)
    admin = Client(headers={"Authorization": f"Bearer {create_token(drafted.admin)[1]}"})
    _assert_private(admin.get("/api/v1/export"), "The admin's export, not invited to coach")
    invite_coaches(drafted.draft, [drafted.admin], drafted.alice)
    assert "Quietly prepare the Zephyr launch" in admin.get("/api/v1/export").content.decode()


@pytest.mark.parametrize("reader", ["bob", "sam", "admin"])
def test_the_spreadsheets_leave_out_another_teams_unshared_draft(client, drafted, reader):
    client.force_login(getattr(drafted, reader))
    cycle = {"cycle": drafted.quarter.pk}
    kinds = ("csv", "xlsx")
    files = [
        *(f"/tree/export.{kind}" for kind in kinds),
        *(f"/dashboard/export.{kind}" for kind in kinds),
        *(
            f"/teams/{slug}/check-ins.{kind}"
            for slug in ("growth", "support")
            for kind in ("csv", "xlsx")
        ),
    ]
    for url in files:
        response = client.get(url, cycle)
        assert response.status_code == 200, url
        _assert_private(response, f"GET {url}")
    client.force_login(drafted.alice)
    for url in ("/tree/export.xlsx", "/teams/growth/check-ins.csv"):
        assert "Zephyr" in _body(client.get(url, cycle)), f"Alice reads her team's draft in {url}"


def test_no_webhook_delivery_carries_an_unshared_draft(drafted):
    payloads = json.dumps([d.payload for d in Delivery.objects.all()])
    assert Delivery.objects.exists()
    assert not sorted(s for s in SECRETS if s in payloads)
