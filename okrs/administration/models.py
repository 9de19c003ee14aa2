"""What the administration keeps beside the core: invitations, org charts in progress, SCIM."""

import hashlib
from datetime import datetime

from django.db import models

from okrs import clock
from okrs.organizations.models import Person, Role, Team, TenantModel


class PeopleImport(TenantModel):
    """An org chart file an admin uploaded and previewed, kept until applied (a day at most)."""

    uploaded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=clock.now)
    file_name = models.CharField(max_length=200)
    content = models.BinaryField()
    deactivate_missing = models.BooleanField(
        default=False, help_text="Deactivate the active people the file does not list."
    )

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.file_name


class Invitation(TenantModel):
    """An e-mail invitation to join the organisation: one link, used once, valid for 7 days."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        EXPIRED = "expired", "Expired"
        ACCEPTED = "accepted", "Accepted"
        CANCELLED = "cancelled", "Cancelled"

    email = models.EmailField("e-mail address")
    name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    teams = models.ManyToManyField(Team, blank=True, related_name="+")
    token_hash = models.CharField(
        max_length=64,
        unique=True,
        help_text="SHA-256 of the link's token; the token is never kept.",
    )
    replaced_token_hash = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="The previous link's hash, so a resent invitation's old link says what happened.",
    )
    invited_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)
    sent_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who accepted it; set from the start for a person an import created.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=models.Q(accepted_at=None, cancelled_at=None),
                name="one_open_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.email}"

    def state(self, now: datetime | None = None) -> str:
        """Return whether the invitation is pending, expired, accepted or cancelled."""
        if self.accepted_at is not None:
            return self.State.ACCEPTED
        if self.cancelled_at is not None:
            return self.State.CANCELLED
        if self.expires_at <= (now or clock.now()):
            return self.State.EXPIRED
        return self.State.PENDING

    def is_open(self) -> bool:
        """Return whether the invitation may still be accepted."""
        return self.state() == self.State.PENDING

    def role_label(self) -> str:
        """Return the invited role as people read it."""
        return Role(self.role).label


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
