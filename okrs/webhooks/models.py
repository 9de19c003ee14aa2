"""Webhook endpoints of an organisation and the deliveries queued for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator, URLValidator
from django.db import models

from okrs import clock
from okrs.organizations.models import TenantModel

EVENTS = {
    "checkin.created": "A check-in was recorded on a key result.",
    "objective.created": "An objective was created.",
    "objective.updated": "An objective's fields changed.",
    "objective.status_changed": "An objective moved to another status.",
    "objective.status_overridden": "An objective's status was set by hand, with a reason.",
    "objective.override_cleared": "A status set by hand was removed, or a check-in cleared it.",
    "key_result.updated": "A key result's fields changed.",
    "initiative.created": "An initiative was added to a key result's action plan.",
    "initiative.updated": "An initiative's fields changed (its status, say).",
    "initiative.deleted": "An initiative was removed from its action plan.",
    "cycle.closed": "A cycle was closed.",
}
SCHEMES = ["http", "https"]


class WebhookURLField(models.URLField):
    """A URL field that takes only http:// and https:// URLs."""

    default_validators = [
        URLValidator(schemes=SCHEMES, message="Enter an http:// or https:// URL.")
    ]

    def formfield(self, **kwargs):
        """Return the form field, reading a URL typed without a scheme as https."""
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def validate_events(value) -> None:
    """Refuse anything but a non-empty list of known event names."""
    if not isinstance(value, list):
        raise ValidationError("Give the events as a list of names.")
    if not value:
        raise ValidationError("Choose at least one event.")
    unknown = [name for name in value if name not in EVENTS]
    if unknown:
        raise ValidationError(f"Unknown events: {', '.join(map(str, unknown))}.")


class Endpoint(TenantModel):
    """A URL that receives signed deliveries of the events it subscribes to."""

    url = WebhookURLField("payload URL", max_length=500)
    secret = models.CharField(
        max_length=200,
        validators=[MinLengthValidator(16)],
        help_text="Signs every delivery; receivers check it with the same secret.",
    )
    events = models.JSONField(default=list, validators=[validate_events])
    active = models.BooleanField(default=True)
    description = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.url

    def subscribes_to(self, event: str) -> bool:
        """Return whether the endpoint wants deliveries of the event."""
        return self.active and event in self.events


class Delivery(TenantModel):
    """One event queued for one endpoint, with the outcome of its attempts."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, default=clock.now)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=clock.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["endpoint", "-created_at"], name="delivery_endpoint_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint_id} ({self.status})"

    def is_retrying(self) -> bool:
        """Return whether the delivery failed at least once and will be tried again."""
        return self.status == self.Status.PENDING and self.attempts > 0
