"""Setting an objective's status by hand, with a reason, and removing it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from okrs.domain.states import look
from okrs.objectives.forms import StatusOverrideForm
from okrs.objectives.overrides import clear_override, override_status
from okrs.organizations.access import organization_required
from okrs.organizations.permissions import can_override_status
from okrs.web.views.objectives import _visible_objective, objective_detail

REFUSED = "Only the objective's owner (its team's lead) or admins and OKR leaders set its status."


def _overridable(request, pk: int):
    """Return the objective the person may set the status of, else 404 or 403."""
    objective = _visible_objective(request, pk)
    if not can_override_status(request.user, objective):
        raise PermissionDenied(REFUSED)
    return objective


@organization_required
@require_POST
def objective_override(request, pk):
    """Set the objective's status by hand with a reason; shown beside the computed state."""
    objective = _overridable(request, pk)
    form = StatusOverrideForm(request.POST)
    if form.is_valid():
        try:
            override = override_status(
                objective, form.cleaned_data["state"], form.cleaned_data["reason"], request.user
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error(None, error)
            else:
                form.add_error(None, " ".join(error.messages))
    if form.errors:
        return objective_detail(request, pk, override_form=form)
    label = look(override.state).label
    messages.success(request, f"Status set to {label} by hand, until the next check-in.")
    return redirect("objective", pk=objective.pk)


@organization_required
@require_POST
def objective_override_clear(request, pk):
    """Remove the status set by hand: the computed state shows alone again."""
    objective = _overridable(request, pk)
    if clear_override(objective, request.user) is None:
        messages.info(request, "No status was set by hand: nothing to remove.")
    else:
        messages.success(request, "Removed the status set by hand; it stays in the history.")
    return redirect("objective", pk=objective.pk)
