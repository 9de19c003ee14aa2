"""The okrs benchmark suite (`make bench`): a generated organisation on SQLite and PostgreSQL.

Options, from the environment:
  OKRS_BENCH_TEAMS   teams to generate, e.g. 200 (default, quick), 2000 (the target run) or 200,2000
  OKRS_BENCH_DB      sqlite, postgresql or both (default both)
  OKRS_BENCH_RUNS    timed runs per read (default 20; the tree gets a third of them)
  OKRS_BENCH_KEEP    a directory that keeps the generated databases for the next run
  OKRS_BENCH_PGPORT  port of the throwaway PostgreSQL server (default 55449)
  OKRS_BENCH_FSYNC   on (default: honest commits) or off
  OKRS_BENCH_ONLY    some of reads,memory,load,exchange (default all)
  OKRS_BENCH_SOURCE  generate (default when `okrs generate` exists) or demo
  OKRS_BENCH_USERS, OKRS_BENCH_LOAD_SECONDS   the check-in load (default 50 users, 30 s)
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("reads", "memory", "load", "exchange")


def options() -> dict:
    """Return the benchmark options read from the environment."""
    sys.path.insert(0, str(ROOT))
    from bench.organisation import can_generate

    databases = os.environ.get("OKRS_BENCH_DB", "both").strip().lower()
    keep = os.environ.get("OKRS_BENCH_KEEP", "").strip()
    found = {
        "teams": [int(n) for n in os.environ.get("OKRS_BENCH_TEAMS", "200").split(",")],
        "databases": ["sqlite", "postgresql"] if databases == "both" else [databases],
        "runs": int(os.environ.get("OKRS_BENCH_RUNS", "20")),
        "keep": Path(keep).resolve() if keep else None,
        "port": int(os.environ.get("OKRS_BENCH_PGPORT", "55449")),
        "fsync": os.environ.get("OKRS_BENCH_FSYNC", "on").lower() not in ("off", "0", "no"),
        "parts": [p for p in os.environ.get("OKRS_BENCH_ONLY", ",".join(PARTS)).split(",") if p],
        "source": os.environ.get("OKRS_BENCH_SOURCE", "generate" if can_generate() else "demo"),
        "workers": int(os.environ.get("OKRS_BENCH_WORKERS", "4")),
    }
    unknown = set(found["databases"]) - {"sqlite", "postgresql"} or set(found["parts"]) - set(PARTS)
    if unknown:
        raise SystemExit(f"Unknown benchmark option values: {', '.join(sorted(unknown))}.")
    if found["source"] == "demo":
        found["teams"] = found["teams"][:1]
    return found


def _stop_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into KeyboardInterrupt so every server is stopped on the way out."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)


def measure(vendor: str, teams: int, settings: dict, today: str) -> dict:
    """Generate (or reuse) the organisation on the vendor's database and run the suite over it."""
    from bench import database as databases
    from bench import organisation

    print(f"== {vendor}, {teams} teams", flush=True)
    with databases.throwaway(
        vendor, settings["keep"], teams, settings["port"], settings["fsync"]
    ) as database:
        made = organisation.prepare(database, teams, settings["source"])
        work = Path(tempfile.mkdtemp(prefix=f"okrs-bench-{vendor}-work-"))
        try:
            plan = {
                "database": {
                    "vendor": vendor,
                    "home": str(database.home),
                    "env": database.env,
                    "port": database.port,
                    "fsync": database.fsync,
                },
                "organisation": vars(made),
                "folder": str(work),
                "out": str(work / "results.json"),
                "runs": settings["runs"],
                "parts": settings["parts"],
                "workers": settings["workers"],
                "profile": str(ROOT / "bench/results/profiles" / f"{today}-{vendor}-{teams}-"),
            }
            (work / "plan.json").write_text(json.dumps(plan))
            load_before = os.getloadavg()
            suite(work / "plan.json", organisation.environment(database))
            found = json.loads((work / "results.json").read_text())
        finally:
            shutil.rmtree(work, ignore_errors=True)
    found["organisation"] = vars(made)
    found["load_average"] = {"before": load_before, "after": os.getloadavg()}
    found["database"] = {"vendor": vendor, "fsync": database.fsync if vendor != "sqlite" else None}
    for row in found.get("reads", {}).values():
        row.pop("sql", None)
    return found


def suite(plan: Path, env: dict[str, str]) -> None:
    """Run bench/suite.py over the plan; on interruption let it stop its servers first."""
    command = [sys.executable, "-m", "bench.suite", str(plan)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env | {"PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL
    )
    try:
        code = process.wait()
    except BaseException:
        process.terminate()
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
        raise
    if code:
        raise subprocess.CalledProcessError(code, command)


def notes(vendor: str, settings: dict) -> str:
    """Return how the database ran, for the summary."""
    if vendor == "postgresql":
        return f"PostgreSQL with fsync {'on' if settings['fsync'] else 'off'}"
    return "SQLite in WAL mode, synchronous=NORMAL"


def save(vendor: str, today: str, sizes: dict[str, dict], settings: dict) -> Path:
    """Merge this run's sizes into bench/results/<date>-<db>.json and return its path."""
    path = ROOT / "bench" / "results" / f"{today}-{vendor}.json"
    stored = json.loads(path.read_text()) if path.exists() else {}
    if stored and "sizes" not in stored:  # an older benchmark's file: keep it as it is
        path = path.with_name(f"{today}-{vendor}-suite.json")
        stored = json.loads(path.read_text()) if path.exists() else {}
    stored.setdefault("sizes", {})
    stored |= {"database": vendor, "date": today, "runs": settings["runs"]}
    for label, size in sizes.items():  # a partial run (OKRS_BENCH_ONLY) keeps the other parts
        stored["sizes"][label] = stored["sizes"].get(label, {}) | size
    path.write_text(json.dumps(stored, indent=2) + "\n")
    return path


def main() -> int:
    """Run the suite for every database and size asked for; print the Markdown summary."""
    settings = options()
    _stop_on_signals()
    from bench import report

    today = date.today().isoformat()
    summaries = []
    try:
        for vendor in settings["databases"]:
            sizes = {}
            for teams in settings["teams"]:
                label = str(teams) if settings["source"] == "generate" else "demo"
                sizes[label] = measure(vendor, teams, settings, today)
                save(vendor, today, {label: sizes[label]}, settings)
            settings["notes"] = notes(vendor, settings)
            summaries.append(report.markdown(vendor, today, sizes, settings))
    except KeyboardInterrupt:
        print("\nbench: interrupted; servers stopped", file=sys.stderr)
        return 130
    except subprocess.CalledProcessError as error:
        print(f"\nbench: {' '.join(map(str, error.cmd[:4]))} failed ({error.returncode})")
        return 1
    print("\n" + "\n".join(summaries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
