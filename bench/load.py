"""Check-in throughput under concurrent load: locust against gunicorn, then what was kept.

Requests still in flight when locust stops are not counted by locust but may be committed: the
check is that no successful request lost its check-in (added >= successful), and the difference is
reported as `in_flight_at_stop`.
"""

import json
import os
import resource
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


def _final(path: Path) -> dict:
    """Return requests, failures, requests/s, median and p95 from locust's final JSON stats.

    The final JSON, not the CSV, which is written every few seconds and can miss the last ones.
    """
    entries = json.loads(path.read_text())
    if not entries:
        raise SystemExit(f"locust recorded no request in {path}")
    times: dict[float, int] = {}
    for entry in entries:
        for ms, count in entry["response_times"].items():
            times[float(ms)] = times.get(float(ms), 0) + count
    requests = sum(e["num_requests"] for e in entries)
    start = min(e["start_time"] for e in entries)
    end = max(e["last_request_timestamp"] for e in entries)

    def percentile(share: float) -> float:
        seen, wanted = 0, share * sum(times.values())
        for ms in sorted(times):
            seen += times[ms]
            if seen >= wanted:
                return ms
        return 0.0

    return {
        "requests": requests,
        "errors": sum(e["num_failures"] for e in entries),
        "requests_per_s": round(requests / max(end - start, 1e-9), 1),
        "median_ms": percentile(0.5),
        "p95_ms": percentile(0.95),
    }


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """Return each live process's user and system CPU seconds, from /proc."""
    tick, found = os.sysconf("SC_CLK_TCK"), {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / tick
    return found


def _postgres(home: Path | None) -> list[int]:
    """Return the PostgreSQL server's processes: the postmaster and its children."""
    if home is None or not (home / "data/postmaster.pid").exists():
        return []
    postmaster = int((home / "data/postmaster.pid").read_text().split()[0])
    children = Path(f"/proc/{postmaster}/task/{postmaster}/children")
    return [postmaster, *(int(p) for p in children.read_text().split())]


def _spent(before: dict[int, float], after: dict[int, float]) -> float:
    """Return the CPU seconds spent between two readings (a process started since counts whole)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def _consistent(key_results: list[int]) -> int:
    """Return how many key results do not show their latest check-in's value."""
    from okrs.objectives.models import CheckIn, KeyResult

    wrong = 0
    for kr in KeyResult.objects.filter(pk__in=key_results).only("current", "checked_in_at"):
        latest = CheckIn.objects.filter(key_result_id=kr.pk).order_by("-checked_in_at", "-id")
        latest = latest.values_list("value", flat=True).first()
        wrong += latest is not None and latest != kr.current
    return wrong


def single(organisation: Organisation, key_results: list[int], runs: int, prefix: str) -> dict:
    """Return one check-in POST's time, CPU, queries and profile, in process, one after another."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    from bench.reads import timings
    from okrs.api.actions import create_token
    from okrs.organizations.models import Person

    _, token = create_token(Person.objects.get(email=organisation.email), "benchmark check-in")
    client, turn = Client(), iter(range(10**9))

    def post():
        n = next(turn)
        response = client.post(
            f"/api/v1/key-results/{key_results[n % len(key_results)]}/check-ins",
            {"value": n % 100, "confidence": n % 11, "progress_note": "Benchmark check-in"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        if response.status_code != 201:
            raise SystemExit(f"check-in answered {response.status_code}: {response.content[:300]}")

    row = timings(post, runs)
    with CaptureQueriesContext(connection) as queries:
        post()
    row["queries"] = len(queries)
    row["sql"] = [q["sql"][:200] for q in queries.captured_queries]
    profiler = Profiler(interval=0.001)
    with profiler:
        for _ in range(10):
            post()
    path = Path(f"{prefix}check-in.txt")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(profiler.output_text())
    row["profile"] = str(path)
    return row


def run(
    server: Server,
    organisation: Organisation,
    found: Scene,
    folder: Path,
    profile: str,
    postgres: Path | None = None,
) -> dict:
    """Post check-ins with USERS concurrent users for SECONDS; return throughput and the checks.

    Also where the CPU went, per successful check-in: the web workers, the PostgreSQL server
    (given its home) and the load tool, which share this machine's cores.
    """
    from okrs.objectives.models import CheckIn

    path, key_results = plan(organisation, found, folder)
    before = CheckIn.objects.count()
    prefix = folder / "locust"
    command = [
        str(Path(sys.executable).with_name("locust")), "-f", str(ROOT / "bench/locustfile.py"),
        "--headless", "-u", str(USERS), "-r", str(USERS), "-t", f"{SECONDS}s",
        "--host", server.base, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        "--stop-timeout", "10", "--json-file", str(folder / "locust-final"),
    ]  # fmt: skip
    print(f"   locust: {USERS} users for {SECONDS} s on {len(key_results)} key results", flush=True)
    web, database = _cpu_seconds(server.workers()), _cpu_seconds(_postgres(postgres))
    tool = resource.getrusage(resource.RUSAGE_CHILDREN)
    with (folder / "locust.log").open("w") as log:
        subprocess.run(
            command, env=os.environ | {"OKRS_BENCH_PLAN": str(path)}, stdout=log,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent,
        )  # fmt: skip
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = {
        "web_workers": _spent(web, _cpu_seconds(server.workers())),
        "database": _spent(database, _cpu_seconds(_postgres(postgres))),
        "load_tool": used.ru_utime + used.ru_stime - tool.ru_utime - tool.ru_stime,
    }
    final = _final(folder / "locust-final.json")
    requests, failures = final["requests"], final["errors"]
    added = CheckIn.objects.count() - before
    succeeded = max(requests - failures, 1)
    return {
        "users": USERS,
        "seconds": SECONDS,
        "key_results": len(key_results),
        **final,
        "check_ins_added": added,
        "lost_writes": max(0, requests - failures - added),
        "in_flight_at_stop": max(0, added - (requests - failures)),
        "key_results_not_at_latest": _consistent(key_results),
        "cpu_ms_per_check_in": {k: round(v * 1000 / succeeded, 2) for k, v in spent.items()},
        "one_at_a_time": single(organisation, key_results, 20, profile),
    }
