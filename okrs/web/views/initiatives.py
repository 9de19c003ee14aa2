"""Action plans on the objective page: add, edit, move and remove initiatives, inline with htmx."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from okrs.objectives import initiatives as actions
from okrs.objectives.models import Initiative, KeyResult, Objective
from okrs.objectives.plan_forms import InitiativeForm
from okrs.organizations.access import organization_required
from okrs.organizations.models import Person
from okrs.organizations.permissions import can_write_key_result
from okrs.organizations.visibility import can_see_objective, member_team_ids

REFUSED = "Only the owning team (or admins and OKR leaders) change this action plan."


def plan_people(objective: Objective, key_result_teams: set[int | None]):
    """Return who may own an initiative: the people of the objective's and key results' teams."""
    teams = [pk for pk in {objective.team_id, *key_result_teams} if pk is not None]
    people = Person.objects.filter(organization_id=objective.organization_id, is_active=True)
    if teams:
        return people.filter(memberships__team_id__in=teams).distinct().order_by("name", "email")
    return people.filter(pk=objective.owner_id or 0)


def _key_result(request, pk: int) -> KeyResult:
    """Return the key result whose plan the person may change; else 404 (unseen) or 403."""
    key_result = get_object_or_404(
        KeyResult.objects.of(request.organization).select_related(
            "objective__team", "objective__owner", "objective__cycle", "team"
        ),
        pk=pk,
    )
    user = request.user
    if not can_see_objective(user, key_result.objective, member_team_ids(user)):
        raise Http404("No such key result.")
    if (
        user.is_read_only()
        or key_result.objective.cycle.state == "closed"
        or not can_write_key_result(user, key_result)
    ):
        raise PermissionDenied(REFUSED)
    return key_result


def _initiative(request, pk: int) -> Initiative:
    """Return the initiative the person may change; else 404 or 403."""
    initiative = get_object_or_404(Initiative.objects.of(request.organization), pk=pk)
    initiative.key_result = _key_result(request, initiative.key_result_id)
    return initiative


def _answer(request, key_result: KeyResult, form=None, status: int = 200):
    """Return the key result's plan as a partial (htmx), or go back to the objective page."""
    if not request.htmx:
        if form is not None and form.errors:
            for field, errors in form.errors.items():
                for error in errors:
                    label = "" if field == "__all__" else f"{field.capitalize()}: "
                    messages.error(request, f"{label}{error}")
        return redirect("objective", pk=key_result.objective_id)
    context = {
        "kr": key_result,
        "initiatives": list(key_result.initiatives.select_related("owner")),
        "can_plan": True,
        "plan_people": plan_people(key_result.objective, {key_result.team_id}),
        "plan_form": form,
    }
    return render(request, "web/_initiatives.html", context, status=status)


def _refused(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, " ".join(error.messages))


def _saved(request, key_result, form: InitiativeForm, write):
    """Write the valid form's initiative; answer the plan, with the form's errors (422)."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
    if form.errors:
        return _answer(request, key_result, form, status=422)
    return _answer(request, key_result)


@organization_required
@require_POST
def initiative_add(request, pk):
    """Add an initiative to the key result's action plan."""
    key_result = _key_result(request, pk)
    form = InitiativeForm(
        request.POST, people=plan_people(key_result.objective, {key_result.team_id})
    )
    return _saved(
        request,
        key_result,
        form,
        lambda fields: actions.add_initiative(key_result, by=request.user, **fields),
    )


@organization_required
@require_POST
def initiative_edit(request, pk):
    """Change an initiative's title, owner, status, due date or link."""
    initiative = _initiative(request, pk)
    key_result = initiative.key_result
    form = InitiativeForm(
        request.POST,
        people=plan_people(key_result.objective, {key_result.team_id}),
        prefix_id=str(pk),
        instance=None,
    )
    return _saved(
        request,
        key_result,
        form,
        lambda fields: actions.update_initiative(initiative, by=request.user, **fields),
    )


@organization_required
@require_POST
def initiative_status(request, pk):
    """Move an initiative to another status: started, done or dropped."""
    initiative = _initiative(request, pk)
    status = request.POST.get("status", "")
    try:
        actions.update_initiative(initiative, by=request.user, status=status)
    except ValidationError:
        if not request.htmx:
            messages.error(request, f"Unknown status {status[:20]!r} for an initiative.")
        return _answer(request, initiative.key_result, status=422)
    return _answer(request, initiative.key_result)


@organization_required
@require_POST
def initiative_remove(request, pk):
    """Remove an initiative from its action plan; the objective's history keeps it."""
    initiative = _initiative(request, pk)
    actions.remove_initiative(initiative, by=request.user)
    return _answer(request, initiative.key_result)


@organization_required
@require_POST
def move_to_action_plan(request, pk):
    """Turn an activity key result into an initiative under another key result of its objective."""
    activity = _key_result(request, pk)
    under = None
    if request.POST.get("under"):
        try:
            under_id = int(request.POST["under"])
        except ValueError:
            raise Http404("No such key result.") from None
        under = get_object_or_404(
            KeyResult.objects.filter(objective_id=activity.objective_id), pk=under_id
        )
    try:
        initiative = actions.move_to_action_plan(activity, under, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"“{initiative.title}” is now an initiative under “{initiative.key_result}”; "
            "the key result is in the trash, restorable for 30 days.",
        )
    return redirect("objective-edit", pk=activity.objective_id)
