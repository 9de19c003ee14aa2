"""Every page copes with an organisation that has no current cycle, or no cycle at all."""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import PASSWORD
from okrs.cycles.models import Cycle
from okrs.objectives.actions import record_check_in
from okrs.objectives.models import Objective
from tests.calendar import at_ten

pytestmark = pytest.mark.walk  # a whole-organisation walk: make test runs it, test-fast not

SKIPPED = ("admin/", "static/", "api/v1/docs", "logout/", "quick/")


def pages() -> list[str]:
    """Return every page of the urlconf without a path parameter, GET-able by a person."""

    def walk(entries, prefix):
        for entry in entries:
            route = prefix + str(entry.pattern)
            if route.startswith(SKIPPED):
                continue
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and "<" not in route:
                yield "/" + route.lstrip("^").rstrip("$")

    return sorted(set(walk(get_resolver().url_patterns, "")))


def api_lists(client) -> list[str]:
    """Return the API's GET routes without a path parameter, from its OpenAPI document."""
    spec = client.get("/api/v1/openapi.json").json()
    return [path for path, ops in spec["paths"].items() if "get" in ops and "{" not in path]


def walk_everything(client, world) -> dict[str, int]:
    """GET every page, the team and objective pages and the API lists; return the statuses."""
    statuses = {}
    for url in pages():
        statuses[url] = client.get(url).status_code
    for url in (f"/teams/{world.growth.slug}/", "/api/v1/cycles", "/api/v1/objectives"):
        statuses[url] = client.get(url).status_code
    for url in api_lists(client):
        statuses[url] = client.get(url, HTTP_AUTHORIZATION=f"Bearer {world.token}").status_code
    return statuses


@pytest.fixture
def signed_in_admin(client, world):
    """Sign Ada in and give her an API token; return the client."""
    from okrs.api.actions import create_token

    world.token = create_token(world.admin, "walker")[1]
    assert client.login(username=world.admin.email, password=PASSWORD)
    return client


def assert_no_error(statuses: dict[str, int]) -> None:
    broken = {url: status for url, status in statuses.items() if status >= 500}
    assert broken == {}
    assert len(statuses) > 30


def test_every_page_copes_when_all_cycles_have_ended(signed_in_admin, world, clock):
    objective = world.objective()
    record_check_in(objective.key_results.first(), 40000, 6)
    clock.move_to(at_ten(date(2029, 12, 7)))

    assert_no_error(walk_everything(signed_in_admin, world))


def test_every_page_copes_with_only_closed_cycles(signed_in_admin, world):
    world.objective()
    Cycle.objects.filter(organization=world.org).update(state=Cycle.State.CLOSED)

    assert_no_error(walk_everything(signed_in_admin, world))


def test_every_page_copes_with_no_cycle_at_all(signed_in_admin, world):
    Objective.objects.all().delete()
    Cycle.objects.filter(organization=world.org).delete()

    statuses = walk_everything(signed_in_admin, world)

    assert_no_error(statuses)
    home = signed_in_admin.get("/")
    assert home.status_code == 200
