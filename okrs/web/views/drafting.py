"""Drafting an objective and its key results, with the coach's findings live."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from okrs import clock
from okrs.cycles.chosen import current_cycle_of
from okrs.cycles.models import Cycle
from okrs.domain.plans import PLAN_FIELDS, is_replan
from okrs.objectives import actions
from okrs.objectives.co_creation import drafter_for
from okrs.objectives.coaching import draft_findings
from okrs.objectives.drafting import KeyResultFormSet, ObjectiveForm
from okrs.objectives.fields import KEY_RESULT_EDITABLE
from okrs.objectives.focus import cadence_findings
from okrs.objectives.models import KeyResult, Objective
from okrs.objectives.sharing import set_contributors
from okrs.organizations.access import organization_required
from okrs.organizations.models import Team
from okrs.organizations.permissions import can_write_objective, writable_team_ids
from okrs.organizations.visibility import can_see_objective
from okrs.planning.learnings import learnings_for

OBJECTIVE_FIELDS = ["title", "team", "cycle", "status", "ambition", "description", "hypothesis"]


def _initial(request, organization) -> dict:
    """Return the form's starting values from ?team= and ?cycle=, else the current cycle."""
    initial = {"status": Objective.State.DRAFT}
    cycles = list(Cycle.objects.of(organization).exclude(state=Cycle.State.CLOSED))
    wanted = request.GET.get("cycle", "")
    initial["cycle"] = next((c for c in cycles if str(c.pk) == wanted), None) or current_cycle_of(
        cycles
    )
    team = Team.objects.of(organization).filter(slug=request.GET.get("team", "")).first()
    if team is not None:
        initial["team"] = team
    return initial


def _show_on(form, error: ValidationError) -> None:
    """Put an action's error next to the form's field it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@transaction.atomic
def _save(form, formset, person, objective: Objective | None) -> Objective:
    """Write the objective and its key results through the actions."""
    values = {name: form.cleaned_data[name] for name in OBJECTIVE_FIELDS}
    if objective is None:
        cycle = values.pop("cycle")
        drafter = drafter_for(person, values["team"])
        objective = actions.create_objective(cycle, drafted_by=drafter, **values)
    else:
        actions.update_objective(objective, version=form.cleaned_data["version"], **values)
    actions.set_alignment(objective, list(form.cleaned_data["aligned_to"]))
    set_contributors(objective, list(form.cleaned_data["contributing_teams"]), by=person)
    position = 0
    for kr_form in formset.forms:
        data = getattr(kr_form, "cleaned_data", {})
        if not data or not data.get("title"):
            continue
        existing = kr_form.instance if kr_form.instance.pk else None
        if data.get("DELETE"):
            if existing is not None:
                actions.remove_key_result(existing, by=person)
            continue
        fields = {name: data[name] for name in [*KEY_RESULT_EDITABLE, "team"]}
        fields["weight"] = fields["weight"] if fields["weight"] is not None else 1
        fields["position"] = position
        if existing is None:
            actions.add_key_result(objective, **fields)
        else:
            stored = KeyResult.objects.get(pk=existing.pk)  # the form already wrote into `existing`
            changed = {k: v for k, v in fields.items() if getattr(stored, k) != v}
            if changed:
                try:
                    actions.update_key_result(
                        stored, reason=data.get("reason", ""), by=person, **changed
                    )
                except ValidationError as error:
                    _show_on(kr_form, error)
                    raise
        position += 1
    return objective


def _form_page(request, objective: Objective | None):
    organization = request.organization
    writable = writable_team_ids(request.user)
    data = request.POST if request.method == "POST" else None
    form = ObjectiveForm(
        data,
        instance=objective,
        organization=organization,
        writable_team_ids=writable,
        initial=None if objective else _initial(request, organization),
    )
    formset = KeyResultFormSet(
        data,
        instance=objective or Objective(),
        prefix="kr",
        form_kwargs={"teams": list(Team.objects.of(organization))},
    )
    stale = False
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = _save(form, formset, request.user, objective)
        except actions.StaleVersion as error:
            stale = True
            form.add_error(
                None, f"{error} Reload the page to see the latest version; your text is kept below."
            )
        except ValidationError as error:
            form.add_error(None, "; ".join(error.messages))
        else:
            messages.success(request, f"Saved “{saved.title}”.")
            return redirect("objective", saved.pk)
    chosen = getattr(form, "cleaned_data", {})
    team = chosen.get("team") or (objective.team if objective else form.initial.get("team"))
    cycle = chosen.get("cycle") or (objective.cycle if objective else form.initial.get("cycle"))
    findings = draft_findings(request.POST if data else None, objective, organization)
    findings += cadence_findings(team, cycle, objective, organization)
    learnings = learnings_for(team, cycle, request.user) if team and cycle else None
    published = objective is not None and objective.status != Objective.State.DRAFT
    context = {
        "replanning": cycle is not None
        and is_replan(cycle.start, clock.today(), published, set(PLAN_FIELDS)),
        "learnings": learnings,
        "form": form,
        "formset": formset,
        "objective": objective,
        "findings": findings,
        "stale": stale,
    }
    status = 409 if stale else (422 if request.method == "POST" else 200)
    return render(request, "web/objective_form.html", context, status=status)


@organization_required
def objective_new(request):
    """Draft a new objective with its key results."""
    if request.user.is_read_only():
        raise PermissionDenied("Stakeholders read OKRs; they do not draft them.")
    return _form_page(request, None)


@organization_required
def objective_edit(request, pk):
    """Edit an objective and its key results; someone else's newer change is never overwritten."""
    objective = get_object_or_404(
        Objective.objects.of(request.organization).select_related("team"), pk=pk
    )
    if not can_see_objective(request.user, objective):
        raise Http404("No such objective.")
    if not can_write_objective(request.user, objective):
        raise PermissionDenied("Only the owning team can edit this objective.")
    return _form_page(request, objective)


def _posted(rows, raw: str):
    """Return the row a form posted the id of, or None for anything not a stored id."""
    return rows.filter(pk=raw).first() if raw.isdigit() and len(raw) < 19 else None


@organization_required
def coach_draft(request):
    """Return the coach's findings for the draft being typed (htmx)."""
    organization = request.organization
    findings = draft_findings(request.POST, None, organization)
    team = _posted(Team.objects.of(organization), request.POST.get("team", ""))
    cycle = _posted(Cycle.objects.of(organization), request.POST.get("cycle", ""))
    findings += cadence_findings(team, cycle, None, organization)
    return render(request, "web/_coach.html", {"findings": findings})
