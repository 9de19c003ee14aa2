"""Deleted OKRs: what went to the trash in the last 30 days, for admins and OKR leaders."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from okrs.objectives import actions
from okrs.objectives.models import KeyResult, Objective
from okrs.organizations.access import organization_required


def _require_restorer(request) -> None:
    if not request.user.writes_everything():
        raise PermissionDenied("Only admins and OKR leaders see and restore deleted OKRs.")


@organization_required
def trash(request):
    """List the objectives and key results deleted in the last 30 days, newest first."""
    _require_restorer(request)
    organization = request.organization
    objectives = list(
        Objective.all_objects.of(organization)
        .filter(deleted_at__isnull=False)
        .select_related("team", "owner", "cycle", "deleted_by")
        .order_by("-deleted_at", "-pk")
    )
    key_results = list(
        KeyResult.all_objects.of(organization)
        .filter(deleted_at__isnull=False, objective__deleted_at__isnull=True)
        .select_related("objective__team", "deleted_by")
        .order_by("-deleted_at", "-pk")
    )
    context = {"objectives": objectives, "key_results": key_results}
    return render(request, "web/trash.html", context)


def _restore(request, restore, row, what: str):
    try:
        restore(row, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("trash")
    messages.success(request, f"Restored {what}.")
    return redirect("objective", row.pk if isinstance(row, Objective) else row.objective_id)


@organization_required
@require_POST
def restore_objective(request, pk):
    """Bring an objective back with the key results deleted with it."""
    _require_restorer(request)
    objective = get_object_or_404(Objective.all_objects.of(request.organization), pk=pk)
    return _restore(request, actions.restore_objective, objective, f"“{objective.title}”")


@organization_required
@require_POST
def restore_key_result(request, pk):
    """Bring a key result deleted on its own back to its objective."""
    _require_restorer(request)
    key_result = get_object_or_404(KeyResult.all_objects.of(request.organization), pk=pk)
    return _restore(request, actions.restore_key_result, key_result, f"“{key_result.title}”")
