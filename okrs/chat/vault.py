"""Secrets kept at rest encrypted: chat signing secrets and bot tokens."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

PURPOSE = b"okrs.chat.vault"


def _fernet() -> Fernet:
    """Return the cipher keyed from the site's SECRET_KEY, for this purpose only."""
    key = hashlib.sha256(PURPOSE + settings.SECRET_KEY.encode("utf-8")).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret: str) -> str:
    """Return the secret encrypted, as text to store; "" stays ""."""
    return _fernet().encrypt(secret.encode("utf-8")).decode("ascii") if secret else ""


def unseal(sealed: str) -> str:
    """Return the secret a `seal` made; "" when there is none or SECRET_KEY changed since."""
    if not sealed:
        return ""
    try:
        return _fernet().decrypt(sealed.encode("ascii")).decode("utf-8")
    except InvalidToken:
        return ""
