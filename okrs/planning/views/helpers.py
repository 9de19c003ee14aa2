"""Lookups the planning views share: scoped to the organisation, 404 for anything else."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from okrs.cycles.models import Cycle
from okrs.objectives.models import Objective
from okrs.organizations.models import Team
from okrs.organizations.visibility import can_see_objective


def cycle_of(request, cycle_id: int) -> Cycle:
    """Return the organisation's cycle, or 404."""
    return get_object_or_404(Cycle.objects.of(request.organization), pk=cycle_id)


def team_of(request, slug: str) -> Team:
    """Return the organisation's team, or 404."""
    return get_object_or_404(
        Team.objects.of(request.organization).select_related("organization"), slug=slug
    )


def visible_objective(request, pk: int) -> Objective:
    """Return the organisation's objective when the person may see it, else 404."""
    objective = get_object_or_404(
        Objective.objects.of(request.organization).select_related("team", "owner", "cycle"),
        pk=pk,
    )
    if not can_see_objective(request.user, objective):
        raise Http404("No such objective.")
    return objective


def go_back(request, fallback: str):
    """Redirect to the page named by ?next= when it is ours, else to the fallback."""
    wanted = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return redirect(wanted)
    return redirect(fallback)
