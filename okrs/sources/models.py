"""A key result's source of readings, and the pushes it has taken."""

from datetime import datetime

from django.db import models

from okrs import clock
from okrs.domain.readings import next_slot
from okrs.objectives.models import KeyResult
from okrs.organizations.models import TenantModel

FAILURES_BEFORE_TELLING = 3


class Kind(models.TextChoices):
    """Where a source's readings come from."""

    PUSH = "push", "Push (a script or CI job posts each reading)"
    HTTP = "http", "HTTP (okrs fetches a URL on a schedule)"
    SQL = "sql", "SQL (okrs runs a read-only query on a schedule)"


class Schedule(models.TextChoices):
    """How often a pulled source is read."""

    HOURLY = "hourly", "Hourly"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class Format(models.TextChoices):
    """How an HTTP source's answer is read."""

    JSON = "json", "JSON, by a JSONPath expression"
    CSV = "csv", "CSV, by column and row"


class Source(TenantModel):
    """Where a key result's readings come from; each reading is recorded as a check-in."""

    key_result = models.OneToOneField(KeyResult, on_delete=models.CASCADE, related_name="source")
    name = models.CharField(
        max_length=80, help_text='Shown in the history: "from GitHub issues search".'
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    schedule = models.CharField(max_length=10, choices=Schedule.choices, default=Schedule.DAILY)
    url = models.URLField("URL", max_length=2000, blank=True)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.JSON)
    path = models.CharField("JSONPath", max_length=500, blank=True)
    column = models.CharField(max_length=100, blank=True)
    row = models.IntegerField(default=1)
    auth_header_name = models.CharField(max_length=100, blank=True)
    auth_header_sealed = models.TextField(blank=True, editable=False)
    database = models.CharField(max_length=100, blank=True)
    query = models.TextField(blank=True)
    # The push URL's last part: unguessable, so that a URL names one source and nothing more.
    push_token = models.CharField(max_length=32, blank=True, editable=False, db_index=True)
    push_secret_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(default=clock.now)
    next_pull_at = models.DateTimeField(null=True, blank=True)
    last_value = models.FloatField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    failures_in_row = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["kind", "next_pull_at"], name="source_due")]

    def __str__(self) -> str:
        return self.name

    def is_pulled(self) -> bool:
        """Return whether okrs reads this source itself (HTTP or SQL), rather than being sent to."""
        return self.kind in (Kind.HTTP, Kind.SQL)

    def has_auth_header(self) -> bool:
        """Return whether an authentication header is stored (encrypted) for the source."""
        return bool(self.auth_header_sealed)

    def is_failing(self) -> bool:
        """Return whether the latest attempt failed."""
        return self.failures_in_row > 0

    def owner_told(self) -> bool:
        """Return whether the failures in a row have reached the count that tells the owner."""
        return self.failures_in_row >= FAILURES_BEFORE_TELLING

    def next_slot(self, after: datetime) -> datetime:
        """Return when the source is next due after the moment, on its schedule."""
        return next_slot(self.schedule, after)


class Push(TenantModel):
    """A reading pushed to a source, kept to answer a repeated Idempotency-Key and to rate-limit."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="pushes")
    idempotency_key = models.CharField(max_length=200, blank=True)
    check_in_id = models.BigIntegerField(null=True)
    value = models.FloatField()
    received_at = models.DateTimeField(default=clock.now)

    class Meta:
        indexes = [models.Index(fields=["source", "received_at"], name="push_source_time")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="push_idempotency_key_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.value}"
