"""The state of each scheduled job: when it is next due and how its last run went."""

from django.db import models


class ScheduledJob(models.Model):
    """One job of the schedule, shared by every worker: the slot claimed last and the outcome."""

    class Outcome(models.TextChoices):
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"

    name = models.CharField(max_length=60, unique=True)
    next_run_at = models.DateTimeField(help_text="No worker starts the job again before this.")
    last_enqueued_at = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    last_summary = models.CharField(max_length=500, blank=True)
    last_error = models.TextField(blank=True)
    runs = models.PositiveIntegerField(default=0, help_text="Runs started since the first.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
