"""Fixtures of the source tests: a real HTTP server answering like GitHub, Jira and Prometheus."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from okrs.sources.actions import set_source

GITHUB = {"total_count": 42, "incomplete_results": False, "items": [{"number": 7}]}
JIRA = {"startAt": 0, "maxResults": 0, "total": 17, "issues": []}
PROMETHEUS = {
    "status": "success",
    "data": {
        "resultType": "vector",
        "result": [{"metric": {"job": "api"}, "value": [1796544000.0, "99.95"]}],
    },
}
CSV = b"week,signups,churn\n2027-W05,120,3\n2027-W06,135,4\n"


class Answers:
    """A server on 127.0.0.1 that answers each path with its queued (status, body, headers)."""

    def __init__(self):
        self.routes: dict[str, tuple[int, bytes, dict]] = {
            "/search/issues": (200, json.dumps(GITHUB).encode(), {}),
            "/rest/api/2/search": (200, json.dumps(JIRA).encode(), {}),
            "/api/v1/query": (200, json.dumps(PROMETHEUS).encode(), {}),
            "/sheet.csv": (200, CSV, {"Content-Type": "text/csv"}),
        }
        self.requests: list[dict] = []
        answers = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                answers.requests.append({"path": self.path, "headers": dict(self.headers)})
                status, body, headers = answers.routes.get(
                    self.path.split("?")[0], (404, b"not found", {})
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def stop(self):
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def answers():
    """Return the running answering server; stopped after the test."""
    running = Answers()
    yield running
    running.stop()


@pytest.fixture
def growth(world):
    """Return Growth's active objective with two key results, led by Alice."""
    return world.objective()


@pytest.fixture
def signatures(growth):
    """Return Growth's petition key result (20,000 to 100,000)."""
    return growth.key_results.order_by("pk").first()


def http_source(key_result, url, **fields):
    """Give the key result an HTTP source reading the URL; return the source."""
    fields = {"name": "GitHub open bugs", "kind": "http", "url": url, "path": "$.total_count"} | (
        fields
    )
    return set_source(key_result, **fields).source


@pytest.fixture
def mailbox(settings):
    """Run an SMTP receiver on 127.0.0.1 and point Django's SMTP backend at it."""
    from tests.mailbox import Mailbox

    box = Mailbox()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", box.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.BASE_URL = "http://testserver"
    yield box
    box.stop()
