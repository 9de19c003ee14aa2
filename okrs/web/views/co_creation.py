"""Co-creation on an objective's page: accepting a draft written for the team, inviting coaches."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from okrs.objectives import co_creation
from okrs.organizations.access import organization_required
from okrs.organizations.models import Person
from okrs.web.views.objectives import _visible_objective


def _refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@organization_required
@require_POST
def draft_accept(request, pk):
    """Accept a draft someone outside the team wrote for it: it becomes the team's own."""
    objective = _visible_objective(request, pk)
    try:
        co_creation.accept_draft(objective, request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, f"“{objective.title}” is now {objective.team}'s own draft.")
    return redirect("objective", pk=objective.pk)


@organization_required
@require_POST
def draft_coaches(request, pk):
    """Invite people from outside the team to read and coach its unshared draft."""
    objective = _visible_objective(request, pk)
    wanted = [value for value in request.POST.getlist("people") if value.isdigit()]
    people = list(Person.objects.filter(organization=request.organization, pk__in=wanted))
    if not people:
        messages.error(request, "Choose at least one person to invite to coach this draft.")
        return redirect("objective", pk=objective.pk)
    try:
        co_creation.invite_coaches(objective, people, request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        names = ", ".join(str(p) for p in people)
        messages.success(request, f"Invited {names} to coach this draft.")
    return redirect("objective", pk=objective.pk)


@organization_required
@require_POST
def draft_coach_revoke(request, pk, person_id):
    """Take back a coach's invitation: they see only that the draft exists again."""
    objective = _visible_objective(request, pk)
    person = get_object_or_404(
        Person.objects.filter(organization=request.organization), pk=person_id
    )
    try:
        revoked = co_creation.revoke_coach(objective, person, request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        if revoked:
            messages.success(request, f"{person} no longer coaches this draft.")
        else:
            messages.info(request, "That person was not invited to coach this draft.")
    return redirect("objective", pk=objective.pk)
