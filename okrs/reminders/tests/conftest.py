"""Fixtures of the reminder tests: a fixed moment, e-mail in memory and a real chat receiver."""

import json
import socket
import threading
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from okrs.objectives.actions import record_check_in

# Six weeks into world.quarter (2027-Q1, active); the p-okr window is 14 days.
NOW = timezone.make_aware(datetime(2027, 2, 15, 12, 0))
TODAY = "2027-02-15"


def days_ago(days: float) -> datetime:
    """Return the moment that many days before NOW."""
    return NOW - timedelta(days=days)


def check_in(key_result, days: float, person=None, value=None):
    """Record a check-in on the key result that many days before NOW."""
    value = key_result.start if value is None else value
    return record_check_in(key_result, value, 6, author=person, at=days_ago(days))


def remind(*args) -> tuple[str, str]:
    """Run `okrs remind` as on TODAY and return what it printed on stdout and stderr."""
    out, err = StringIO(), StringIO()
    call_command("remind", "--today", TODAY, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


class ChatReceiver:
    """An HTTP server on 127.0.0.1 that records each POST and answers the queued statuses."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answers: list[int] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/services/T000/B000/XXXX"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                status = receiver.answers.pop(0) if receiver.answers else 200
                answer = b"ok" if status == 200 else b"invalid_payload"
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        return Handler

    def json(self, index: int = -1) -> dict:
        """Return the body of a received request, parsed."""
        return json.loads(self.requests[index]["body"])

    def stop(self):
        """Stop serving and release the port."""
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def chat():
    """Return a running chat receiver; it is stopped after the test."""
    running = ChatReceiver()
    yield running
    running.stop()


@pytest.fixture
def closed_port_url():
    """Return a loopback URL where nothing listens, so connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/hooks/nobody-home"


@pytest.fixture
def mailbox(settings):
    """Keep sent e-mail in django.core.mail.outbox and give links a known base URL."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.BASE_URL = "https://okrs.acme.test"
    settings.DEFAULT_FROM_EMAIL = "okrs@acme.test"


@pytest.fixture
def growth(world):
    """Return Growth's active objective; its two key results have never been checked in."""
    return world.objective()
