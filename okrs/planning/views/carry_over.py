"""Carry a team's objectives of the previous cycle over into the cycle being planned."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from okrs import clock
from okrs.objectives.models import Objective
from okrs.objectives.scorecards import scorecards_for
from okrs.organizations.access import organization_required
from okrs.organizations.visibility import visibility_filter
from okrs.planning import actions
from okrs.planning.board import Viewer
from okrs.planning.learnings import previous_cycle
from okrs.planning.views.helpers import cycle_of, team_of, visible_objective


def _rows(request, cycle, team, objectives: list[Objective]) -> list:
    """Return a card per objective with the copy already made in the cycle, if any."""
    cards = scorecards_for(objectives, request.organization.score_scale, clock.today())
    copies = {
        o.carried_from_id: o
        for o in Objective.objects.of(request.organization).filter(
            carried_from__in=objectives, cycle=cycle
        )
    }
    for objective in objectives:
        cards[objective.pk].copy = copies.get(objective.pk)
    return [cards[o.pk] for o in objectives]


@organization_required
def carry_over_page(request, cycle_id, slug):
    """List the team's objectives of the previous cycle, each with a button to carry it over."""
    cycle = cycle_of(request, cycle_id)
    team = team_of(request, slug)
    before = previous_cycle(cycle)
    objectives = []
    if before is not None:
        objectives = list(
            Objective.objects.of(request.organization)
            .filter(visibility_filter(request.user), team=team, cycle=before)
            .exclude(status=Objective.State.ABANDONED)
            .select_related("team", "owner", "cycle")
            .order_by("id")
        )
    context = {
        "cycle": cycle,
        "team": team,
        "before": before,
        "rows": _rows(request, cycle, team, objectives),
        "can_write": Viewer.of(request.user).can_write_team(team),
    }
    return render(request, "planning/carry_over.html", context)


@require_POST
@organization_required
def carry_over(request, cycle_id, slug, pk):
    """Carry one objective over into the cycle as a draft, closing the old one."""
    cycle = cycle_of(request, cycle_id)
    team = team_of(request, slug)
    objective = visible_objective(request, pk)
    if objective.team_id != team.pk:
        raise PermissionDenied("Carry over the team's own objectives.")
    if not Viewer.of(request.user).can_write_team(team):
        raise PermissionDenied("Only the team carries its objectives over.")
    error, result = "", None
    try:
        result = actions.carry_over(objective, cycle)
    except ValidationError as failure:
        error = "; ".join(failure.messages)
    if request.htmx:
        objective.refresh_from_db()
        row = _rows(request, cycle, team, [objective])[0]
        context = {"row": row, "cycle": cycle, "team": team, "can_write": True, "error": error}
        context["left_behind"] = result.left_behind if result else []
        return render(request, "planning/_carry_row.html", context)
    if error:
        messages.error(request, error)
    else:
        message = f"Carried over “{objective.title}” into {cycle.name} as a draft."
        if result.left_behind:
            reached = ", ".join(f"“{kr.title}”" for kr in result.left_behind)
            message += f" Already reached, so left behind: {reached}."
        messages.success(request, message)
    return redirect("planning-carry-over", cycle.pk, team.slug)
