"""Drafting an objective and its key results, with the coach's findings live."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from okrs import clock
from okrs.cycles.chosen import current_cycle_of
from okrs.cycles.models import Cycle
from okrs.domain.plans import PLAN_FIELDS, is_replan
from okrs.domain.publishing import errors_message
from okrs.kpis.forms import RespondsToForm
from okrs.kpis.models import KPI
from okrs.kpis.responses import draft_description, draft_title, set_responses
from okrs.objectives import actions
from okrs.objectives.co_creation import drafter_for
from okrs.objectives.coaching import (
    ACTIVITY_RULE,
    action_plan_moves,
    draft_findings,
    saved_key_results,
)
from okrs.objectives.drafting import KeyResultFormSet, ObjectiveForm
from okrs.objectives.fields import KEY_RESULT_EDITABLE
from okrs.objectives.focus import cadence_findings
from okrs.objectives.models import KeyResult, Objective
from okrs.objectives.publishing import publish_errors
from okrs.objectives.sharing import set_contributors
from okrs.organizations.access import organization_required
from okrs.organizations.models import Team
from okrs.organizations.permissions import can_write_objective, writable_team_ids
from okrs.organizations.visibility import can_see_objective
from okrs.planning.learnings import learnings_for

OBJECTIVE_FIELDS = ["title", "team", "cycle", "status", "ambition", "description", "hypothesis"]


def _initial(request, organization, kpi: KPI | None) -> dict:
    """Return the form's starting values from ?team= and ?cycle=, else the current cycle."""
    initial: dict[str, Any] = {"status": Objective.State.DRAFT}
    cycles = list(Cycle.objects.of(organization).exclude(state=Cycle.State.CLOSED))
    wanted = request.GET.get("cycle", "")
    initial["cycle"] = next((c for c in cycles if str(c.pk) == wanted), None) or current_cycle_of(
        cycles
    )
    team = Team.objects.of(organization).filter(slug=request.GET.get("team", "")).first()
    if team is not None:
        initial["team"] = team
    if kpi is not None:
        initial["title"], initial["description"] = draft_title(kpi), draft_description(kpi)
        initial["responds_to"] = [kpi]
        if team is None:
            initial["team"] = _team_answering(request.user, kpi)
    return initial


def _prompting_kpi(request, organization) -> KPI | None:
    """Return the KPI named by ?kpi=, the one the objective is drafted in response to."""
    wanted = request.GET.get("kpi", "")
    if not wanted.isdigit():
        return None
    return KPI.objects.of(organization).select_related("team").filter(pk=wanted).first()


def _team_answering(person, kpi: KPI) -> Team | None:
    """Return the KPI's team when the person writes for it, else the first team they belong to."""
    writable = writable_team_ids(person)
    if writable is None or kpi.team_id in writable:
        return kpi.team
    return Team.objects.filter(pk__in=writable, archived_at=None).order_by("name").first()


def _show_on(form, error: ValidationError) -> None:
    """Put an action's error next to the form's field it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@transaction.atomic
def _save(form, formset, responses, person, objective: Objective | None) -> Objective:
    """Write the objective and its key results through the actions."""
    values = {name: form.cleaned_data[name] for name in OBJECTIVE_FIELDS}
    publishing = values["status"] == Objective.State.ACTIVE and (
        objective is None or Objective.objects.get(pk=objective.pk).status == Objective.State.DRAFT
    )
    if objective is None:
        cycle = values.pop("cycle")
        drafter = drafter_for(person, values["team"])
        objective = actions.create_objective(cycle, drafted_by=drafter, **values)
    else:
        actions.update_objective(objective, version=form.cleaned_data["version"], **values)
    actions.set_alignment(objective, list(form.cleaned_data["aligned_to"]))
    set_responses(objective, list(responses.cleaned_data["responds_to"]), by=person)
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
    if publishing:
        _refuse_errors(objective)
    return objective


def _refuse_errors(objective: Objective) -> None:
    """Refuse to publish from the form a draft the coach marks errors in: fix or give a reason."""
    errors = publish_errors(objective)
    if errors:
        raise ValidationError(
            {
                "status": f"{errors_message(errors)} Keep it a draft and publish it from the "
                "planning board, where you can give the reason."
            }
        )


def _form_page(request, objective: Objective | None):
    organization = request.organization
    writable = writable_team_ids(request.user)
    data = request.POST if request.method == "POST" else None
    prompted = _prompting_kpi(request, organization) if objective is None and not data else None
    form = ObjectiveForm(
        data,
        instance=objective,
        organization=organization,
        writable_team_ids=writable,
        initial=None if objective else _initial(request, organization, prompted),
    )
    formset = KeyResultFormSet(
        data,
        instance=objective or Objective(),
        prefix="kr",
        form_kwargs={"teams": list(Team.objects.of(organization))},
    )
    linked = list(objective.kpi_responses.values_list("kpi_id", flat=True)) if objective else []
    responses = RespondsToForm(
        data,
        organization=organization,
        linked=linked,
        initial={"responds_to": linked or form.initial.get("responds_to", [])},
    )
    stale = False
    posted = request.method == "POST"
    if posted and form.is_valid() and formset.is_valid() and responses.is_valid():
        try:
            saved = _save(form, formset, responses, request.user, objective)
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
    moves = {}
    activities = any(finding.rule == ACTIVITY_RULE for finding in findings)
    if activities and objective is not None and objective.cycle.state != "closed":
        moves = action_plan_moves(findings, saved_key_results(data, objective), objective)
    learnings = learnings_for(team, cycle, request.user) if team and cycle else None
    published = objective is not None and objective.status != Objective.State.DRAFT
    context = {
        "replanning": cycle is not None
        and is_replan(cycle.start, clock.today(), published, set(PLAN_FIELDS)),
        "learnings": learnings,
        "form": form,
        "formset": formset,
        "responses": responses,
        "prompted": prompted,
        "objective": objective,
        "findings": findings,
        "coached": coached(findings, moves),
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


def coached(findings: list, moves: dict) -> list[tuple]:
    """Return each finding with the move into an action plan it offers, or None."""
    return [(finding, moves.get(finding.target)) for finding in findings]


def _draft_moves(request, findings: list) -> dict:
    """Return the moves into an action plan offered on a saved objective the person may edit."""
    saved = saved_key_results(request.POST, None)
    if not saved:
        return {}
    objective = (
        Objective.objects.of(request.organization)
        .filter(key_results__pk__in=list(saved.values()))
        .select_related("team", "cycle")
        .first()
    )
    if (
        objective is None
        or objective.cycle.state == "closed"
        or not can_write_objective(request.user, objective)
    ):
        return {}
    return action_plan_moves(findings, saved, objective)


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
    activities = any(finding.rule == ACTIVITY_RULE for finding in findings)
    moves = (
        _draft_moves(request, findings) if activities and not request.user.is_read_only() else {}
    )
    context = {"findings": findings, "coached": coached(findings, moves)}
    return render(request, "web/_coach.html", context)
