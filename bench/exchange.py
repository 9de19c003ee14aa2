"""Export and import of the whole organisation, and `okrs lint` over the exported document."""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.database import Database, create_database
from bench.organisation import Organisation, environment, okrs

IMPORT_DATABASE = "okrs_import"
TIMEOUT = int(os.environ.get("OKRS_BENCH_EXCHANGE_TIMEOUT", "1800"))


def _timed(database: Database, *args: str, ok: tuple[int, ...] = (0,)) -> tuple[float, str]:
    env = environment(database)
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [*okrs_command(), *args], env=env, capture_output=True, text=True,
            stdin=subprocess.DEVNULL, timeout=TIMEOUT,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, f"stopped after {TIMEOUT} s"
    seconds = time.perf_counter() - start
    if done.returncode not in ok:
        return seconds, (done.stderr or done.stdout).strip()[-500:] or f"exit {done.returncode}"
    return seconds, ""


def okrs_command() -> list[str]:
    """Return the command that runs okrs with this Python."""
    import sys

    return [sys.executable, "-m", "okrs.cli"]


def _fresh(database: Database) -> tuple[Database, Path | None]:
    """Return an empty, migrated database beside the benchmark one."""
    if database.vendor == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="okrs-bench-import-"))
        fresh = Database("sqlite", folder, {"DATABASE_URL": "", "OKRS_DATA_DIR": str(folder)})
    else:
        create_database(database, IMPORT_DATABASE, fresh=True)
        folder = None
        fresh = Database("postgresql", database.home, port=database.port)
        fresh.env = database.env | {"DATABASE_URL": database.url(IMPORT_DATABASE)}
    okrs(fresh, "migrate", "--verbosity", "0")
    return fresh, folder


def _row(seconds: float, key_results: int, error: str) -> dict:
    row = {"seconds": round(seconds, 2), "key_results_per_s": round(key_results / seconds)}
    if error:
        row["error"] = error
    return row


def run(database: Database, organisation: Organisation, key_results: int, folder: Path) -> dict:
    """Time export, import into a fresh database and lint; return seconds and key results/s."""
    document = folder / "export.yaml"
    print("   okrs export", flush=True)
    seconds, error = _timed(database, "export", str(document), "--organization", organisation.slug)
    results = {"key_results": key_results, "export": _row(seconds, key_results, error)}
    if error:
        return results
    results["document_mb"] = round(document.stat().st_size / 2**20, 1)
    print("   okrs import into a fresh database", flush=True)
    fresh, scratch = _fresh(database)
    try:
        seconds, error = _timed(fresh, "import", str(document))
        results["import"] = _row(seconds, key_results, error)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    print("   okrs lint", flush=True)
    seconds, error = _timed(database, "lint", str(document), "--format", "json", ok=(0, 1))
    results["lint"] = _row(seconds, key_results, error)
    return results
