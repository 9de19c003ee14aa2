"""Signatures of webhook deliveries: HMAC-SHA256 over "<timestamp>.<body>" (no Django needed)."""

import hashlib
import hmac

from okrs import clock


def _bytes(value: bytes | str) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def sign(secret: str, timestamp: int | str, body: bytes | str) -> str:
    """Return the X-Okrs-Signature value for a body sent at the unix timestamp."""
    signed = _bytes(str(timestamp)) + b"." + _bytes(body)
    digest = hmac.new(_bytes(secret), signed, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(
    secret: str,
    timestamp: int | str,
    body: bytes | str,
    header: str,
    tolerance: int = 300,
    now: float | None = None,
) -> bool:
    """Return whether the signature header matches and the timestamp is within tolerance seconds."""
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((clock.timestamp() if now is None else now) - sent_at) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, sent_at, body), (header or "").strip())
