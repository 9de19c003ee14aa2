"""An import killed with SIGKILL at any moment leaves all of the document or none of it."""

import json
import signal
import sqlite3
import subprocess
import time

from tests.trust.conftest import OKRS, on_postgresql

OBJECTIVES, KEY_RESULTS, CHECK_INS = 150, 4, 2
SLUG = "bulk-water"


def bulk_document() -> dict:
    """Return a large OKRs-as-code document: 150 objectives, 600 key results, 1,200 check-ins."""
    teams = [{"id": "bulk", "name": "Bulk Water", "level": "company"}] + [
        {"id": f"team-{t}", "name": f"Team {t}", "level": "tactical", "parent": "bulk"}
        for t in range(20)
    ]
    people = [
        {"id": f"p{n}", "name": f"Person {n}", "email": f"p{n}@bulk.test", "teams": [f"team-{n}"]}
        for n in range(20)
    ]
    objectives = [
        {
            "id": f"O{o}",
            "title": f"Make water number {o} a topic every household talks about",
            "team": f"team-{o % 20}",
            "cycle": "2027-Q1",
            "key_results": [
                {
                    "title": f"Grow signatures for water {o} from 0 to {1000 + k}",
                    "start": 0,
                    "target": 1000 + k,
                    "check_ins": [
                        {
                            "date": f"2027-01-{10 + c * 7:02d}",
                            "value": 100 * (c + 1),
                            "confidence": 5 + c,
                            "note": f"Week {c + 1} of water {o}",
                            "author": f"p{o % 20}",
                        }
                        for c in range(CHECK_INS)
                    ],
                }
                for k in range(KEY_RESULTS)
            ],
        }
        for o in range(OBJECTIVES)
    ]
    return {
        "version": 1,
        "organization": "Bulk Water",
        "slug": SLUG,
        "cycles": [
            {"id": "2027-Q1", "start": "2027-01-01", "end": "2027-03-31", "state": "active"}
        ],
        "teams": teams,
        "people": people,
        "objectives": objectives,
    }


def counts(site) -> tuple[int, int, int, int]:
    """Return how many organisations, objectives, key results and check-ins the document left.

    One statement, so one snapshot: counted one by one, a commit landing in between would show
    half of it.
    """
    org = f"(SELECT id FROM organizations_organization WHERE slug = '{SLUG}')"
    columns = ", ".join(
        f"(SELECT COUNT(*) FROM {table} WHERE {column})"
        for table, column in (
            ("organizations_organization", f"slug = '{SLUG}'"),
            ("objectives_objective", f"organization_id IN {org}"),
            ("objectives_keyresult", f"organization_id IN {org}"),
            ("objectives_checkin", f"organization_id IN {org}"),
        )
    )
    return tuple(site.query(f"SELECT {columns}")[0])


def settled(site) -> None:
    """Wait until the killed import's server process has finished what it was doing.

    A client killed just after sending COMMIT leaves PostgreSQL to finish the commit on its own.
    """
    if not site.database_url:
        return
    name = site.database_url.rsplit("/", 1)[1]
    deadline = time.monotonic() + 30
    while site.count(
        "SELECT COUNT(*) FROM pg_stat_activity "
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    ):
        assert time.monotonic() < deadline, "the killed import's server process never ended"
        time.sleep(0.05)


def writing_began(site, process: subprocess.Popen) -> bool:
    """Tell whether the import has started writing its transaction."""
    if site.database_url:
        name = site.database_url.rsplit("/", 1)[1]
        return bool(
            site.count(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = "
                f"'{name}' AND backend_xid IS NOT NULL"
            )
        )
    # The import's IMMEDIATE transaction holds SQLite's write lock from its first statement on.
    probe = sqlite3.connect(site.sqlite_path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        assert "locked" in str(error), error
        return True
    finally:
        probe.close()


def kill_mid_import(site, document, delay: float) -> bool:
    """Start `okrs import`, SIGKILL it `delay` seconds after it began writing; tell if it died."""
    process = subprocess.Popen(
        [*OKRS, "import", str(document)],
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not writing_began(site, process) and process.poll() is None:
        assert time.monotonic() < deadline, "the import never began writing"
        time.sleep(0.02)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    return process.wait(timeout=30) == -signal.SIGKILL


def test_an_import_killed_midway_leaves_all_of_it_or_none(site, tmp_path):
    document = tmp_path / "bulk.json"
    document.write_text(json.dumps(bulk_document()))
    full = (1, OBJECTIVES, OBJECTIVES * KEY_RESULTS, OBJECTIVES * KEY_RESULTS * CHECK_INS)

    killed = 0
    for delay in (0.0, 0.4, 1.5):
        killed += kill_mid_import(site, document, delay)
        settled(site)
        assert counts(site) in {(0, 0, 0, 0), full}
    assert killed, "no import was killed while it wrote"

    site.okrs("import", str(document), timeout=300)
    assert counts(site) == full
    if not on_postgresql():
        assert site.query("PRAGMA integrity_check") == [("ok",)]
