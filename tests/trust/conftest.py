"""Helpers of the trust tests: real okrs processes, each test on a database of its own.

pytest-django's test database stays untouched: on SQLite a test gets a file in its tmp_path (the
test database lives in memory, out of a subprocess's sight); on PostgreSQL it gets a database of
its own on the test server, copied from a migrated template and dropped afterwards.
"""

import json
import os
import shutil
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

from tests.postgres import Cluster, free_port, pg_bin

OKRS = [sys.executable, "-m", "okrs.cli"]
GUNICORN = [sys.executable, "-m", "gunicorn", "okrs.wsgi:application"]
SEED = Path(__file__).with_name("seed.py")


def pytest_collection_modifyitems(items):
    """Mark every trust test as one that starts server processes of its own."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.server)


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
        self.server = server
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
    # A fresh connection per request: gunicorn closes idle keep-alive connections after 2 s, and a
    # request sent on one just as it closes fails with "Remote end closed connection".
    session.headers["Connection"] = "close"
    session.cookies.set(cookie, account["session"], domain="127.0.0.1")
    session.get(f"{base}/", timeout=30)
    return session


def api(account: dict) -> dict:
    """Return the headers that authenticate an API call as the account."""
    return {"Authorization": f"Bearer {account['token']}"}


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """Return a migrated, empty SQLite database file to copy."""
    site = Site(tmp_path_factory.mktemp("trust-sqlite-template"))
    site.okrs("migrate", "--verbosity", "0")
    return site.sqlite_path


@pytest.fixture(scope="session")
def postgresql_template(tmp_path_factory):
    """Return the name of a migrated, empty database on the test run's PostgreSQL server."""
    name = f"okrs_trust_template_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        data_dir = tmp_path_factory.mktemp("trust-postgresql-template")
        Site(data_dir, server_url(name)).okrs("migrate", "--verbosity", "0")
        yield name
    finally:
        with psycopg.connect(server_url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_site(tmp_path, sqlite_template):
    """Return a migrated, empty okrs installation on embedded SQLite, whatever the test run's."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(sqlite_template, data_dir / "okrs.sqlite3")
    return Site(data_dir)


@pytest.fixture
def site(request, tmp_path):
    """Return a migrated, empty okrs installation on the test run's database, of its own."""
    if not on_postgresql():
        return request.getfixturevalue("sqlite_site")
    template = request.getfixturevalue("postgresql_template")
    name = f"okrs_trust_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def drop():
        with psycopg.connect(server_url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    request.addfinalizer(drop)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    return Site(data_dir, server_url(name))


@pytest.fixture
def postgres_server():
    """Return a started throwaway PostgreSQL server of the test's own, with an okrs database."""
    if pg_bin() is None:
        pytest.skip("PostgreSQL binaries are absent (make test installs them as root)")
    cluster = Cluster()
    try:
        yield cluster.primary()
    finally:
        cluster.remove()
