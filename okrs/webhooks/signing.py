"""Signatures of webhook deliveries: HMAC-SHA256 over "<timestamp>.<body>" (no Django needed)."""

import hashlib
import hmac


def _bytes(value: bytes | str) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def sign(secret: str, timestamp: int | str, body: bytes | str) -> str:
    """Return the X-Okrs-Signature value for a body sent at the unix timestamp."""
    signed = _bytes(str(timestamp)) + b"." + _bytes(body)
    digest = hmac.new(_bytes(secret), signed, hashlib.sha256).hexdigest()
    return f"sha256={digest}"
