"""A stand-in for slack.com on 127.0.0.1, and requests signed exactly as Slack signs them."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

from okrs import clock

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"
WORKSPACE = "T0ACME"


class FakeSlack:
    """Answers the Web API methods okrs calls, as Slack does, and records each request.

    `users` maps a Slack user id to the e-mail address users.info gives for it.
    """

    def __init__(self):
        self.users: dict[str, str] = {}
        self.requests: list[dict] = []
        self.failing: dict[str, str] = {}  # method -> Slack's error code
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/api"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def calls(self, method: str) -> list[dict]:
        """Return the JSON bodies of the calls to one method, in order."""
        return [r["json"] for r in self.requests if r["method"] == method]

    def answer(self, method: str, body: dict) -> dict:
        """Return what Slack answers the method."""
        if method in self.failing:
            return {"ok": False, "error": self.failing[method]}
        if method == "users.info":
            email = self.users.get(body.get("user", ""))
            if email is None:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": {"id": body["user"], "profile": {"email": email}}}
        if method == "views.open":
            return {"ok": True, "view": {"id": "V0001"}}
        if method == "chat.postMessage":
            return {"ok": True, "channel": body.get("channel"), "ts": "1700000000.000100"}
        return {"ok": False, "error": "unknown_method"}

    def _handler(self):
        slack = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                method = self.path.rsplit("/", 1)[-1]
                body = json.loads(raw or b"{}")
                slack.requests.append(
                    {"method": method, "headers": dict(self.headers), "json": body}
                )
                answer = json.dumps(slack.answer(method, body)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def do_GET(self):
                # Mattermost's GET /api/v4/users/{id}, for the Mattermost tests
                user_id = self.path.rsplit("/", 1)[-1]
                slack.requests.append(
                    {"method": "GET users", "headers": dict(self.headers), "json": {}}
                )
                email = slack.users.get(user_id)
                found = {"id": user_id, "email": email} if email is not None else {}
                answer = json.dumps(found).encode()
                self.send_response(200 if email is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        return Handler

    def stop(self):
        """Stop serving and release the port."""
        self.server.shutdown()
        self.server.server_close()


def signed_headers(body: bytes, secret: str = SIGNING_SECRET, at: int | None = None) -> dict:
    """Return the headers Slack sends with a body: its timestamp and v0 signature."""
    timestamp = str(int(clock.timestamp()) if at is None else at)
    base = b"v0:" + timestamp.encode() + b":" + body
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"HTTP_X_SLACK_REQUEST_TIMESTAMP": timestamp, "HTTP_X_SLACK_SIGNATURE": signature}


def slash_command(user_id: str, team_id: str = WORKSPACE, text: str = "") -> bytes:
    """Return the form-encoded body of a /okrs slash command, as Slack posts it."""
    return urlencode(
        {
            "token": "gIkuvaNzQIHg97ATvDxqgjtO",
            "team_id": team_id,
            "team_domain": "acme",
            "channel_id": "C2147483705",
            "channel_name": "growth",
            "user_id": user_id,
            "user_name": "alice",
            "command": "/okrs",
            "text": text,
            "api_app_id": "A123456",
            "response_url": "https://hooks.slack.com/commands/1234/5678",
            "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        }
    ).encode()


def interaction(payload: dict) -> bytes:
    """Return the form-encoded body of an interaction, as Slack posts it: payload=<JSON>."""
    return urlencode({"payload": json.dumps(payload)}).encode()


def button_click(user_id: str, key_result_id, team_id: str = WORKSPACE) -> dict:
    """Return the block_actions payload of a click on a check-in button."""
    return {
        "type": "block_actions",
        "team": {"id": team_id, "domain": "acme"},
        "user": {"id": user_id, "username": "alice", "team_id": team_id},
        "api_app_id": "A123456",
        "trigger_id": "12466734323.1395872398",
        "actions": [
            {
                "type": "button",
                "action_id": "okrs_check_in",
                "block_id": "x1",
                "value": str(key_result_id),
                "action_ts": "1548426417.840180",
            }
        ],
    }


def submission(user_id: str, view: dict, answers: dict, team_id: str = WORKSPACE) -> dict:
    """Return the view_submission payload of the dialog `view`, answered with `answers`.

    `answers` maps a block to what Slack puts in its state: {"value": "12"} for a number or
    text, {"selected_option": {"value": "7"}} for a select, {"selected_options": [...]}.
    """
    values = {block: {block: {"type": "x", **answer}} for block, answer in answers.items()}
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": "acme"},
        "user": {"id": user_id, "username": "alice", "team_id": team_id},
        "view": {
            "id": "V0001",
            "type": "modal",
            "callback_id": view["callback_id"],
            "private_metadata": view["private_metadata"],
            "state": {"values": values},
        },
    }
