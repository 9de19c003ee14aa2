"""Share, withdraw and publish a team's draft: an htmx card swap, or a redirect back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from okrs.organizations.access import organization_required
from okrs.planning import actions
from okrs.planning.board import Viewer, board_items
from okrs.planning.permissions import can_publish, can_share
from okrs.planning.views.helpers import go_back, visible_objective


def _respond(request, objective, done: str, action):
    """Run the action; answer with the refreshed card for htmx, else go back with a message."""
    error = ""
    try:
        action(objective)
    except ValidationError as failure:
        error = "; ".join(failure.messages)
    if request.htmx and request.htmx.target == f"plan-objective-{objective.pk}":
        item = board_items([objective], Viewer.of(request.user))[0]
        context = {
            "item": item,
            "error": error,
            "done": "" if error else done,
            "next": request.POST.get("next", ""),
        }
        return render(request, "planning/_draft.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"{done}: “{objective.title}”.")
    return go_back(request, reverse("planning-board", args=[objective.cycle_id]))


@require_POST
@organization_required
def share(request, pk):
    """Share the team's draft with every team on the planning board."""
    objective = visible_objective(request, pk)
    if not can_share(request.user, objective):
        raise PermissionDenied("Only the owning team shares its drafts.")
    return _respond(request, objective, "Shared", actions.share_draft)


@require_POST
@organization_required
def withdraw(request, pk):
    """Take the team's shared draft back."""
    objective = visible_objective(request, pk)
    if not can_share(request.user, objective):
        raise PermissionDenied("Only the owning team withdraws its drafts.")
    return _respond(request, objective, "Withdrawn", actions.withdraw_draft)


@require_POST
@organization_required
def publish(request, pk):
    """Move the draft to active (admins, OKR leaders, or the lead of its team)."""
    objective = visible_objective(request, pk)
    if not can_publish(request.user, objective):
        raise PermissionDenied("Admins, OKR leaders or the team's lead publish drafts.")
    return _respond(request, objective, "Published", actions.publish_draft)
