"""`okrs serve` migrates and serves over HTTP; data directories never share state."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.postgres import free_port

pytestmark = pytest.mark.server

OKRS = [sys.executable, "-m", "okrs.cli"]


def environment(data_dir: Path, **extra) -> dict:
    """Return the environment of an okrs process using the data directory."""
    env = {**os.environ, "OKRS_DATA_DIR": str(data_dir), "DATABASE_URL": "", **extra}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def wait_for(url: str, seconds: float = 120) -> bytes:
    """Return the body of the URL once the server answers it."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def run(args, env) -> str:
    """Run an okrs command and return what it printed."""
    done = subprocess.run([*OKRS, *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.django_db(transaction=True)
def test_serve_migrates_and_serves_pages_and_static_files(tmp_path):
    env = environment(tmp_path)
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    port = free_port()
    server = subprocess.Popen(
        [*OKRS, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        # An empty data directory has no organisation yet: every page leads to its setup.
        first = wait_for(f"http://127.0.0.1:{port}/").decode()
        assert "Set up okrs" in first and "Your organisation" in first
        css = wait_for(f"http://127.0.0.1:{port}/static/okrs/app.css").decode()
        assert "--brand" in css
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode()
    assert f"Serving okrs at http://127.0.0.1:{port}/" in output
    assert "Worker running the jobs webhook-deliveries, check-in-reminders" in output
    if connection.vendor == "sqlite":
        assert (tmp_path / "okrs.sqlite3").exists()


def test_serve_refuses_a_port_out_of_range(tmp_path):
    done = subprocess.run(
        [*OKRS, "serve", "--port", "70000"],
        env=environment(tmp_path),
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "--port must be between 1 and 65535" in done.stderr
    assert "Traceback" not in done.stderr


def test_two_data_directories_never_share_state(tmp_path):
    first, second = environment(tmp_path / "one"), environment(tmp_path / "two")
    count = (
        "from okrs.organizations.models import Organization; print(Organization.objects.count())"
    )
    create = (
        "from okrs.organizations.actions import create_organization; create_organization('Acme')"
    )
    for env in (first, second):
        run(["migrate", "--verbosity", "0"], env)
    run(["shell", "-c", create], first)
    assert run(["shell", "--no-imports", "-c", count], first).strip() == "1"
    assert run(["shell", "--no-imports", "-c", count], second).strip() == "0"


def test_serve_started_beside_a_file_named_like_the_standard_library_serves(tmp_path):
    """A `concurrent.py` in the folder okrs serve starts from is never imported in its place."""
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "concurrent.py").write_text('raise SystemExit("the folder\'s concurrent.py ran")\n')
    # What the `okrs` console script does: its own directory, not the working one, is imported from.
    script = tmp_path / "bin" / "okrs"
    script.parent.mkdir()
    script.write_text("import sys\nfrom okrs.cli import main\n\nsys.exit(main())\n")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(script), "serve", "--port", str(port), "--workers", "1"],
        cwd=folder,
        env=environment(tmp_path / "data"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        login = wait_for(f"http://127.0.0.1:{port}/login/").decode()
    except OSError:
        login = ""
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0].decode()
    # An empty database: the sign-in page leads to the first-run setup.
    assert "Set up and sign in" in login, output
    assert "concurrent.py ran" not in output
    assert "Traceback" not in output
