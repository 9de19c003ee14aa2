"""Writes to KPIs and their measurements."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from okrs.kpis.models import KPI, Measurement
from okrs.organizations.models import Team


@transaction.atomic
def create_kpi(
    team: Team,
    name: str,
    lower_bound: float | None = None,
    upper_bound: float | None = None,
    unit: str = "",
    description: str = "",
) -> KPI:
    """Create a health metric for the team with its healthy range."""
    if lower_bound is None and upper_bound is None:
        raise ValidationError(
            {"lower_bound": "A KPI needs a lower or an upper bound to be healthy within."}
        )
    if lower_bound is not None and upper_bound is not None and lower_bound > upper_bound:
        raise ValidationError(
            {"upper_bound": "The upper bound must not lie below the lower bound."}
        )
    kpi = KPI(
        organization_id=team.organization_id,
        team=team,
        name=name,
        lower_bound=lower_bound,
        upper_bound=upper_bound,
        unit=unit,
        description=description,
    )
    kpi.full_clean(exclude=["organization"])
    kpi.save()
    return kpi


@transaction.atomic
def record_measurement(
    kpi: KPI, value: float, at: datetime | None = None, note: str = ""
) -> Measurement:
    """Record a reading of the KPI; the newest reading becomes its latest value."""
    at = at or timezone.now()
    measurement = Measurement.objects.create(
        organization_id=kpi.organization_id, kpi=kpi, value=value, measured_at=at, note=note
    )
    if kpi.latest_measured_at is None or at >= kpi.latest_measured_at:
        KPI.objects.filter(pk=kpi.pk).update(latest_value=value, latest_measured_at=at)
        kpi.latest_value, kpi.latest_measured_at = value, at
    return measurement
