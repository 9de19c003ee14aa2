"""Source secrets: push secrets kept only as hashes, auth headers encrypted at rest."""

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PUSH_SECRET_PREFIX = "okrs_src_"


def new_push_secret() -> str:
    """Return a new random push secret, to be shown once."""
    return PUSH_SECRET_PREFIX + secrets.token_urlsafe(32)


def new_push_token() -> str:
    """Return a new random last part of a push URL."""
    return secrets.token_urlsafe(16)


def push_secret_hash(secret: str) -> str:
    """Return the stored hash of a push secret (random and long: a plain SHA-256 is enough)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def push_secret_matches(secret: str, stored_hash: str) -> bool:
    """Return whether the secret is the one whose hash is stored, in constant time."""
    return bool(stored_hash) and hmac.compare_digest(push_secret_hash(secret), stored_hash)


def _fernet() -> Fernet:
    """Return the cipher for headers: OKRS_SOURCE_KEY if set, else derived from SECRET_KEY."""
    material = (settings.SOURCE_KEY or settings.SECRET_KEY).encode()
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"okrs source auth headers"
    ).derive(material)
    return Fernet(base64.urlsafe_b64encode(key))


def seal(value: str) -> str:
    """Return the value encrypted for storing."""
    return _fernet().encrypt(value.encode()).decode() if value else ""


def unseal(sealed: str) -> str:
    """Return the stored value decrypted; ValueError when the key has changed since."""
    if not sealed:
        return ""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        raise ValueError(
            "the stored authentication header cannot be decrypted (OKRS_SOURCE_KEY or "
            "OKRS_SECRET_KEY changed since it was saved): enter it again"
        ) from None
