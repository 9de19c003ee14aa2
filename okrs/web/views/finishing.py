"""Fulfilling or abandoning an objective from its page, with a note."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from okrs.objectives.finishing import FINISHED, finish_objective
from okrs.organizations.access import organization_required
from okrs.web.views.objectives import _visible_objective


@organization_required
@require_POST
def objective_finish(request, pk):
    """Set the objective fulfilled or abandoned mid-cycle; the note goes into its history."""
    objective = _visible_objective(request, pk)
    state = request.POST.get("state", "")
    try:
        finish_objective(objective, state, request.POST.get("note", ""), request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"“{objective.title}” is {FINISHED[state]}: the team is free for the next."
        )
    return redirect("objective", pk=objective.pk)
