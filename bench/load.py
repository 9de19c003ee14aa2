"""Check-in throughput under concurrent load: locust against gunicorn, then what was kept.

Requests still in flight when locust stops are not counted by locust but may be committed: the
check is that no successful request lost its check-in (added >= successful), and the difference is
reported as `in_flight_at_stop`.
"""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from bench.organisation import Organisation
from bench.reads import Scene
from bench.server import ROOT, Server, _die_with_parent

USERS = int(os.environ.get("OKRS_BENCH_USERS", "50"))
SECONDS = int(os.environ.get("OKRS_BENCH_LOAD_SECONDS", "30"))
KEY_RESULTS = 2000


def plan(organisation: Organisation, found: Scene, folder: Path) -> tuple[Path, list[int]]:
    """Write the locust plan (a token per user, key results of the current cycle); return it."""
    from okrs.api.actions import create_token
    from okrs.objectives.models import KeyResult
    from okrs.organizations.models import Person

    admin = Person.objects.get(email=organisation.email)
    tokens = [create_token(admin, f"benchmark load {n}")[1] for n in range(USERS)]
    key_results = list(
        KeyResult.objects.filter(
            organization_id=found.organization_id,
            objective__cycle_id=found.cycle_id,
            objective__status="active",
            linked_objective__isnull=True,
        )
        .order_by("id")
        .values_list("id", flat=True)[:KEY_RESULTS]
    )
    path = folder / "load-plan.json"
    path.write_text(json.dumps({"tokens": tokens, "key_results": key_results}))
    return path, key_results


def _aggregated(stats: Path) -> dict:
    with stats.open() as rows:
        for row in csv.DictReader(rows):
            if row["Name"] == "Aggregated":
                return row
    raise SystemExit(f"locust wrote no aggregated row in {stats}")


def _consistent(key_results: list[int]) -> int:
    """Return how many key results do not show their latest check-in's value."""
    from okrs.objectives.models import CheckIn, KeyResult

    wrong = 0
    for kr in KeyResult.objects.filter(pk__in=key_results).only("current", "checked_in_at"):
        latest = CheckIn.objects.filter(key_result_id=kr.pk).order_by("-checked_in_at", "-id")
        latest = latest.values_list("value", flat=True).first()
        wrong += latest is not None and latest != kr.current
    return wrong


def run(server: Server, organisation: Organisation, found: Scene, folder: Path) -> dict:
    """Post check-ins with USERS concurrent users for SECONDS; return throughput and the checks."""
    from okrs.objectives.models import CheckIn

    path, key_results = plan(organisation, found, folder)
    before = CheckIn.objects.count()
    prefix = folder / "locust"
    command = [
        str(Path(sys.executable).with_name("locust")), "-f", str(ROOT / "bench/locustfile.py"),
        "--headless", "-u", str(USERS), "-r", str(USERS), "-t", f"{SECONDS}s",
        "--host", server.base, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        "--stop-timeout", "10",
    ]  # fmt: skip
    print(f"   locust: {USERS} users for {SECONDS} s on {len(key_results)} key results", flush=True)
    with (folder / "locust.log").open("w") as log:
        subprocess.run(
            command, env=os.environ | {"OKRS_BENCH_PLAN": str(path)}, stdout=log,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent,
        )  # fmt: skip
    row = _aggregated(Path(f"{prefix}_stats.csv"))
    requests, failures = int(row["Request Count"]), int(row["Failure Count"])
    added = CheckIn.objects.count() - before
    return {
        "users": USERS,
        "seconds": SECONDS,
        "key_results": len(key_results),
        "requests": requests,
        "errors": failures,
        "requests_per_s": round(float(row["Requests/s"]), 1),
        "median_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "check_ins_added": added,
        "lost_writes": max(0, requests - failures - added),
        "in_flight_at_stop": max(0, added - (requests - failures)),
        "key_results_not_at_latest": _consistent(key_results),
    }
