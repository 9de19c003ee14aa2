"""The organisation the benchmarks read: generated once per database, reused when kept."""

import json
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.database import Database

ROOT = Path(__file__).resolve().parent.parent
MARKER = "organisation.json"


@dataclass
class Organisation:
    """Which organisation a benchmark database holds and how to sign in to it."""

    source: str
    teams: int
    slug: str
    email: str
    password: str
    seconds: float = 0.0


GENERATED = Organisation("generate", 0, "scale", "admin@scale.test", "scale-admin-password")
DEMO = Organisation("demo", 0, "demo", "admin@example.com", "okrs-demo")


def can_generate() -> bool:
    """Return whether this okrs has `okrs generate` (else the benchmarks fall back to the demo)."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        listed = subprocess.run(
            [sys.executable, "-m", "okrs.cli", "generate", "--help"],
            env=os.environ | {"DATABASE_URL": "", "OKRS_DATA_DIR": scratch},
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    return listed.returncode == 0 and "--teams" in listed.stdout


def okrs(database: Database, *args: str, **options) -> subprocess.CompletedProcess:
    """Run an `okrs` command against the benchmark database."""
    return subprocess.run(
        [sys.executable, "-m", "okrs.cli", *args],
        env=environment(database),
        cwd=ROOT,
        check=True,
        stdin=subprocess.DEVNULL,
        **options,
    )


def environment(database: Database) -> dict[str, str]:
    """Return the process environment that points okrs at the benchmark database."""
    import os

    return os.environ | database.env | {"OKRS_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}


def prepare(database: Database, teams: int, source: str) -> Organisation:
    """Return the benchmark organisation, generating it unless the database already holds it."""
    marker = database.home / MARKER
    wanted = GENERATED if source == "generate" else DEMO
    if marker.exists():
        found = Organisation(**json.loads(marker.read_text()))
        if found.source == wanted.source and found.teams in (teams, 0):
            print(f"   reusing the {found.source} organisation in {database.home}", flush=True)
            okrs(database, "migrate", "--verbosity", "0")  # kept by an older okrs, perhaps
            return found
        raise SystemExit(
            f"{database.home} holds a {found.source} organisation of {found.teams} teams, "
            f"not {source} {teams}: use another OKRS_BENCH_KEEP directory."
        )
    okrs(database, "migrate", "--verbosity", "0")
    start = time.perf_counter()
    if source == "generate":
        print(f"   okrs generate --teams {teams} --cycles 8 --seed 1", flush=True)
        okrs(database, "generate", "--teams", str(teams), "--cycles", "8", "--seed", "1")
        made = Organisation(**(asdict(GENERATED) | {"teams": teams}))
    else:
        print("   okrs demo (okrs generate is not there yet)", flush=True)
        okrs(database, "demo", stdout=subprocess.DEVNULL)
        made = Organisation(**asdict(DEMO))
    made.seconds = round(time.perf_counter() - start, 1)
    marker.write_text(json.dumps(asdict(made), indent=2) + "\n")
    return made
