"""Reminder settings of an organisation, the reminders sent, and the quick links used."""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models

from okrs.organizations.models import Team, TenantModel

CHAT_URL_VALIDATOR = URLValidator(schemes=["http", "https"], message="Enter an http(s):// URL.")


class ReminderSettings(TenantModel):
    """Whether an organisation's check-in reminders go out, and the chat webhook they go to."""

    enabled = models.BooleanField(
        "send reminders",
        default=True,
        help_text="When off, okrs remind sends this organisation nothing.",
    )
    chat_webhook_url = models.CharField(
        "chat webhook URL",
        max_length=500,
        blank=True,
        validators=[CHAT_URL_VALIDATOR],
        help_text="A Slack- or Teams-compatible incoming webhook; one message per team goes here.",
    )
    check_in_buttons = models.BooleanField(
        default=False,
        editable=False,
        help_text="Set while the chat app is installed: team messages carry check-in buttons.",
    )
    last_run_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name_plural = "reminder settings"
        constraints = [
            models.UniqueConstraint(fields=["organization"], name="one_reminder_settings_per_org"),
        ]

    def __str__(self) -> str:
        return f"Reminders of {self.organization_id}"


class ReminderLog(TenantModel):
    """A reminder that went out: an e-mail to a person or a chat message about a team."""

    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        CHAT = "chat", "Chat"

    channel = models.CharField(max_length=8, choices=Channel.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    key_result_ids = models.JSONField(default=list)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["organization", "-sent_at"], name="reminderlog_org_sent")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(channel="email", person__isnull=False)
                    | models.Q(channel="chat", team__isnull=False)
                ),
                name="reminder_has_its_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} to {self.person_id or self.team_id} at {self.sent_at:%Y-%m-%d}"


class UsedLink(TenantModel):
    """A quick check-in link already used; its nonce never opens the form again."""

    nonce = models.CharField(max_length=40, unique=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="used_links"
    )
    key_result = models.ForeignKey(
        "objectives.KeyResult", on_delete=models.CASCADE, related_name="used_links"
    )
    check_in = models.ForeignKey(
        "objectives.CheckIn", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_at", "-id"]

    def __str__(self) -> str:
        return f"Link {self.nonce} used at {self.used_at:%Y-%m-%d %H:%M}"


def settings_of(organization) -> ReminderSettings:
    """Return the organisation's reminder settings; the defaults when none are stored yet."""
    stored = ReminderSettings.objects.filter(organization=organization).first()
    return stored or ReminderSettings(organization=organization)
