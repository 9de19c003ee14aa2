"""Type-check okrs with mypy against mypy-baseline.txt, the known errors, which only shrinks.

Fails on any error the baseline does not list, and on baseline entries that no longer occur
(then `python scripts/typecheck.py --shrink` removes them). okrs/domain has no baseline: it
is clean. An entry is "file: message [code]", without the line, so edits above it keep it.
After an upgrade of mypy or django-stubs rewords the messages, `--rebaseline` records the
errors found now; review that diff as carefully as code.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
HEADER = "# Known mypy errors outside okrs/domain: fix one, then scripts/typecheck.py --shrink.\n"
ERROR = re.compile(r"^(?P<path>[^:\s]+):\d+: error: (?P<message>.*)$")
CLEAN = ("okrs/domain/",)


def run_mypy() -> tuple[subprocess.CompletedProcess, list[tuple[str, str]]]:
    """Return mypy's run and its errors as (entry, the line mypy printed)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    with tempfile.TemporaryDirectory() as data_dir:
        env["OKRS_DATA_DIR"] = data_dir  # reading the settings creates the data folder
        done = subprocess.run(
            [sys.executable, "-m", "mypy"], cwd=ROOT, env=env, capture_output=True, text=True
        )
    errors = []
    for line in done.stdout.splitlines():
        match = ERROR.match(line)
        if match:
            message = re.sub(r"on line \d+", "on line N", match["message"])
            errors.append((f"{match['path']}: {message}", line))
    return done, errors


def read_baseline() -> Counter[str]:
    """Return the baseline's entries, each with how many times it is known to occur."""
    if not BASELINE.exists():
        return Counter()
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    return Counter(line for line in lines if line.strip() and not line.startswith("#"))


def write_baseline(entries: Counter[str]) -> None:
    """Write the entries, sorted, one line per occurrence."""
    BASELINE.write_text(HEADER + "".join(f"{e}\n" for e in sorted(entries.elements())))


def main() -> int:
    """Run mypy and compare its errors with the baseline; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shrink", action="store_true", help="drop entries that no longer occur")
    parser.add_argument(
        "--rebaseline", action="store_true", help="record every error found now (tool upgrades)"
    )
    options = parser.parse_args()
    done, errors = run_mypy()
    if done.returncode not in (0, 1) or (done.returncode == 1 and not errors):
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        print(f"mypy did not run to the end (exit code {done.returncode})", file=sys.stderr)
        return 2
    found = Counter(entry for entry, _ in errors)
    baseline = read_baseline()
    if options.rebaseline:
        write_baseline(Counter({e: n for e, n in found.items() if not e.startswith(CLEAN)}))
    elif options.shrink:
        write_baseline(found & baseline)
    baseline = read_baseline()
    new = found - Counter({e: n for e, n in baseline.items() if not e.startswith(CLEAN)})
    gone = baseline - found
    for entry, line in errors:
        if entry in new:
            print(line)
    if new:
        print(f"mypy: {new.total()} error(s) not in {BASELINE.name}; fix them, add none to it")
    if gone:
        print(f"mypy: {gone.total()} known error(s) are fixed; the baseline can shrink:")
        for entry in sorted(gone.elements()):
            print(f"  {entry}")
        print("run: python scripts/typecheck.py --shrink")
    if new or gone:
        return 1
    print(f"mypy: no new errors ({baseline.total()} known, in {BASELINE.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
