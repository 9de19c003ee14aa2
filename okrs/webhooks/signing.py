"""Signatures of webhook deliveries: Standard Webhooks, and the older X-Okrs-Signature."""

import base64
import binascii
import hashlib
import hmac


def _bytes(value: bytes | str) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def sign(secret: str, timestamp: int | str, body: bytes | str) -> str:
    """Return the X-Okrs-Signature value for a body sent at the unix timestamp."""
    signed = _bytes(str(timestamp)) + b"." + _bytes(body)
    digest = hmac.new(_bytes(secret), signed, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


STANDARD_PREFIX = "whsec_"


def standard_key(secret: str) -> bytes:
    """Return the Standard Webhooks key: the bytes of a `whsec_` secret, else the secret itself."""
    if secret.startswith(STANDARD_PREFIX):
        try:
            return base64.b64decode(secret[len(STANDARD_PREFIX) :], validate=True)
        except binascii.Error:
            pass
    return _bytes(secret)


def standard_secret(secret: str) -> str:
    """Return the secret as Standard Webhooks libraries take it: `whsec_<base64 of the key>`."""
    return STANDARD_PREFIX + base64.b64encode(standard_key(secret)).decode("ascii")


def standard_signature(secret: str, message_id: str, timestamp: int | str, body: bytes) -> str:
    """Return the webhook-signature header: `v1,<base64 HMAC-SHA256 of id.timestamp.body>`."""
    signed = _bytes(f"{message_id}.{timestamp}.") + _bytes(body)
    digest = hmac.new(standard_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")
