"""A team's page: its objectives, key results, people, check-ins and KPIs."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from okrs import clock
from okrs.cadence.daily_alignment import daily_alignment_choice
from okrs.cycles.chosen import chosen_cycle
from okrs.cycles.models import Cycle
from okrs.kpis.models import KPI
from okrs.objectives.models import CheckIn, KeyResult, Objective
from okrs.objectives.scorecards import scorecards_for, with_overrides
from okrs.organizations.access import organization_required
from okrs.organizations.models import Membership, Team
from okrs.organizations.permissions import can_write_team, mark_writable
from okrs.organizations.visibility import member_team_ids, private_drafts, visibility_filter
from okrs.web.live import live_vals
from okrs.web.views.kpis import drafts_responses


@organization_required
def team_detail(request, slug):
    """Show one team of the organisation."""
    organization = request.organization
    team = get_object_or_404(Team.objects.of(organization).select_related("parent"), slug=slug)
    cycles = list(Cycle.objects.of(organization))
    cycle = chosen_cycle(request, cycles)
    team_ids = member_team_ids(request.user)
    seen = visibility_filter(request.user, team_ids=team_ids)
    objectives, hidden = [], []
    if cycle is not None:
        hidden = private_drafts(
            Objective.objects.of(organization).filter(team=team, cycle=cycle), request.user
        )
        objectives = list(
            Objective.objects.of(organization)
            .filter(Q(team=team) | Q(contributions__team=team), seen, cycle=cycle)
            .select_related("team", "owner", "cycle")
            .distinct()
        )
    cards = list(scorecards_for(objectives, organization.score_scale, clock.today()).values())
    mark_writable(cards, request.user)
    with_overrides(cards)
    # A subquery of the team's key results lets SQLite walk the (organisation, key result,
    # time) index instead of every check-in of the organisation.
    key_results = KeyResult.all_objects.filter(objective__team=team).filter(
        visibility_filter(request.user, "objective__", team_ids)
    )
    check_ins = list(
        CheckIn.objects.of(organization)
        .filter(key_result__in=key_results.values("pk"))
        .select_related("key_result", "author")[:12]
    )
    kpis = list(KPI.objects.of(organization).filter(team=team))
    context = {
        "team": team,
        "cycles": cycles,
        "cycle": cycle,
        "cards": cards,
        "members": list(Membership.objects.filter(team=team).select_related("person")),
        "subteams": list(Team.objects.of(organization).filter(parent=team)),
        "check_ins": check_ins,
        "kpis": [k for k in kpis if k.archived_at is None],
        "archived_kpis": [k for k in kpis if k.archived_at is not None],
        "keeps_kpis": can_write_team(request.user, team, member_of=team_ids),
        "drafts_responses": drafts_responses(request.user, team_ids),
        "live": live_vals("team", cards),
        "private_drafts": hidden,
        "daily_alignment": daily_alignment_choice(team, organization, request.user, team_ids),
    }
    return render(request, "web/team.html", context)
