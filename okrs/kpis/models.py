"""KPIs: health metrics of the running operation, kept apart from OKRs."""

from django.db import models

from okrs import clock
from okrs.organizations.models import Team, TenantModel


class KPI(TenantModel):
    """A health metric a team watches continuously, with its healthy range."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=40, blank=True)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="kpis")
    lower_bound = models.FloatField(null=True, blank=True)
    upper_bound = models.FloatField(null=True, blank=True)
    latest_value = models.FloatField(null=True, blank=True, editable=False)
    latest_measured_at = models.DateTimeField(null=True, blank=True, editable=False)
    archived_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the team stopped watching it: its readings stay, it takes no new ones.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "KPI"
        verbose_name_plural = "KPIs"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lower_bound__isnull=False) | models.Q(upper_bound__isnull=False),
                name="kpi_has_a_bound",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_healthy(self, value: float | None = None) -> bool | None:
        """Return whether the value (the latest by default) lies in the healthy range."""
        value = self.latest_value if value is None else value
        if value is None:
            return None
        if self.lower_bound is not None and value < self.lower_bound:
            return False
        return not (self.upper_bound is not None and value > self.upper_bound)


class Measurement(TenantModel):
    """One reading of a KPI."""

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="measurements")
    value = models.FloatField()
    measured_at = models.DateTimeField()
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-measured_at"]
        indexes = [models.Index(fields=["kpi", "-measured_at"], name="measurement_kpi_time")]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value} at {self.measured_at:%Y-%m-%d}"


class KPIResponse(TenantModel):
    """A link from a KPI to an objective that responds to it (the KPI prompted the OKR)."""

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="responses")
    objective = models.ForeignKey(
        "objectives.Objective", on_delete=models.CASCADE, related_name="kpi_responses"
    )
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["kpi__name", "id"]
        verbose_name = "KPI response"
        constraints = [
            models.UniqueConstraint(fields=["kpi", "objective"], name="one_response_per_kpi"),
        ]

    def __str__(self) -> str:
        return f"{self.objective_id} responds to {self.kpi}"
