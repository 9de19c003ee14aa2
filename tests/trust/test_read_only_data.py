"""A read-only SQLite data directory: writes refused with a clear 503, reads go on, nothing corrupt.

The server runs with file permissions enforced: as root it runs without the capabilities that let
root ignore them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, dropped with setpriv), as anyone else as
is. The test makes the database files read-only, then the whole data directory, and finally writable
again. SQLite answers a full disk like a read-only one ("database or disk is full"); both get the
same 503 (okrs/unavailable.py).
"""

import os
import stat
import time
from pathlib import Path

import requests

from okrs.unavailable import READ_ONLY
from tests.trust.conftest import api, signed_in

ENFORCED = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    + ["--inh-caps=-dac_override,-dac_read_search"]
    if os.geteuid() == 0
    else []
)


def make_read_only(data_dir: Path, directory: bool) -> None:
    """Make the database and its WAL files read-only, and the directory too when asked."""
    for path in data_dir.glob("okrs.sqlite3*"):
        path.chmod(0o444)
    if directory:
        data_dir.chmod(0o555)


def make_writable(data_dir: Path) -> None:
    """Give the data directory and the database files their write permission back."""
    data_dir.chmod(0o755)
    for path in data_dir.glob("okrs.sqlite3*"):
        path.chmod(stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)


def test_read_only_data_directory_refuses_writes_clearly_and_corrupts_nothing(sqlite_site):
    site = sqlite_site
    world = site.seed(people=1)
    kr, objective = world["key_results"][0], world["objective"]
    admin = world["admin"]

    def api_check_in(value):
        return requests.post(
            f"{base}/api/v1/key-results/{kr}/check-ins",
            json={"value": value, "confidence": 7},
            headers=api(admin),
            timeout=30,
        )

    def page_check_in(value):
        return page.post(
            f"{base}/key-results/{kr}/check-in/",
            data={"value": value, "confidence": 7, "progress_note": "Moving"},
            headers={"X-CSRFToken": page.cookies.get("csrftoken", "")},
            allow_redirects=False,
            timeout=30,
        )

    def reads():
        return [
            page.get(f"{base}/objectives/{objective}/", timeout=30).status_code,
            requests.get(
                f"{base}/api/v1/key-results/{kr}", headers=api(admin), timeout=30
            ).status_code,
        ]

    try:
        # One thread: a request's database connection is closed before the next is served.
        # SQLite shares a file's open descriptor between connections of one process, so a
        # connection opened in another thread before the files turned read-only could still write.
        with site.serve(workers=1, threads=1, prefix=tuple(ENFORCED)) as base:
            page = signed_in(base, admin, world["session_cookie"])
            assert api_check_in(10).status_code == 201
            assert page_check_in(20).status_code == 302
            before = site.query("SELECT id, value, confidence FROM objectives_checkin ORDER BY id")

            for directory in (False, True):
                make_read_only(site.data_dir, directory)
                refused = api_check_in(30)
                assert refused.status_code == 503
                assert refused.json() == {"detail": READ_ONLY, "errors": []}
                refused = page_check_in(40)
                assert refused.status_code == 503
                assert "read-only or the disk is full" in refused.text
                assert "Nothing you already saved was lost." in refused.text
                assert reads() == [200, 200]

            make_writable(site.data_dir)
            # A worker's connections opened read-only may linger for a moment after the fix.
            deadline = time.monotonic() + 30
            while (again := api_check_in(50)).status_code == 503 and time.monotonic() < deadline:
                time.sleep(0.5)
            assert again.status_code == 201
            assert reads() == [200, 200]
    finally:
        make_writable(site.data_dir)
    assert "Traceback" not in site.server_log
    assert site.query("PRAGMA integrity_check") == [("ok",)]
    after = site.query("SELECT id, value, confidence FROM objectives_checkin ORDER BY id")
    assert after[:-1] == before
    assert len(after) == len(before) + 1 and float(after[-1][1]) == 50.0
