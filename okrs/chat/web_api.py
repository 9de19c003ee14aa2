"""Calls to the chat's Web API (chat.postMessage, views.open, users.info), via the guard."""

import json
import logging

from okrs import outbound
from okrs.chat.models import ChatInstallation

TIMEOUT_SECONDS = 10
MAX_BYTES = 256 * 1024
USER_AGENT = "okrs-chat/1"

logger = logging.getLogger(__name__)


class ChatApiError(Exception):
    """A Web API call that failed; the message says why, for a person."""


def call(installation: ChatInstallation, method: str, payload: dict) -> dict:
    """POST the payload to the Web API method with the bot token; return Slack's answer.

    Raise ChatApiError when there is no answer, the answer is not JSON, or it says `ok: false`.
    """
    token = installation.bot_token()
    if not token:
        raise ChatApiError("no bot token is configured for the chat app")
    url = f"{installation.base_url()}/{method}"
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Authorization": f"Bearer {token}",
        "User-Agent": USER_AGENT,
    }
    try:
        answer = outbound.send(
            "POST",
            url,
            body=json.dumps(payload).encode("utf-8"),
            headers=headers,
            timeout=TIMEOUT_SECONDS,
            max_bytes=MAX_BYTES,
        )
    except outbound.OutboundError as error:
        raise ChatApiError(f"{method}: {error}") from None
    if not 200 <= answer.status < 300:
        raise ChatApiError(f"{method}: HTTP {answer.status} {answer.reason}")
    try:
        found = json.loads(answer.body)
    except ValueError:
        raise ChatApiError(f"{method}: the answer is not JSON") from None
    if not isinstance(found, dict) or not found.get("ok"):
        said = found.get("error", "unknown error") if isinstance(found, dict) else "bad answer"
        raise ChatApiError(f"{method}: {said}")
    return found


def email_of(installation: ChatInstallation, user_id: str) -> str:
    """Return the e-mail address of a chat user (users.info; scope users:read.email), or ""."""
    if installation.platform == ChatInstallation.Platform.MATTERMOST:
        return _mattermost_email_of(installation, user_id)
    found = call(installation, "users.info", {"user": user_id})
    profile = (found.get("user") or {}).get("profile") or {}
    return str(profile.get("email") or "").strip().lower()


def open_view(installation: ChatInstallation, trigger_id: str, view: dict) -> None:
    """Open a modal view (views.open) in answer to a click that gave the trigger id."""
    call(installation, "views.open", {"trigger_id": trigger_id, "view": view})


def post_message(installation: ChatInstallation, channel: str, text: str, blocks: list) -> None:
    """Post a message with its blocks to a channel (chat.postMessage)."""
    call(installation, "chat.postMessage", {"channel": channel, "text": text, "blocks": blocks})


def _mattermost_email_of(installation: ChatInstallation, user_id: str) -> str:
    """Return a Mattermost user's e-mail address (GET /users/{id} of its API v4), or ""."""
    token = installation.bot_token()
    if not token:
        raise ChatApiError("no bot token is configured for the chat app")
    if not user_id.isalnum():
        raise ChatApiError("the user id is not one Mattermost gives")
    url = f"{installation.base_url()}/users/{user_id}"
    headers = {"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT}
    try:
        answer = outbound.send(
            "GET", url, headers=headers, timeout=TIMEOUT_SECONDS, max_bytes=MAX_BYTES
        )
    except outbound.OutboundError as error:
        raise ChatApiError(f"users: {error}") from None
    if not 200 <= answer.status < 300:
        raise ChatApiError(f"users: HTTP {answer.status} {answer.reason}")
    try:
        found = json.loads(answer.body)
    except ValueError:
        raise ChatApiError("users: the answer is not JSON") from None
    return str(found.get("email") or "").strip().lower() if isinstance(found, dict) else ""
