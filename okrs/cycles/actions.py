"""Writes to cycles."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs.cycles import signals
from okrs.cycles.models import Cycle
from okrs.organizations.models import Organization


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
    """Create a cycle; it must end after it starts and fit inside its parent."""
    if end <= start:
        raise ValidationError({"end": "A cycle must end after it starts."})
    if parent is not None:
        if parent.organization_id != organization.id:
            raise ValidationError({"parent": "The parent cycle belongs to another organisation."})
        if start < parent.start or end > parent.end:
            raise ValidationError({"parent": f"The cycle must lie inside {parent.name}."})
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
