"""Cycles: the time boxes that objectives belong to."""

from datetime import date

from django.db import models

from okrs.domain.progress import elapsed_share
from okrs.organizations.models import TenantModel


class Cycle(TenantModel):
    """A multi-year, annual or quarterly cycle with its planning, active and closed states."""

    class Kind(models.TextChoices):
        MULTI_YEAR = "multi-year", "Multi-year"
        ANNUAL = "annual", "Annual"
        QUARTER = "quarter", "Quarter"

    class State(models.TextChoices):
        PLANNING = "planning", "Planning"
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.QUARTER)
    start = models.DateField()
    end = models.DateField()
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PLANNING)

    class Meta:
        ordering = ["-start", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="cycle_name_per_org"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="cycle_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def elapsed(self, on: date) -> float:
        """Return the share of the cycle elapsed on the date."""
        return elapsed_share(self.start, self.end, on)


def pick_current(cycles: list[Cycle], on: date) -> Cycle | None:
    """Return the cycle to show by default: the shortest open cycle covering the date."""
    covering = [c for c in cycles if c.start <= on <= c.end and c.state != Cycle.State.CLOSED]
    if covering:
        return min(covering, key=lambda c: (c.end - c.start, c.state != Cycle.State.ACTIVE))
    active = [c for c in cycles if c.state == Cycle.State.ACTIVE]
    if active:
        return min(active, key=lambda c: (c.end - c.start, abs((c.start - on).days)))
    return cycles[0] if cycles else None
