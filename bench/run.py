"""Benchmarks of the pages people use most, against the demo organisation (`make bench`)."""

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

RUNS = int(os.environ.get("OKRS_BENCH_RUNS", "30"))
TARGETS_MS = {"organisation tree": 300}


def setup() -> str:
    """Use a fresh SQLite data directory (unless DATABASE_URL is set) and load the demo."""
    if not os.environ.get("DATABASE_URL"):
        os.environ["OKRS_DATA_DIR"] = tempfile.mkdtemp(prefix="okrs-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "okrs.settings")
    os.environ["OKRS_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from okrs.organizations.models import Organization

    if not Organization.objects.filter(slug="demo").exists():
        with open(os.devnull, "w") as quiet:
            call_command("demo", verbosity=0, stdout=quiet)
    return connection.vendor


def measure(client, url: str) -> dict:
    """Return the median and p95 milliseconds and the query count of GET url."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "queries": len(queries),
    }


def main() -> int:
    """Run the benchmarks, print a table and write bench/results/<date>-<db>.json."""
    vendor = setup()
    from django.test import Client

    from okrs.objectives.models import Objective
    from okrs.organizations.models import Team

    client = Client()
    assert client.login(username="admin@example.com", password="okrs-demo")
    objective = Objective.objects.filter(organization__slug="demo", team__level="tactical").first()
    team = Team.objects.filter(organization__slug="demo", level="tactical").first()
    pages = {
        "organisation tree": "/tree/",
        "alignment map": "/map/",
        "dashboard": "/dashboard/",
        "home": "/",
        "team page": f"/teams/{team.slug}/",
        "objective page": f"/objectives/{objective.pk}/",
        "quality": "/quality/",
    }
    results = {name: measure(client, url) for name, url in pages.items()}
    print(f"okrs benchmarks on {vendor}, demo organisation, {RUNS} runs each")
    print(f"{'page':<20} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  target")
    for name, row in results.items():
        target = TARGETS_MS.get(name)
        verdict = (
            ""
            if target is None
            else f"< {target} ms {'met' if row['median_ms'] < target else 'MISSED'}"
        )
        print(
            f"{name:<20} {row['median_ms']:>10} {row['p95_ms']:>8} {row['queries']:>8}  {verdict}"
        )
    out = Path(__file__).parent / "results" / f"{date.today().isoformat()}-{vendor}.json"
    out.write_text(
        json.dumps({"database": vendor, "runs": RUNS, "pages": results}, indent=2) + "\n"
    )
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
