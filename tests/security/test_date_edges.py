"""Dates at each end of the range okrs supports (1970-01-01..2200-12-31), and absurd page numbers.

Acme gets a year and a quarter at each end of the range, holding a row of every kind. Ada, the
admin, then GETs every page of the urlconf and every API read, with the edge cycles chosen
(`?cycle=`) and absurd page numbers (`?page=`), on the story's day and on the range's first and
last days; none may answer 5xx. The export, written and read back, keeps both ends.
"""

from datetime import UTC, date, datetime, time
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, World
from okrs.api.actions import create_token
from okrs.cadence.actions import create_feed
from okrs.cycles.actions import create_cycle
from okrs.cycles.models import Cycle
from okrs.domain.limits import DATE_MAX, DATE_MIN
from okrs.domain.okrfile import read_document
from okrs.evaluation.actions import create_review, decide, save_evaluation
from okrs.health.actions import answer_pulse
from okrs.health.targets import LETTER_FIELDS
from okrs.kpis.actions import create_kpi, record_measurement
from okrs.objectives.actions import align, record_check_in
from okrs.objectives.models import Objective
from okrs.organizations.models import Team
from okrs.planning.actions import add_candidate, add_planning_note, open_planning
from okrs.reminders.links import make_token
from okrs.webhooks.actions import create_endpoint
from tests.security.walking import PARAM, api_operations, fill, rows_of, walked_patterns

pytestmark = pytest.mark.walk  # a whole-organisation walk: make test runs it, test-fast not

ABSURD_PAGES = ["99999999999999999999", "-3", "1e400", "two", "٣"]
# The row a bare `pk` names, told by the path segment before it; any other `pk` tries them all.
PK_OF = {
    "webhooks": "webhooks.endpoint",
    "deliveries": "webhooks.delivery",
    "events": "cadence.cadenceevent",
    "feeds": "cadence.calendarfeed",
    "objectives": "objectives.objective",
    "carry-over": "objectives.objective",
    "notes": "planning.teamplanningnote",
    "backlog": "planning.candidateobjective",
    "reviews": "evaluation.review",
    "key-results": "objectives.keyresult",
    "tokens": "api.apitoken",
}
NAMED = {
    "cycle_id": "cycles.cycle",
    "objective_id": "objectives.objective",
    "key_result_id": "objectives.keyresult",
    "kpi_id": "kpis.kpi",
    "team_id": "organizations.team",
    "person_id": "organizations.person",
    "endpoint_id": "webhooks.endpoint",
    "initiative_id": "objectives.initiative",
    "review_id": "evaluation.review",
}


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)


def _furnish(world, year, quarter, on: date, tag: str) -> list:
    """Fill the quarter with objectives, check-ins, KPIs, reviews and evaluations."""
    company = world.objective(team=world.company, title=f"{tag} company objective", cycle=year)
    growth = world.objective(title=f"{tag} growth objective", cycle=quarter)
    draft = world.objective(title=f"{tag} growth draft", cycle=quarter, status="draft")
    align(growth, company)
    for kr in growth.key_results.all():
        record_check_in(kr, kr.target, 6, author=world.alice, at=_moment(on), progress_note=tag)
    kpi = create_kpi(world.growth, f"{tag} uptime", lower_bound=99, unit="%")
    record_measurement(kpi, 99.5, at=_moment(on), note=tag)
    review = create_review(world.growth, quarter, on, facilitator=world.alice, notes=tag)
    signatures = growth.key_results.first()
    decide(review, growth, "adjust", note=tag, key_result=signatures, by=world.alice)
    save_evaluation(
        world.growth, quarter, {(growth.pk, None): 6.0, (growth.pk, signatures.pk): 5.0}
    )
    return [company, growth, draft]


def _edge_world() -> World:
    """Return Acme with a year and a quarter at each end of the date range, fully furnished."""
    world = World()
    world.first_year = create_cycle(
        world.org, "1970", DATE_MIN, date(1970, 12, 31), "annual", state="active"
    )
    world.first_quarter = create_cycle(
        world.org, "1970-Q1", DATE_MIN, date(1970, 3, 31), parent=world.first_year, state="active"
    )
    world.last_year = create_cycle(
        world.org, "2200", date(2200, 1, 1), DATE_MAX, "annual", state="active"
    )
    world.last_quarter = create_cycle(
        world.org, "2200-Q4", date(2200, 10, 1), DATE_MAX, parent=world.last_year
    )
    first = _furnish(world, world.first_year, world.first_quarter, DATE_MIN, "1970")
    last = _furnish(world, world.last_year, world.last_quarter, DATE_MAX, "2200")
    world.objectives = first + last
    world.edges = [world.first_year, world.first_quarter, world.last_year, world.last_quarter]
    open_planning(world.last_quarter, world.admin, [last[0]], message="Plan the last quarter")
    add_planning_note(world.last_quarter, world.growth, "need", "Two engineers", world.support)
    add_candidate(world.growth, "A backlog idea", added_by=world.alice)
    answer_pulse(world.alice, world.growth, dict.fromkeys(LETTER_FIELDS, 4))
    create_endpoint(world.org, "https://hooks.acme.test/okrs", ["checkin.created"])
    world.feed = create_feed(world.org, created_by=world.admin)
    world.quick = make_token(world.alice, last[1].key_results.first())
    create_token(world.admin, "edge walker")
    return world


def _pools(world) -> dict:
    """Return the organisation's row ids by model label, the edge cycles' rows first."""
    pools = {
        model._meta.label_lower: list(queryset.order_by("pk").values_list("pk", flat=True)[:3])
        for model, queryset in rows_of(world.org)
    }
    pools["cycles.cycle"] = [c.pk for c in world.edges]
    pools["objectives.objective"] = [o.pk for o in world.objectives]
    key_results = [kr.pk for o in world.objectives for kr in o.key_results.all()]
    pools["objectives.keyresult"] = key_results[:: max(1, len(key_results) // 4)]
    return pools


def _value_options(route: str, name: str, converter: str, world, pools: dict) -> list:
    if name == "token":
        return [world.feed.token] if route.endswith(".ics") else [world.quick]
    if converter == "slug" or name == "slug":
        return [world.company.slug, world.growth.slug]
    if name in NAMED:
        return pools[NAMED[name]]
    before = route.split("<")[-2].rstrip("/").rsplit("/", 1)[-1] if "<" in route else ""
    kind = PK_OF.get(before)
    if kind:
        return pools.get(kind, [])
    return sorted({pk for ids in pools.values() for pk in ids[:1] if isinstance(pk, int)})


def _urls(route: str, world, pools: dict) -> list[str]:
    """Return the route filled with each value of its first parameter, the others' first value."""
    params = PARAM.findall(route)
    if not params:
        return [fill(route, {})]
    options = {name: _value_options(route, name, conv, world, pools) for conv, name in params}
    if any(not values for values in options.values()):
        return []
    urls = []
    for name, values in options.items():
        for value in values:
            chosen = {n: v[0] for n, v in options.items()} | {name: value}
            urls.append(fill(route, chosen))
    return list(dict.fromkeys(urls))


def _assert_answers(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"


@pytest.fixture
def edges(db, clock):
    """Return Acme with cycles at both ends of the date range, on the story's day."""
    clock.move_to(_moment(date(2026, 12, 7)), tick=True)
    return _edge_world()


@pytest.mark.parametrize("today", [date(2026, 12, 7), DATE_MIN, DATE_MAX])
def test_every_page_answers_with_cycles_at_both_ends_of_the_range(edges, clock, today):
    clock.move_to(_moment(today), tick=True)
    client = Client()
    assert client.login(username=edges.admin.email, password=PASSWORD)
    pools = _pools(edges)
    walked = 0
    for route in walked_patterns():
        if route == "logout/":
            continue
        urls = _urls(route, edges, pools)
        for url in urls:
            _assert_answers(client.get(url), f"GET {url}")
            walked += 1
        for cycle in edges.edges[:: 1 if today == date(2026, 12, 7) else 3]:
            url = f"{urls[0]}?cycle={cycle.pk}" if urls else None
            if url:
                _assert_answers(client.get(url), f"GET {url}")
    assert walked > 80


def test_every_page_answers_absurd_page_numbers(edges):
    client = Client()
    assert client.login(username=edges.admin.email, password=PASSWORD)
    pools = _pools(edges)
    for route in walked_patterns():
        if route == "logout/":
            continue
        for url in _urls(route, edges, pools)[:1]:
            for number in ABSURD_PAGES:
                response = client.get(url, {"page": number})
                _assert_answers(response, f"GET {url}?page={number}")


def test_the_objective_history_answers_absurd_page_numbers_with_an_empty_page(edges):
    client = Client()
    assert client.login(username=edges.admin.email, password=PASSWORD)
    url = reverse("objective-history", args=[edges.objectives[1].pk])
    for number in ABSURD_PAGES:
        response = client.get(url, {"page": number})
        assert response.status_code == 200, number


def test_every_api_read_answers_with_cycles_at_both_ends_of_the_range(edges):
    token = create_token(edges.admin, "reader")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    pools = _pools(edges)
    read = 0
    for method, path, _operation, _spec in api_operations():
        if method != "get":
            continue
        names = [n for n in PARAM.findall(path.replace("{", "<").replace("}", ">"))]
        values = [{}]
        for _conv, name in names:
            values = [v | {name: pk} for v in values for pk in pools.get(NAMED[name], [])]
        for chosen in values:
            url = path
            for name, pk in chosen.items():
                url = url.replace("{" + name + "}", str(pk))
            response = client.get(url)
            assert response.status_code in (200, 404), f"GET {url}: {response.status_code}"
            read += 1
        for cycle in edges.edges:
            response = client.get(path, {"cycle_id": cycle.pk}) if not names else None
            assert response is None or response.status_code < 500, f"GET {path}"
    assert read > 30


def test_the_export_keeps_both_ends_of_the_range_and_reads_back(edges):
    token = create_token(edges.admin, "exporter")[1]
    exported = Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/export")
    assert exported.status_code == 200
    cycles = {c["id"]: (c["start"], c["end"]) for c in exported.json()["cycles"]}
    assert cycles["1970-Q1"] == ("1970-01-01", "1970-03-31")
    assert cycles["2200-Q4"] == ("2200-10-01", "2200-12-31")
    out = StringIO()
    call_command("export", organization=edges.org.slug, stdout=out)
    document = read_document(out.getvalue())
    read = {c.id: (c.start, c.end) for c in document.cycles}
    assert read["1970"] == (DATE_MIN, date(1970, 12, 31))
    assert read["2200"] == (date(2200, 1, 1), DATE_MAX)


def test_the_next_quarter_after_the_range_is_refused_with_a_clear_message(edges):
    client = Client()
    assert client.login(username=edges.admin.email, password=PASSWORD)
    response = client.post(reverse("planning-next-quarter"), follow=True)
    assert response.status_code == 200
    assert "1970-01-01..2200-12-31" in response.content.decode()
    assert not Objective.objects.filter(cycle__start__gt=DATE_MAX).exists()
    assert Team.objects.filter(organization=edges.org).count() == 4


def test_a_cycle_stored_before_dates_were_bounded_breaks_no_page(edges):
    """A cycle ending late in 9999 once made /planning/ and the dashboard answer 500."""
    far = Cycle.objects.create(
        organization=edges.org, name="Far", start=date(9999, 10, 1), end=date(9999, 12, 31)
    )
    edges.objective(title="Far objective", cycle=far)
    client = Client()
    assert client.login(username=edges.admin.email, password=PASSWORD)
    pools = _pools(edges)
    for route in walked_patterns():
        if route == "logout/":
            continue
        for url in _urls(route, edges, pools)[:1]:
            _assert_answers(client.get(url, {"cycle": far.pk}), f"GET {url}?cycle={far.pk}")
    assert client.get(reverse("planning")).status_code == 200
    assert client.get(reverse("dashboard"), {"cycle": far.pk}).status_code == 200
    for url in (f"/api/v1/cycles/{far.pk}/tree", f"/api/v1/objectives?cycle_id={far.pk}"):
        assert client.get(url).status_code == 200, url
