"""Writes to cycles."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs.cadence.actions import schedule_cycle
from okrs.cycles.models import Cycle, pick_current
from okrs.domain.limits import DATE_MAX, DATE_MIN, date_in_range
from okrs.organizations.models import Organization
from okrs.webhooks.events import emit
from okrs.webhooks.payloads import cycle_data


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
    schedule_cycle(cycle)
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
        emit(cycle.organization_id, "cycle.closed", {"cycle": cycle_data(cycle)})
    return cycle


def current_cycle(organization: Organization, on: date) -> Cycle | None:
    """Return the organisation's current cycle: the shortest open one covering the date."""
    return pick_current(list(Cycle.objects.of(organization).order_by("-start")), on)


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
