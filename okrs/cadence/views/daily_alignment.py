"""A team's members decide on its page whether it holds Daily Alignment."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from okrs.cadence.actions import choose_daily_alignment
from okrs.organizations.access import organization_required
from okrs.organizations.models import Team


@require_POST
@organization_required
def team_daily_alignment(request, slug):
    """Turn the team's Daily Alignment on or off: its own choice; its events are rescheduled."""
    team = get_object_or_404(Team.objects.of(request.organization), slug=slug)
    on = request.POST.get("daily_alignment") == "on"
    choose_daily_alignment(team, on, request.user)
    if on:
        messages.success(request, f"{team.name} holds Daily Alignment; its events are scheduled.")
    else:
        messages.success(request, f"{team.name} holds no Daily Alignment.")
    return redirect("team", slug=team.slug)
