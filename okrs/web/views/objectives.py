"""An objective's page: key results, pace, check-in history, alignment and hypothesis."""

from collections import defaultdict

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from okrs.domain.chart import sparkline
from okrs.objectives.charts import progress_chart
from okrs.objectives.models import CheckIn, Contribution, Objective
from okrs.objectives.scorecards import scorecards_for
from okrs.planning.visibility import can_see_objective, member_team_ids, visibility_filter
from okrs.web.views.common import mark_writable, organization_required, today


@organization_required
def objective_detail(request, pk):
    """Show one objective with everything a check-in or review needs."""
    organization = request.organization
    objective = get_object_or_404(
        Objective.objects.of(organization).select_related("team", "owner", "cycle"), pk=pk
    )
    team_ids = member_team_ids(request.user)
    if not can_see_objective(request.user, objective, team_ids):
        raise Http404("No such objective.")
    card = scorecards_for([objective], organization.score_scale, today())[objective.pk]
    mark_writable([card], request.user)
    check_ins = list(
        CheckIn.objects.of(organization)
        .filter(key_result__objective=objective)
        .select_related("author")
        .order_by("-checked_in_at", "-id")
    )
    history = defaultdict(list)
    for check_in in check_ins:
        history[check_in.key_result_id].append(check_in)
    for kr_card in card.key_results:
        kr_card.history = history[kr_card.key_result.pk]
        oldest_first = list(reversed(kr_card.history))
        kr_card.chart = progress_chart(kr_card.key_result, objective.cycle, oldest_first)
        kr_card.confidence_line = sparkline([c.confidence for c in oldest_first])
    context = {
        "objective": objective,
        "card": card,
        "check_ins": check_ins,
        "parents": list(objective.aligned_to.select_related("team")),
        "children": list(
            objective.aligned_children.filter(
                visibility_filter(request.user, team_ids=team_ids)
            ).select_related("team")
        ),
        "contributors": [
            c.team for c in Contribution.objects.filter(objective=objective).select_related("team")
        ],
    }
    return render(request, "web/objective.html", context)
