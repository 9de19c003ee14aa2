"""Writes to KPIs and their measurements."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs import clock
from okrs.kpis.models import KPI, Measurement
from okrs.organizations.models import Team


def check_bounds(lower: float | None, upper: float | None) -> None:
    """Refuse a healthy range with no bound, or an upper bound below the lower one."""
    if lower is None and upper is None:
        raise ValidationError(
            {"lower_bound": "A KPI needs a lower or an upper bound to be healthy within."}
        )
    if lower is not None and upper is not None and lower > upper:
        raise ValidationError(
            {"upper_bound": "The upper bound must not lie below the lower bound."}
        )


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
    check_bounds(lower_bound, upper_bound)
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
    at = at or clock.now()
    measurement = Measurement(
        organization_id=kpi.organization_id, kpi=kpi, value=value, measured_at=at, note=note
    )
    measurement.full_clean(exclude=["organization", "kpi"])
    measurement.save()
    if kpi.latest_measured_at is None or at >= kpi.latest_measured_at:
        KPI.objects.filter(pk=kpi.pk).update(latest_value=value, latest_measured_at=at)
        kpi.latest_value, kpi.latest_measured_at = value, at
    return measurement


@transaction.atomic
def update_kpi(kpi: KPI, **fields) -> KPI:
    """Change the KPI's name, description, unit or healthy range."""
    allowed = {"name", "description", "unit", "lower_bound", "upper_bound"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown KPI fields: {sorted(unknown)}")
    for name in ("name", "description", "unit"):
        if name in fields and fields[name] is None:
            fields.pop(name)
    for name, value in fields.items():
        setattr(kpi, name, value)
    check_bounds(kpi.lower_bound, kpi.upper_bound)
    kpi.full_clean(exclude=["organization", "team"])
    kpi.save()
    return kpi


@transaction.atomic
def delete_kpi(kpi: KPI) -> None:
    """Delete the KPI and its measurements."""
    kpi.delete()
