"""A team's backlog of candidate objectives: add, drop, and promote one into a cycle."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from okrs.cycles.models import Cycle
from okrs.organizations.access import organization_required
from okrs.planning import actions
from okrs.planning.board import Viewer
from okrs.planning.forms import CandidateForm, PromoteForm
from okrs.planning.models import CandidateObjective
from okrs.planning.views.helpers import team_of

PROMOTED_SHOWN = 20


def _open_cycles(organization) -> list[Cycle]:
    return list(Cycle.objects.of(organization).exclude(state=Cycle.State.CLOSED).order_by("start"))


@organization_required
def backlog(request, slug):
    """Show the team's candidate objectives and add one."""
    team = team_of(request, slug)
    can_write = Viewer.of(request.user).can_write_team(team)
    form = CandidateForm(request.POST or None) if can_write else None
    status = 200
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied("Only the team adds to its backlog.")
        if form.is_valid():
            candidate = actions.add_candidate(team, added_by=request.user, **form.cleaned_data)
            messages.success(request, f"“{candidate.title}” is in the backlog.")
            return redirect("planning-backlog", team.slug)
        status = 422
    candidates = list(
        CandidateObjective.objects.of(request.organization)
        .filter(team=team)
        .select_related("added_by", "promoted_to__cycle")
        .order_by("-created_at", "-id")
    )
    waiting = [c for c in candidates if c.is_waiting()]
    promoted = sorted(
        (c for c in candidates if not c.is_waiting()), key=lambda c: c.promoted_at, reverse=True
    )
    cycles = _open_cycles(request.organization)
    wanted = request.GET.get("cycle", "")
    context = {
        "team": team,
        "form": form,
        "can_write": can_write,
        "waiting": waiting,
        "promoted": promoted[:PROMOTED_SHOWN],
        "cycles": cycles,
        "preferred": next((c for c in cycles if str(c.pk) == wanted), None)
        or next((c for c in cycles if c.state == Cycle.State.PLANNING), None),
    }
    return render(request, "planning/backlog.html", context, status=status)


def _candidate(request, pk) -> CandidateObjective:
    candidate = get_object_or_404(
        CandidateObjective.objects.of(request.organization).select_related("team"), pk=pk
    )
    if not Viewer.of(request.user).can_write_team(candidate.team):
        raise PermissionDenied("Only the team changes its backlog.")
    return candidate


@require_POST
@organization_required
def promote(request, pk):
    """Move a candidate into a cycle as the team's draft."""
    candidate = _candidate(request, pk)
    form = PromoteForm(request.POST, organization=request.organization)
    if not form.is_valid():
        messages.error(request, "Choose an open cycle to promote into.")
        return redirect("planning-backlog", candidate.team.slug)
    cycle = form.cleaned_data["cycle"]
    try:
        objective = actions.promote_candidate(candidate, cycle)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
        return redirect("planning-backlog", candidate.team.slug)
    messages.success(
        request, f"“{objective.title}” is now a draft in {cycle.name}: add its key results."
    )
    return redirect("planning-team", cycle.pk, candidate.team.slug)


@require_POST
@organization_required
def drop(request, pk):
    """Remove a candidate from the backlog."""
    candidate = _candidate(request, pk)
    try:
        actions.drop_candidate(candidate)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        if request.htmx:
            return render(request, "planning/_dropped.html", {"candidate": candidate})
        messages.success(request, f"Dropped “{candidate.title}” from the backlog.")
    return redirect("planning-backlog", candidate.team.slug)
