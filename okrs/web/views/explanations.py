"""Why an objective shows its figures: a page of its own, or the panel the objective page opens."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from okrs import clock
from okrs.domain.explain_text import reading
from okrs.objectives.explanations import explain
from okrs.objectives.models import Objective
from okrs.organizations.access import organization_required
from okrs.organizations.visibility import can_see_objective, member_team_ids, visibility_filter


@organization_required
def objective_why(request, pk):
    """Explain every figure of the objective with its formula and values; a panel for htmx."""
    organization = request.organization
    objective = get_object_or_404(
        Objective.objects.of(organization).select_related("team", "cycle"), pk=pk
    )
    team_ids = member_team_ids(request.user)
    if not can_see_objective(request.user, objective, team_ids):
        raise Http404("No such objective.")
    seen = visibility_filter(request.user, team_ids=team_ids)
    why = explain(objective, organization.score_scale, clock.today(), seen)
    context = {"objective": objective, "why": why, "reading": reading(why)}
    template = "web/_why_body.html" if request.htmx else "web/objective_why.html"
    return render(request, template, context)
