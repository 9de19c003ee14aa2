"""Helpers of the trust tests: real okrs processes, each test on a database of its own.

pytest-django's test database stays untouched: on SQLite a test gets a file in its tmp_path (the
test database lives in memory, out of a subprocess's sight); on PostgreSQL it gets a database of
its own on the test server, copied from a migrated template and dropped afterwards.
"""

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings

OKRS = [sys.executable, "-m", "okrs.cli"]
GUNICORN = [sys.executable, "-m", "gunicorn", "okrs.wsgi:application"]
SEED = Path(__file__).with_name("seed.py")


def free_port() -> int:
    """Return a TCP port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def on_postgresql() -> bool:
    """Tell whether this test run uses PostgreSQL (the second pass of make test)."""
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def server_url(database: str = "postgres") -> str:
    """Return the URL of a database on the test run's PostgreSQL server."""
    s = settings.DATABASES["default"]
    return f"postgresql://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT']}/{database}"


def environment(data_dir: Path, database_url: str = "", **extra) -> dict:
    """Return the environment of an okrs process using the data directory and database."""
    env = {**os.environ, "OKRS_DATA_DIR": str(data_dir), "DATABASE_URL": database_url, **extra}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    """Return once the server answers the URL; fail early if the server died."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class Site:
    """One okrs installation: a data directory and a database only this test uses."""

    def __init__(self, data_dir: Path, database_url: str = ""):
        self.data_dir = data_dir
        self.database_url = database_url
        self.env = environment(data_dir, database_url)

    @property
    def sqlite_path(self) -> Path:
        """Return the SQLite database file of the data directory."""
        return self.data_dir / "okrs.sqlite3"

    def okrs(self, *args: str, timeout: float = 120) -> str:
        """Run an okrs command and return what it printed."""
        done = subprocess.run(
            [*OKRS, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def seed(self, people: int = 3, key_results: int = 1) -> dict:
        """Create Acme Water with people, tokens and sessions (see seed.py); return its ids."""
        done = subprocess.run(
            [sys.executable, str(SEED), str(people), str(key_results)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def query(self, sql: str) -> list[tuple]:
        """Return the rows of a query run straight against the site's database."""
        if self.database_url:
            with psycopg.connect(self.database_url, autocommit=True) as conn:
                return conn.execute(sql).fetchall()
        conn = sqlite3.connect(self.sqlite_path, timeout=20)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def count(self, sql: str) -> int:
        """Return the single number a query answers."""
        return self.query(sql)[0][0]

    @contextmanager
    def serve(
        self, workers: int = 2, threads: int = 4, prefix: tuple = (), env: dict | None = None
    ):
        """Serve the site with gunicorn and yield its base URL; stop it after.

        This is the server `okrs serve --no-webhooks` execs, without its migrate (the site is
        migrated) and collectstatic (whitenoise serves from the finders), which cost half a
        minute of CPU per start; tests/test_serve.py covers `okrs serve` itself.
        """
        port = free_port()
        log_path = self.data_dir.parent / f"serve-{port}.log"
        with open(log_path, "wb") as log:
            server = subprocess.Popen(
                [*prefix, *GUNICORN, "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
                + ["--threads", str(threads), "--access-logfile", "-", "--graceful-timeout", "10"],
                env=env or self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{base}/login/", server)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            self.server_log = log_path.read_text(errors="replace")


def signed_in(base: str, account: dict, cookie: str) -> requests.Session:
    """Return an HTTP session signed in as the account (CSRF cookie fetched)."""
    session = requests.Session()
    session.cookies.set(cookie, account["session"], domain="127.0.0.1")
    session.get(f"{base}/", timeout=30)
    return session


def api(account: dict) -> dict:
    """Return the headers that authenticate an API call as the account."""
    return {"Authorization": f"Bearer {account['token']}"}


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    """Return a migrated, empty database to copy: a SQLite file, or a PostgreSQL database name."""
    data_dir = tmp_path_factory.mktemp("trust-template")
    if not on_postgresql():
        Site(data_dir).okrs("migrate", "--verbosity", "0")
        yield Site(data_dir).sqlite_path
        return
    name = f"okrs_trust_template_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        Site(data_dir, server_url(name)).okrs("migrate", "--verbosity", "0")
        yield name
    finally:
        with psycopg.connect(server_url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def site(tmp_path, migrated_template):
    """Return a migrated, empty okrs installation of the test's own (SQLite or PostgreSQL)."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    if not on_postgresql():
        shutil.copyfile(migrated_template, data_dir / "okrs.sqlite3")
        yield Site(data_dir)
        return
    name = f"okrs_trust_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{migrated_template}"')
    try:
        yield Site(data_dir, server_url(name))
    finally:
        with psycopg.connect(server_url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
