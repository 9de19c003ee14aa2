"""Writes to KPIs and their measurements."""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from okrs import clock
from okrs.kpis.models import KPI, Measurement
from okrs.organizations.audit import record_change
from okrs.organizations.models import Person, Team

KPI_FIELDS = {"name", "description", "unit", "lower_bound", "upper_bound"}


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


def healthy_range(kpi: KPI) -> str:
    """Return the KPI's healthy range as people read it: at least 98, at most 5, 10 to 20."""
    lower, upper = kpi.lower_bound, kpi.upper_bound
    if lower is not None and upper is not None:
        return f"{lower:g} to {upper:g}"
    return f"at least {lower:g}" if lower is not None else f"at most {upper:g}"


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
    if team.is_archived():
        raise ValidationError({"team": f"{team} is archived: it takes no new KPIs."})
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
def add_kpi(team: Team, name: str, *, by: Person | None, **fields) -> KPI:
    """Create a KPI as a person of the team or an admin does, keeping the change in the history."""
    kpi = create_kpi(team, name, **fields)
    record_change(
        team.organization,
        by,
        "kpi.created",
        f"KPI {kpi} of {team} created (healthy: {healthy_range(kpi)})",
        team=team,
        kpi=kpi.pk,
    )
    return kpi


def measurement_time(day: date) -> datetime:
    """Return the moment a reading entered for a day stands for: now today, else noon that day."""
    if day == clock.today():
        return clock.now()
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


@transaction.atomic
def record_measurement(
    kpi: KPI, value: float, at: datetime | None = None, note: str = ""
) -> Measurement:
    """Record a reading of the KPI; the newest reading becomes its latest value."""
    if kpi.archived_at is not None:
        raise ValidationError({"value": f"{kpi} is archived: it takes no new readings."})
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
def update_kpi(kpi: KPI, *, by: Person | None = None, **fields) -> KPI:
    """Change the KPI's name, description, unit or healthy range; the change is kept."""
    unknown = set(fields) - KPI_FIELDS
    if unknown:
        raise TypeError(f"Unknown KPI fields: {sorted(unknown)}")
    for name in ("name", "description", "unit"):
        if name in fields and fields[name] is None:
            fields.pop(name)
    was = {name: getattr(kpi, name) for name in KPI_FIELDS}
    was_range, was_name = healthy_range(kpi), kpi.name
    for name, value in fields.items():
        setattr(kpi, name, value)
    check_bounds(kpi.lower_bound, kpi.upper_bound)
    kpi.full_clean(exclude=["organization", "team"])
    kpi.save()
    changed = sorted(name for name in KPI_FIELDS if getattr(kpi, name) != was[name])
    if changed:
        summary = f"KPI {was_name} of {kpi.team} changed: {', '.join(changed).replace('_', ' ')}"
        if was_range != healthy_range(kpi):
            summary += f" (healthy: {healthy_range(kpi)}, was {was_range})"
        record_change(kpi.team.organization, by, "kpi.changed", summary, team=kpi.team, kpi=kpi.pk)
    return kpi


@transaction.atomic
def archive_kpi(kpi: KPI, by: Person | None = None) -> KPI:
    """Stop watching the KPI: its readings stay readable, it takes no new ones."""
    if kpi.archived_at is not None:
        return kpi
    kpi.archived_at = clock.now()
    kpi.save(update_fields=["archived_at"])
    record_change(
        kpi.team.organization,
        by,
        "kpi.archived",
        f"KPI {kpi} of {kpi.team} archived",
        team=kpi.team,
        kpi=kpi.pk,
    )
    return kpi


@transaction.atomic
def unarchive_kpi(kpi: KPI, by: Person | None = None) -> KPI:
    """Watch an archived KPI again."""
    if kpi.archived_at is None:
        return kpi
    kpi.archived_at = None
    kpi.save(update_fields=["archived_at"])
    record_change(
        kpi.team.organization,
        by,
        "kpi.unarchived",
        f"KPI {kpi} of {kpi.team} unarchived",
        team=kpi.team,
        kpi=kpi.pk,
    )
    return kpi


@transaction.atomic
def delete_kpi(kpi: KPI) -> None:
    """Delete the KPI and its measurements."""
    kpi.delete()
