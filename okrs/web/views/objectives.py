"""An objective's page: key results, pace, check-in history, alignment and hypothesis."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from okrs import clock
from okrs.domain.mix import indicator_mix
from okrs.domain.states import override_refusal
from okrs.evaluation.hypotheses import verdicts_of
from okrs.kpis.responses import kpis_responded_to
from okrs.objectives import actions
from okrs.objectives.forms import StatusOverrideForm
from okrs.objectives.history import PAGE, objective_history
from okrs.objectives.models import Contribution, Initiative, Objective
from okrs.objectives.scorecards import scorecards_for, with_overrides
from okrs.objectives.trends import with_trends
from okrs.organizations.access import organization_required
from okrs.organizations.permissions import (
    can_override_status,
    can_write_objective,
    mark_writable,
)
from okrs.organizations.visibility import can_see_objective, member_team_ids, visibility_filter
from okrs.web.co_creation import co_creation_panel
from okrs.web.live import live_vals
from okrs.web.views.initiatives import plan_people

SIDEBAR = 10  # changes the objective page shows; the history page shows them all

LAST_PAGE = 1_000_000  # pages of the change log: beyond, the offset would outgrow the database


def _visible_objective(request, pk: int) -> Objective:
    """Return the organisation's objective the person may see, else 404."""
    objective = get_object_or_404(
        Objective.objects.of(request.organization).select_related("team", "owner", "cycle"), pk=pk
    )
    if not can_see_objective(request.user, objective, member_team_ids(request.user)):
        raise Http404("No such objective.")
    return objective


@organization_required
def objective_detail(request, pk, override_form=None):
    """Show one objective with everything a check-in or review needs.

    `override_form`, a status set by hand that was refused, is shown with its errors (422).
    """
    organization = request.organization
    objective = get_object_or_404(
        Objective.objects.of(organization).select_related(
            "team", "owner", "cycle", "drafted_by", "accepted_by"
        ),
        pk=pk,
    )
    team_ids = member_team_ids(request.user)
    if not can_see_objective(request.user, objective, team_ids):
        raise Http404("No such objective.")
    card = scorecards_for([objective], organization.score_scale, clock.today())[objective.pk]
    mark_writable([card], request.user, team_ids)
    with_overrides([card])
    check_ins = with_trends(card.key_results, objective.cycle, organization)
    action_plans = defaultdict(list)
    for initiative in Initiative.objects.filter(key_result__objective=objective).select_related(
        "owner"
    ):
        action_plans[initiative.key_result_id].append(initiative)
    for kr_card in card.key_results:
        kr_card.initiatives = action_plans[kr_card.key_result.pk]
    seen = visibility_filter(request.user, team_ids=team_ids)
    recent = objective_history(objective, limit=SIDEBAR + 1, seen=seen)
    context = {
        "today": clock.today(),
        "objective": objective,
        "card": card,
        "check_ins": check_ins,
        "parents": list(
            objective.aligned_to.filter(
                visibility_filter(request.user, team_ids=team_ids)
            ).select_related("team")
        ),
        "children": list(
            objective.aligned_children.filter(
                visibility_filter(request.user, team_ids=team_ids)
            ).select_related("team")
        ),
        "contributors": [
            c.team for c in Contribution.objects.filter(objective=objective).select_related("team")
        ],
        "verdicts": list(verdicts_of(objective)),
        "history": recent[:SIDEBAR],
        "more_history": len(recent) > SIDEBAR,
        "responds_to": kpis_responded_to([objective.pk])[objective.pk],
        "mix": indicator_mix(c.key_result.indicator for c in card.key_results),
        "live": live_vals("objective", [card]),
        "can_override": not override_refusal(objective.status, objective.cycle.state)
        and can_override_status(request.user, objective, _led(objective, team_ids)),
        "override_form": override_form or StatusOverrideForm(),
        "plan_people": list(
            plan_people(objective, {k.key_result.team_id for k in card.key_results})
        )
        if card.can_write
        else [],
        "co_creation": co_creation_panel(objective, request.user, team_ids),
        "can_finish": objective.status == Objective.State.ACTIVE
        and objective.team_id in team_ids
        and not request.user.is_read_only(),
    }
    status = 422 if override_form is not None else 200
    return render(request, "web/objective.html", context, status=status)


def _led(objective: Objective, team_ids: set[int]) -> set[int] | None:
    """Return no led teams when the person is not in the objective's team, else None: ask."""
    return None if objective.team_id in team_ids else set()


def _page_number(raw: str | None) -> int:
    """Return the page asked for: 1 unless a whole number, and no further than pages can go."""
    try:
        number = int(raw or "1")
    except ValueError:
        return 1
    return min(max(1, number), LAST_PAGE)


@organization_required
def objective_history_page(request, pk):
    """Show every recorded change to the objective, its key results and check-ins, by pages."""
    objective = _visible_objective(request, pk)
    number = _page_number(request.GET.get("page"))
    seen = visibility_filter(request.user)
    entries = objective_history(objective, PAGE + 1, (number - 1) * PAGE, seen)
    context = {
        "objective": objective,
        "history": entries[:PAGE],
        "page": number,
        "has_next": len(entries) > PAGE,
    }
    return render(request, "web/objective_history.html", context)


@organization_required
@require_POST
def objective_delete(request, pk):
    """Move the objective to the trash; admins and OKR leaders may restore it for 30 days."""
    objective = _visible_objective(request, pk)
    if (
        request.user.is_read_only()
        or objective.cycle.state == "closed"
        or not can_write_objective(request.user, objective)
    ):
        raise PermissionDenied("Only the owning team (or admins and OKR leaders) delete it.")
    actions.delete_objective(objective, by=request.user)
    messages.success(
        request,
        f"Deleted “{objective.title}”. Admins and OKR leaders can restore it for 30 days.",
    )
    if objective.team_id:
        return redirect(f"{reverse('team', args=[objective.team.slug])}?cycle={objective.cycle_id}")
    return redirect("home")
