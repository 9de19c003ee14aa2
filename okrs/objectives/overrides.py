"""Statuses set by hand: set with a reason, removed, or cleared by the next check-in."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef

from okrs import clock
from okrs.domain.states import override_problems, override_refusal
from okrs.objectives import signals
from okrs.objectives.models import CheckIn, Objective, StatusOverride
from okrs.organizations.models import Person

Ending = StatusOverride.Ending


def overridden() -> Exists:
    """Return an expression on a key result's row: whether its objective's status is set by hand."""
    return Exists(
        StatusOverride.objects.filter(
            objective_id=OuterRef("objective_id"), cleared_at__isnull=True
        )
    )


@transaction.atomic
def override_status(
    objective: Objective, state: str, reason: str, by: Person | None = None
) -> StatusOverride:
    """Set the objective's status by hand with a reason; one set earlier ends, replaced."""
    if by is not None and by.organization_id != objective.organization_id:
        raise ValidationError(f"{by} belongs to another organisation.")
    refusal = override_refusal(objective.status, objective.cycle.state)
    if refusal:
        raise ValidationError(refusal)
    problems = override_problems(state, reason)
    if problems:
        raise ValidationError(problems)
    # Locking the objective lets two people setting its status at once land one after the other.
    Objective.objects.select_for_update().filter(pk=objective.pk).values("pk").get()
    now = clock.now()
    StatusOverride.objects.filter(objective=objective, cleared_at__isnull=True).update(
        cleared_at=now, cleared_by=by, ending=Ending.REPLACED
    )
    override = StatusOverride.objects.create(
        organization_id=objective.organization_id,
        objective=objective,
        state=state,
        reason=reason.strip(),
        set_by=by,
        set_at=now,
    )
    signals.status_overridden.send(sender=StatusOverride, objective=objective, override=override)
    return override


@transaction.atomic
def clear_override(objective: Objective, by: Person | None = None) -> StatusOverride | None:
    """Remove the status set by hand, kept as history; return it, or None when none was set."""
    override = (
        StatusOverride.objects.select_for_update()
        .filter(objective=objective, cleared_at__isnull=True)
        .first()
    )
    if override is None:
        return None
    override.cleared_at, override.cleared_by, override.ending = clock.now(), by, Ending.REMOVED
    override.save(update_fields=["cleared_at", "cleared_by", "ending"])
    signals.override_cleared.send(sender=StatusOverride, objective=objective, override=override)
    return override


def clear_on_check_in(check_in: CheckIn, objective_id: int) -> StatusOverride | None:
    """End the objective's status set by hand: a check-in on one of its key results came in.

    A check-in dated before the status was set (an import, a back-dated one) leaves it alone.
    Runs in the check-in's transaction.
    """
    override = (
        StatusOverride.objects.select_for_update()
        .filter(
            objective_id=objective_id,
            cleared_at__isnull=True,
            set_at__lte=check_in.checked_in_at,
        )
        .first()
    )
    if override is None:
        return None
    override.cleared_at, override.cleared_by = check_in.checked_in_at, check_in.author
    override.cleared_by_check_in, override.ending = check_in, Ending.CHECK_IN
    override.save(update_fields=["cleared_at", "cleared_by", "cleared_by_check_in", "ending"])
    objective = Objective.objects.get(pk=objective_id)
    signals.override_cleared.send(sender=StatusOverride, objective=objective, override=override)
    return override
