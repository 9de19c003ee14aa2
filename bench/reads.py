"""The reads people wait for: the alignment tree, a team, an objective and the dashboard."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.organisation import Organisation


@dataclass
class Scene:
    """What the reads look at: the organisation, its current cycle, a team and an objective."""

    organization_id: int
    cycle_id: int
    scope: list[int]
    team_id: int
    team_slug: str
    objective_id: int
    token: str
    objectives: int = 0
    key_results: int = 0
    teams: int = 0
    people: int = 0
    check_ins: int = 0
    all_objectives: int = 0
    all_key_results: int = 0


def timings(call: Callable[[], object], runs: int) -> dict:
    """Return the median and p95 wall milliseconds of the call over runs, after one warm-up.

    The median CPU time of this process is kept too: on a busy machine it shows what the read
    costs okrs itself (SQLite included, a PostgreSQL server's work not).
    """
    call()
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 1),
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "runs": runs,
    }


def scene(organisation: Organisation) -> Scene:
    """Return the organisation's current cycle, a tactical team and one of its objectives."""
    from django.db.models import Count

    from okrs import clock
    from okrs.api.actions import create_token
    from okrs.cycles.models import Cycle, pick_current
    from okrs.objectives.models import CheckIn, KeyResult, Objective
    from okrs.objectives.tree import cycle_scope
    from okrs.organizations.models import Organization, Person, Team

    organization = Organization.objects.get(slug=organisation.slug)
    cycles = list(Cycle.objects.of(organization))
    cycle = pick_current(cycles, clock.today())
    objectives = Objective.objects.of(organization).filter(cycle=cycle, team__level="tactical")
    objective = (
        objectives.filter(status="active")
        .annotate(krs=Count("key_results"))
        .filter(krs__gte=2, parent_links__isnull=False)
        .order_by("team_id", "id")
        .select_related("team")
        .first()
    ) or objectives.select_related("team").order_by("id").first()
    admin = Person.objects.get(email=organisation.email)
    _, token = create_token(admin, "benchmark reads")
    scope = cycle_scope(cycle, cycles)
    in_tree = Objective.objects.of(organization).filter(cycle_id__in=scope)
    return Scene(
        organization_id=organization.pk,
        cycle_id=cycle.pk,
        scope=scope,
        team_id=objective.team_id,
        team_slug=objective.team.slug,
        objective_id=objective.pk,
        token=token,
        objectives=in_tree.exclude(status="abandoned").count(),
        key_results=KeyResult.objects.filter(objective__in=in_tree).count(),
        teams=Team.objects.of(organization).count(),
        people=Person.objects.filter(organization=organization).count(),
        check_ins=CheckIn.objects.of(organization).count(),
        all_objectives=Objective.objects.of(organization).count(),
        all_key_results=KeyResult.objects.of(organization).count(),
    )


def signed_in(organisation: Organisation) -> Client:
    """Return a test client signed in as the organisation's admin."""
    from okrs.organizations.models import Person

    client = Client()
    client.force_login(Person.objects.get(email=organisation.email))
    return client


def pages(found: Scene) -> dict[str, dict]:
    """Return each read's URL and headers."""
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {found.token}"}
    return {
        "tree (API)": {"url": f"/api/v1/cycles/{found.cycle_id}/tree", "headers": bearer},
        "tree (HTML)": {"url": f"/tree/?cycle={found.cycle_id}", "headers": {}},
        "team page": {"url": f"/teams/{found.team_slug}/?cycle={found.cycle_id}", "headers": {}},
        "objective page": {"url": f"/objectives/{found.objective_id}/", "headers": {}},
        "dashboard": {"url": f"/dashboard/?cycle={found.cycle_id}", "headers": {}},
    }


def read(client: Client, url: str, headers: dict):
    """GET url and read its whole body, a streamed one until its last byte; return the response."""
    response = client.get(url, **headers)
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    else:
        response.body = response.content
    return response


def measure(client: Client, url: str, headers: dict, runs: int) -> dict:
    """Return the timings, query count and response size of GET url."""

    def get():
        response = read(client, url, headers)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
        return response

    row = timings(get, runs)
    with CaptureQueriesContext(connection) as queries:
        response = get()
    row["queries"] = len(queries)
    row["bytes"] = len(response.body)
    row["url"] = url
    row["sql"] = [q["sql"] for q in queries.captured_queries]
    slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
    row["sql_ms"] = round(sum(float(q["time"]) for q in queries.captured_queries) * 1000, 1)
    row["slowest_queries"] = [
        {"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:500]} for q in slowest
    ]
    return row


def run(organisation: Organisation, found: Scene, runs: int) -> dict[str, dict]:
    """Time every read and return its row."""
    client = signed_in(organisation)
    results = {}
    for name, page in pages(found).items():
        print(f"   {name}: {page['url']}", flush=True)
        # the tree is the big one: fewer runs keep a 2,000-team run in minutes
        count = max(5, runs // 3) if name.startswith("tree") else runs
        results[name] = measure(client, page["url"], page["headers"], count)
    return results
