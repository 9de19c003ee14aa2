"""A real HTTP receiver on 127.0.0.1 for tests of what okrs sends out (webhooks, chat reminders)."""

import hmac
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook

from okrs import clock
from okrs.webhooks.signing import sign


def verify(
    secret: str,
    timestamp: int | str,
    body: bytes | str,
    header: str | None,
    tolerance: int = 300,
    now: float | None = None,
) -> bool:
    """Return whether a receiver accepts the signature: it matches, sent within tolerance seconds.

    What docs/webhooks.md asks of a receiver; okrs itself only signs.
    """
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((clock.timestamp() if now is None else now) - sent_at) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, sent_at, body), (header or "").strip())


def verify_standard(standard_secret: str, request: dict) -> dict:
    """Return the payload of a received request once the Standard Webhooks library accepts it.

    Raises standardwebhooks' WebhookVerificationError as a receiver would refuse it.
    """
    return Webhook(standard_secret).verify(request["body"], request["headers"])


class Receiver:
    """Records each POST or GET and answers the queued statuses, then `ok_status`.

    A 3xx answer sends the client to `location`.
    """

    def __init__(
        self, path: str, ok_status: int = 204, ok_body: bytes = b"", error_body: bytes = b""
    ):
        self.requests: list[dict] = []
        self.answers: list[int] = []
        self.delay = 0.0
        self.location = "/elsewhere"
        self.ok_status, self.ok_body, self.error_body = ok_status, ok_body, error_body
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}{path}"
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
                status = receiver.answers.pop(0) if receiver.answers else receiver.ok_status
                answer = receiver.ok_body if status < 300 else receiver.error_body
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", receiver.location)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_GET = do_POST

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


def closed_port_url(path: str) -> str:
    """Return a loopback URL where nothing listens, so connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


class Flood:
    """A receiver whose answer never ends: a body without end, or one that drips byte by byte."""

    CHUNK = b"x" * 65536

    def __init__(self, mode: str = "endless", drip_every: float = 0.05):
        assert mode in {"endless", "drip-body", "drip-headers"}
        self.mode, self.drip_every = mode, drip_every
        self.requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/flood"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def _handler(self):
        flood = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                flood.requests += 1
                try:
                    if flood.mode == "drip-headers":
                        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                        while True:
                            self.wfile.write(b"X-Slow: 1\r\n")
                            time.sleep(flood.drip_every)
                    self.send_response(200)
                    self.send_header("Connection", "close")
                    self.end_headers()
                    while True:
                        if flood.mode == "endless":
                            self.wfile.write(Flood.CHUNK)
                        else:
                            self.wfile.write(b"x")
                            time.sleep(flood.drip_every)
                except OSError:  # the client hung up, as it should
                    return

            do_GET = do_POST = answer

            def log_message(self, *args):
                pass

        return Handler

    def stop(self):
        """Stop serving and release the port."""
        self.server.shutdown()
        self.server.server_close()
