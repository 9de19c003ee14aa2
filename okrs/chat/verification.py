"""Requests from the chat: verified by the installation's signing secret before anything is read."""

import hmac

from slack_sdk.signature import Clock, SignatureVerifier

from okrs import clock
from okrs.chat.models import ChatInstallation

TOLERANCE_SECONDS = 5 * 60


class _OkrsClock(Clock):
    """Slack's verifier reads the time through okrs's one clock."""

    def now(self) -> float:
        """Return the current Unix time."""
        return clock.timestamp()


def request_problem(installation: ChatInstallation, body: bytes, headers) -> str:
    """Return why a request is not the chat's own (v0 signature, 5-minute window), or "".

    Mattermost signs nothing: its slash command sends its token as `Authorization: Token …`.
    """
    secret = installation.signing_secret()
    if not secret:
        return "the chat app has no signing secret configured"
    if installation.platform == ChatInstallation.Platform.MATTERMOST:
        return _token_problem(secret, headers.get("Authorization", ""))
    timestamp = headers.get("X-Slack-Request-Timestamp")
    signature = headers.get("X-Slack-Signature")
    if not timestamp or not signature:
        return "the request is not signed"
    try:
        sent_at = int(timestamp)
    except ValueError:
        return "the request timestamp is not a number"
    if abs(clock.timestamp() - sent_at) > TOLERANCE_SECONDS:
        return "the request timestamp is more than 5 minutes away"
    verifier = SignatureVerifier(secret, clock=_OkrsClock())
    if not verifier.is_valid(body=body, timestamp=timestamp, signature=signature):
        return "the request signature does not match"
    return ""


def _token_problem(secret: str, authorization: str) -> str:
    """Return why a Mattermost request's token is not the command's, or ""."""
    scheme, _, token = authorization.partition(" ")
    if scheme != "Token" or not token:
        return "the request carries no command token"
    if not hmac.compare_digest(token.strip().encode(), secret.encode()):
        return "the command token does not match"
    return ""
