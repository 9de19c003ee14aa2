"""What the administration keeps beside the core models: provisioning by SCIM."""

import hashlib

from django.db import models

from okrs import clock
from okrs.organizations.models import Person, Team, TenantModel

SCIM_TOKEN_PREFIX = "okrs_scim_"


def scim_digest(raw: str) -> str:
    """Return the SHA-256 of a raw SCIM token: only this is stored."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ScimToken(TenantModel):
    """A revocable bearer token with which an identity provider keeps one organisation's people."""

    name = models.CharField(max_length=100, help_text="What uses the token, e.g. Okta.")
    hint = models.CharField(
        max_length=20, help_text="The token's first characters, to tell tokens apart."
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "SCIM token"

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    def is_active(self) -> bool:
        """Return whether the token still opens the SCIM endpoint."""
        return self.revoked_at is None


class ProvisionedPerson(TenantModel):
    """What an identity provider says of a person that okrs keeps no field for."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="provisioning")
    external_id = models.CharField(max_length=254, blank=True, db_index=True)
    given_name = models.CharField(max_length=200, blank=True)
    family_name = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.person} ({self.external_id or 'no external id'})"


class ProvisionedTeam(TenantModel):
    """A team as an identity provider's group: its external id, or released from SCIM."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="provisioning")
    external_id = models.CharField(max_length=254, blank=True, db_index=True)
    released_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the identity provider deleted the group and okrs kept the team.",
    )

    def __str__(self) -> str:
        return f"{self.team} ({self.external_id or 'no external id'})"
