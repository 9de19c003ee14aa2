"""Writes to cycles."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs import clock
from okrs.cycles import signals
from okrs.cycles.models import Cycle
from okrs.domain.limits import DATE_MAX, DATE_MIN, date_in_range
from okrs.domain.quarters import next_quarter, quarter_named
from okrs.organizations.audit import record_change
from okrs.organizations.models import Organization, Person


def check_cycle_dates(start: date, end: date) -> None:
    """Refuse a cycle that ends before it starts or has a date outside the supported range."""
    problems = {
        field: f"A cycle's dates must lie within {DATE_MIN}..{DATE_MAX}; {value} does not."
        for field, value in (("start", start), ("end", end))
        if not date_in_range(value)
    }
    if problems:
        raise ValidationError(problems)
    if end <= start:
        raise ValidationError({"end": "A cycle must end after it starts."})


def _require_free_name(organization_id: int, name: str, cycle: Cycle | None = None) -> None:
    """Refuse a name another cycle of the organisation already has."""
    others = Cycle.objects.filter(organization_id=organization_id, name=name)
    if cycle is not None:
        others = others.exclude(pk=cycle.pk)
    if others.exists():
        raise ValidationError({"name": f"A cycle named {name} already exists."})


@transaction.atomic
def create_cycle(
    organization: Organization,
    name: str,
    start: date,
    end: date,
    kind: str = Cycle.Kind.QUARTER,
    parent: Cycle | None = None,
    state: str = Cycle.State.PLANNING,
) -> Cycle:
    """Create a cycle; it must end after it starts, within the date range, inside its parent."""
    check_cycle_dates(start, end)
    if parent is not None:
        if parent.organization_id != organization.id:
            raise ValidationError({"parent": "The parent cycle belongs to another organisation."})
        if start < parent.start or end > parent.end:
            raise ValidationError({"parent": f"The cycle must lie inside {parent.name}."})
    _require_free_name(organization.pk, name)
    cycle = Cycle(
        organization=organization,
        name=name,
        kind=kind,
        start=start,
        end=end,
        parent=parent,
        state=state,
    )
    cycle.full_clean()
    cycle.save()
    signals.cycle_created.send(sender=Cycle, cycle=cycle)
    return cycle


@transaction.atomic
def set_cycle_state(cycle: Cycle, state: str) -> Cycle:
    """Move the cycle to planning, active or closed."""
    if state not in Cycle.State.values:
        raise ValidationError({"state": f"Unknown cycle state {state!r}."})
    stored = Cycle.objects.select_for_update().values_list("state", flat=True).get(pk=cycle.pk)
    closing = state == Cycle.State.CLOSED and stored != Cycle.State.CLOSED
    cycle.state = state
    cycle.save(update_fields=["state"])
    if closing:
        signals.cycle_closed.send(sender=Cycle, cycle=cycle)
    return cycle


@transaction.atomic
def rename_cycle(cycle: Cycle, name: str) -> Cycle:
    """Give the cycle another name, unique in its organisation."""
    _require_free_name(cycle.organization_id, name, cycle)
    cycle.name = name
    cycle.full_clean(exclude=["organization", "parent"])
    cycle.save(update_fields=["name"])
    return cycle


@transaction.atomic
def delete_cycle(cycle: Cycle) -> None:
    """Delete a cycle that holds no objectives."""
    if cycle.objectives(manager="all_objects").exists():  # deleted ones too, until purged
        raise ValidationError({"cycle": f"{cycle} holds objectives; close it instead."})
    cycle.delete()


def _dates(start: date, end: date) -> str:
    """Return the cycle's dates as people read them."""
    return f"{_day(start)} to {_day(end)}"


def _day(day: date) -> str:
    """Return the date as people read it: 1 Apr 2027."""
    return f"{day.day} {day:%b %Y}"


@transaction.atomic
def add_cycle(
    organization: Organization,
    name: str,
    start: date,
    end: date,
    kind: str = Cycle.Kind.QUARTER,
    parent: Cycle | None = None,
    *,
    by: Person | None = None,
) -> Cycle:
    """Create a cycle in planning, as an admin does, keeping the change in the history."""
    cycle = create_cycle(organization, name, start, end, kind, parent)
    record_change(
        organization,
        by,
        "cycle.created",
        f"{cycle.get_kind_display()} cycle {cycle} created ({_dates(start, end)})",
        cycle=cycle.pk,
    )
    return cycle


def started_reason(cycle: Cycle) -> str | None:
    """Return why the cycle's dates can no longer change (it has started), or None."""
    if cycle.state == Cycle.State.CLOSED:
        return f"{cycle} is closed: its dates stay as they were."
    if cycle.state == Cycle.State.ACTIVE:
        return f"{cycle} is active: its dates can no longer change."
    if cycle.start <= clock.today():
        return f"{cycle} started on {_day(cycle.start)}: its dates can no longer change."
    return None


@transaction.atomic
def change_cycle_dates(cycle: Cycle, start: date, end: date, *, by: Person | None = None) -> Cycle:
    """Move a cycle that has not started yet; it must still hold its cycles and fit its parent."""
    reason = started_reason(cycle)
    if reason:
        raise ValidationError({"start": reason})
    if end <= start:
        raise ValidationError({"end": "A cycle must end after it starts."})
    if cycle.parent is not None and (start < cycle.parent.start or end > cycle.parent.end):
        raise ValidationError({"start": f"The cycle must lie inside {cycle.parent}."})
    outside = [c.name for c in cycle.children.all() if c.start < start or c.end > end]
    if outside:
        raise ValidationError(
            {"start": f"{', '.join(outside)} would no longer lie inside {cycle}: move them first."}
        )
    was = (cycle.start, cycle.end)
    if was == (start, end):
        return cycle
    cycle.start, cycle.end = start, end
    cycle.full_clean(exclude=["organization", "parent"])
    cycle.save(update_fields=["start", "end"])
    signals.cycle_dates_changed.send(sender=Cycle, cycle=cycle)
    record_change(
        cycle.organization,
        by,
        "cycle.dates_changed",
        f"Cycle {cycle} now runs {_dates(start, end)} (was {_dates(*was)})",
        cycle=cycle.pk,
    )
    return cycle


def _covering(organization: Organization, kind: str, start: date, end: date) -> Cycle | None:
    """Return the organisation's latest cycle of the kind that holds the dates."""
    return (
        Cycle.objects.of(organization)
        .filter(kind=kind, start__lte=start, end__gte=end)
        .order_by("-start")
        .first()
    )


def quarter_to_come(organization: Organization) -> tuple[str, date, date]:
    """Return the name and dates of the quarter after the latest one, or of this quarter."""
    quarters = Cycle.objects.of(organization).filter(kind=Cycle.Kind.QUARTER)
    # Quarters stored before cycle dates were bounded may end in 9999: none comes after them.
    latest = quarters.filter(end__lt=DATE_MAX).order_by("-end").first()
    if latest is None:
        return quarter_named(clock.today())
    return next_quarter(latest.end)


@transaction.atomic
def create_next_quarter(organization: Organization, *, by: Person | None = None) -> Cycle:
    """Create the quarter after the latest (this quarter when there is none) inside its year.

    The year's cycle is created too when the organisation has none holding the quarter.
    """
    cycles = Cycle.objects.of(organization)
    name, start, end = quarter_to_come(organization)
    if cycles.filter(name=name).exists():
        raise ValidationError({"name": f"A cycle named {name} already exists."})
    year = _covering(organization, Cycle.Kind.ANNUAL, start, end)
    if year is not None and year.state == Cycle.State.CLOSED:
        raise ValidationError({"name": f"{year} is closed: it takes no new quarter."})
    if year is None:
        year_start, year_end = date(start.year, 1, 1), date(start.year, 12, 31)
        if cycles.filter(name=str(start.year)).exists():
            raise ValidationError(
                {"name": f"A cycle named {start.year} exists but does not hold {name}."}
            )
        above = _covering(organization, Cycle.Kind.MULTI_YEAR, year_start, year_end)
        if above is not None and above.state == Cycle.State.CLOSED:
            above = None
        year = add_cycle(
            organization, str(start.year), year_start, year_end, Cycle.Kind.ANNUAL, above, by=by
        )
    return add_cycle(organization, name, start, end, Cycle.Kind.QUARTER, year, by=by)
