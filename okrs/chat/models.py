"""Chat installations, team channels, digest preferences and the digests sent."""

import secrets

from django.conf import settings
from django.db import models

from okrs.chat.vault import unseal
from okrs.organizations.models import Team, TenantModel


def new_key() -> str:
    """Return a fresh unguessable key for an installation's request URLs."""
    return secrets.token_urlsafe(18)


class ChatInstallation(TenantModel):
    """The Slack (or Mattermost) app an organisation installed: its workspace and its secrets."""

    class Platform(models.TextChoices):
        SLACK = "slack", "Slack"
        MATTERMOST = "mattermost", "Mattermost"

    platform = models.CharField(max_length=12, choices=Platform.choices, default=Platform.SLACK)
    key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    workspace_id = models.CharField(
        "workspace (team) id",
        max_length=40,
        blank=True,
        help_text="Slack's team id (T0123…); requests from another workspace are refused.",
    )
    signing_secret_sealed = models.TextField(blank=True, editable=False)
    bot_token_sealed = models.TextField(blank=True, editable=False)
    api_url = models.CharField(
        "API base URL",
        max_length=300,
        blank=True,
        help_text="Leave empty for Slack (https://slack.com/api); your server's /api for others.",
    )
    installed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    installed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization"], name="one_chat_app_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} app of {self.organization_id}"

    def signing_secret(self) -> str:
        """Return the signing secret, decrypted."""
        return unseal(self.signing_secret_sealed)

    def bot_token(self) -> str:
        """Return the bot token, decrypted."""
        return unseal(self.bot_token_sealed)

    def base_url(self) -> str:
        """Return the base URL of the chat's Web API, without a trailing slash."""
        return (self.api_url or settings.OKRS_SLACK_API_URL).rstrip("/")


class TeamChannel(TenantModel):
    """The chat channel a team talks in: its weekly digest goes there unless switched off."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="chat_channel")
    channel_id = models.CharField(
        "channel id", max_length=40, help_text="e.g. C0123ABCD (Slack: channel details, bottom)."
    )
    weekly_digest = models.BooleanField("post the weekly digest", default=True)

    def __str__(self) -> str:
        return f"{self.channel_id} of team {self.team_id}"


class DigestPreference(TenantModel):
    """Whether a person wants the weekly digest by e-mail; off unless they switch it on."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    weekly_email = models.BooleanField("e-mail me a weekly digest", default=False)

    def __str__(self) -> str:
        return f"Digest of {self.person_id}: {'on' if self.weekly_email else 'off'}"


class DigestLog(TenantModel):
    """A weekly digest that went out, once per person or team and week."""

    week = models.DateField(help_text="The Monday of the week it was sent in.")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "week"], name="one_digest_per_person_week"),
            models.UniqueConstraint(fields=["team", "week"], name="one_digest_per_team_week"),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(team__isnull=False),
                name="digest_has_its_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"Digest to {self.person_id or self.team_id} in week of {self.week}"
