"""Queue webhook deliveries for what cycle and objective writes announce, in their transaction."""

from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.dispatch import Signal

from okrs.cycles import signals as cycle_signals
from okrs.objectives import signals as objective_signals
from okrs.objectives.models import Objective
from okrs.webhooks.events import emit, endpoints_exist
from okrs.webhooks.payloads import (
    check_in_data,
    cycle_data,
    initiative_data,
    key_result_data,
    objective_data,
    override_data,
    status_change_data,
)


def cycle_closed(sender, cycle, **kwargs) -> None:
    """Queue "cycle.closed"."""
    emit(cycle.organization_id, "cycle.closed", {"cycle": cycle_data(cycle)})


def objective_created(sender, objective, **kwargs) -> None:
    """Queue "objective.created" (a draft's team alone sees it until it is shared)."""
    if not objective.is_shared():
        return
    emit(objective.organization_id, "objective.created", {"objective": objective_data(objective)})


def objective_updated(sender, objective, changed, **kwargs) -> None:
    """Queue "objective.updated" with the names of the changed fields, once it is shared."""
    if not objective.is_shared():
        return
    data = {"objective": objective_data(objective), "changed": changed}
    emit(objective.organization_id, "objective.updated", data)


def objective_status_changed(sender, objective, old_status, **kwargs) -> None:
    """Queue "objective.status_changed" with the old and the new status, once it is shared."""
    if not objective.is_shared():
        return
    data = status_change_data(objective, old_status)
    emit(objective.organization_id, "objective.status_changed", data)


def status_overridden(sender, objective, override, **kwargs) -> None:
    """Queue "objective.status_overridden" with the state, the reason, who and when."""
    emit(
        objective.organization_id, "objective.status_overridden", override_data(objective, override)
    )


def override_cleared(sender, objective, override, **kwargs) -> None:
    """Queue "objective.override_cleared": removed by hand, or ended by a check-in."""
    emit(
        objective.organization_id, "objective.override_cleared", override_data(objective, override)
    )


def key_result_updated(sender, key_result, changed, **kwargs) -> None:
    """Queue "key_result.updated" with the names of the changed fields, once it is shared."""
    if not key_result.objective.is_shared():
        return
    data = {"key_result": key_result_data(key_result), "changed": changed}
    emit(key_result.organization_id, "key_result.updated", data)


def checked_in(sender, check_in, key_result, **kwargs) -> None:
    """Queue "checkin.created" with the check-in and its key result."""
    emit(key_result.organization_id, "checkin.created", check_in_data(check_in, key_result))


def _initiative_event(event: str, initiative, **more) -> None:
    """Queue an initiative event, once its objective is shared: a draft's plan stays private."""
    if not initiative.key_result.objective.is_shared():
        return
    emit(initiative.organization_id, event, {"initiative": initiative_data(initiative), **more})


def initiative_created(sender, initiative, **kwargs) -> None:
    """Queue "initiative.created"."""
    _initiative_event("initiative.created", initiative)


def initiative_updated(sender, initiative, changed, **kwargs) -> None:
    """Queue "initiative.updated" with the names of the changed fields."""
    _initiative_event("initiative.updated", initiative, changed=changed)


def initiative_deleted(sender, initiative, **kwargs) -> None:
    """Queue "initiative.deleted" with the initiative as it was."""
    _initiative_event("initiative.deleted", initiative)


def shared_and_heard() -> Any:
    """Return a condition on a key result's row: an active endpoint exists and it is shared.

    An unshared draft's check-ins stay in its team, so no endpoint hears them.
    """
    private = Q(objective__status=Objective.State.DRAFT, objective__shared_at__isnull=True)
    return endpoints_exist() & ~private


RECEIVERS: list[tuple[Signal, Callable[..., None]]] = [
    (cycle_signals.cycle_closed, cycle_closed),
    (objective_signals.objective_created, objective_created),
    (objective_signals.objective_updated, objective_updated),
    (objective_signals.objective_status_changed, objective_status_changed),
    (objective_signals.status_overridden, status_overridden),
    (objective_signals.override_cleared, override_cleared),
    (objective_signals.key_result_updated, key_result_updated),
    (objective_signals.checked_in, checked_in),
    (objective_signals.initiative_created, initiative_created),
    (objective_signals.initiative_updated, initiative_updated),
    (objective_signals.initiative_deleted, initiative_deleted),
]


def connect() -> None:
    """Connect the receivers; a check-in is heard when its organisation has an active endpoint."""
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"webhooks.{receiver.__name__}")
    objective_signals.hear_check_ins("webhooks", shared_and_heard)
