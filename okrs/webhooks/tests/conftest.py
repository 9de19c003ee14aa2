"""Fixtures of the webhook tests: a real HTTP receiver on loopback and subscribed endpoints."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from okrs.webhooks.actions import create_endpoint
from okrs.webhooks.models import EVENTS

SECRET = "receiver-shared-secret-0123456789"


class Receiver:
    """An HTTP server on 127.0.0.1 that records each request and answers the queued statuses."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answers: list[int] = []
        self.delay = 0.0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/okrs-hook"
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
                time.sleep(receiver.delay)
                status = receiver.answers.pop(0) if receiver.answers else 204
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

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
def receiver():
    """Return a running receiver; it is stopped after the test."""
    running = Receiver()
    yield running
    running.stop()


@pytest.fixture
def closed_port_url():
    """Return a loopback URL where nothing listens, so connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/nobody-home"


@pytest.fixture
def endpoint(world):
    """Return an Acme endpoint subscribed to every event, on a URL nothing is sent to."""
    return create_endpoint(world.org, "https://hooks.example.com/okrs", list(EVENTS), secret=SECRET)
