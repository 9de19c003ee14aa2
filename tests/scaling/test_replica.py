"""An optional read replica serves the tree and the dashboard; every write goes to the primary."""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from okrs.demo.content import DEMO_PASSWORD
from okrs.routers import REPLICA, ReplicaRouter, replica_reads
from tests.postgres import Cluster, free_port, pg_bin

OKRS = [sys.executable, "-m", "okrs.cli"]
PRIMARY = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_router_sends_marked_reads_to_the_replica_and_writes_to_the_primary(settings):
    settings.DATABASES = {"default": PRIMARY, REPLICA: PRIMARY}
    router = ReplicaRouter()
    assert router.db_for_read(None) == "default"
    with replica_reads():
        assert router.db_for_read(None) == REPLICA
        assert router.db_for_write(None) == "default"
    assert router.db_for_read(None) == "default"
    assert router.allow_migrate("default", "objectives") is True
    assert router.allow_migrate(REPLICA, "objectives") is False


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_without_a_replica_marked_reads_stay_on_the_primary(settings):
    settings.DATABASES = {"default": PRIMARY}
    with replica_reads():
        assert ReplicaRouter().db_for_read(None) == "default"


class Browser:
    """A signed-in web session and an API token against a served okrs."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str, token: str = "") -> tuple[int, str]:
        """GET a path and return the status and body."""
        request = urllib.request.Request(self.base + path)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()

    def sign_in(self, email: str, password: str) -> None:
        """Sign in through the login form."""
        _, page = self.get("/login/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": csrf, "username": email, "password": password}
        ).encode()
        request = urllib.request.Request(
            self.base + "/login/", data=form, headers={"Referer": self.base + "/login/"}
        )
        with self.opener.open(request, timeout=30) as response:
            assert "/login/" not in response.url, "sign-in failed"

    def post_json(self, path: str, body: dict, token: str) -> tuple[int, dict]:
        """POST JSON to the API and return the status and body."""
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=30) as response:
            return response.status, json.loads(response.read())


def wait_until(check, seconds: float = 60):
    """Return check()'s first truthy result, polling until the deadline."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            found = check()
            if found:
                return found
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("gave up waiting")
        time.sleep(0.3)


@pytest.fixture
def cluster():
    """Yield a place for throwaway PostgreSQL servers, removed afterwards."""
    if pg_bin() is None:
        pytest.fail("PostgreSQL is not installed: make test installs it (scripts/test.sh)")
    made = Cluster()
    yield made
    made.remove()


@pytest.mark.server
def test_a_streaming_replica_serves_the_tree_and_dashboard(cluster, tmp_path):
    primary = cluster.primary()
    replica = cluster.replica(primary, "-c log_statement=all")
    env = {
        "PATH": "/usr/bin:/bin",
        "OKRS_DATA_DIR": str(tmp_path),
        "OKRS_STATIC_ROOT": os.environ["OKRS_STATIC_ROOT"],
        "DATABASE_URL": primary.url,
        "OKRS_REPLICA_DATABASE_URL": replica.url,
    }
    port = free_port()
    server = subprocess.Popen(
        [*OKRS, "serve", "--demo", "--port", str(port), "--workers", "2", "--no-webhooks"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        web = Browser(f"http://127.0.0.1:{port}")
        wait_until(lambda: web.get("/login/")[0] == 200, 300)
        created = subprocess.run(
            [*OKRS, "token", "create", "--user", "admin@example.com", "--name", "replica test"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        token = re.search(r"okrs_\S+", created.stdout).group(0)
        web.sign_in("admin@example.com", DEMO_PASSWORD)
        cycles = json.loads(web.get("/api/v1/cycles?state=active", token)[1])["items"]
        quarter = next(c for c in cycles if c["kind"] == "quarter")

        before = len(replica.logged())
        status, body = web.get(f"/api/v1/cycles/{quarter['id']}/tree", token)
        assert status == 200 and json.loads(body)["objectives"] > 0
        for page in ("/tree/", "/dashboard/", "/map/"):
            assert web.get(page)[0] == 200
        read_on_replica = replica.logged()[before:]
        assert "objectives_objective" in read_on_replica
        assert "objectives_keyresult" in read_on_replica

        tree = json.loads(web.get(f"/api/v1/cycles/{quarter['id']}/tree", token)[1])
        key_result = tree["roots"][0]["key_results"][0]
        status, _ = web.post_json(
            f"/api/v1/key-results/{key_result['id']}/check-ins",
            {"value": key_result["current"] or 0, "confidence": 7},
            token,
        )
        assert status == 201
        count = f"SELECT count(*) FROM objectives_checkin WHERE key_result_id = {key_result['id']}"
        written = cluster.psql(primary, "okrs", count)
        wait_until(lambda: cluster.psql(replica, "okrs", count) == written)
        assert "INSERT INTO" not in replica.logged()[before:]
    finally:
        server.terminate()
        print(server.communicate(timeout=30)[0].decode(errors="replace")[-3000:])
