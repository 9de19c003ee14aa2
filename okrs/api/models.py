"""Personal API tokens: each acts as its person, inside that person's organisation."""

import hashlib

from django.conf import settings
from django.db import models

from okrs.organizations.models import TenantModel

PREFIX = "okrs_"


def digest(raw: str) -> str:
    """Return the SHA-256 of a raw token: only this is stored."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(TenantModel):
    """A revocable personal token for the API, stored hashed."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    hint = models.CharField(
        max_length=16, help_text="The token's first characters, to tell tokens apart."
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    def is_active(self) -> bool:
        """Return whether the token still opens the API."""
        return self.revoked_at is None
