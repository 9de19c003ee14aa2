"""Share, withdraw and publish a team's draft: an htmx card swap, a page, or a redirect back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from okrs.objectives.publishing import publish_errors
from okrs.organizations.access import organization_required
from okrs.planning import actions
from okrs.planning.board import Viewer, board_items
from okrs.planning.permissions import can_publish, can_share
from okrs.planning.publish_form import PublishForm
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


MISSING_REASON = "Fix the errors above first, or say here why the team publishes despite them."


def _publish_page(request, objective, form: PublishForm, status: int = 200):
    """Render the publish page: the coach's errors, the validation test and the reason."""
    context = {
        "objective": objective,
        "form": form,
        "errors": publish_errors(objective),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "planning/publish.html", context, status=status)


@organization_required
def publish(request, pk):
    """Ask the validation test's questions, then move the draft to active (leadership, team lead).

    The coach's errors must be fixed first, or the team says why it publishes despite them.
    """
    objective = visible_objective(request, pk)
    if not can_publish(request.user, objective):
        raise PermissionDenied("Admins, OKR leaders or the team's lead publish drafts.")
    if request.method != "POST":
        return _publish_page(request, objective, PublishForm())
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            actions.publish_draft(
                objective, form.validation(), form.cleaned_data["publish_despite"]
            )
        except ValidationError as error:
            if (
                "publish_despite" in getattr(error, "error_dict", {})
                and not form.cleaned_data["publish_despite"]
            ):
                # The errors are listed above the field: ask for what is missing, in short.
                error = ValidationError({"publish_despite": MISSING_REASON})
            add_errors(form, error)
        else:
            messages.success(request, f"Published: “{objective.title}”.")
            return go_back(request, reverse("objective", args=[objective.pk]))
    return _publish_page(request, objective, form, status=422)


def add_errors(form, error: ValidationError) -> None:
    """Put the action's refusal beside the field it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
