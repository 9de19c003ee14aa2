"""Helpers shared by the page views: organisation access and cycle choice."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from okrs import clock
from okrs.cycles.models import Cycle, pick_current
from okrs.organizations.permissions import writable_team_ids


def organization_required(view):
    """Require a signed-in person who belongs to an organisation."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if request.organization is None:
            return render(request, "web/no_organization.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def today():
    """Return today's date in the configured time zone."""
    return clock.today()


def chosen_cycle(request, cycles: list[Cycle]) -> Cycle | None:
    """Return the cycle named by ?cycle=, else the current one; 404 for an unknown id."""
    wanted = request.GET.get("cycle", "")
    if wanted:
        for cycle in cycles:
            if str(cycle.pk) == wanted:
                return cycle
        raise Http404("No such cycle.")
    return current_cycle_of(cycles)


def current_cycle_of(cycles: list[Cycle]) -> Cycle | None:
    """Return the current cycle among already-loaded cycles."""
    return pick_current(cycles, today())


def mark_writable(cards, person) -> None:
    """Set card.can_write on each objective card for the person, in one query."""
    team_ids = writable_team_ids(person)
    for card in cards:
        objective = card.objective
        if person.is_read_only() or objective.cycle.state == "closed":
            card.can_write = False
        elif objective.team_id is None:
            card.can_write = objective.owner_id == person.pk or team_ids is None
        else:
            card.can_write = team_ids is None or objective.team_id in team_ids
