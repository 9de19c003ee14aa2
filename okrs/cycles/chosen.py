"""The cycle a page shows: the one the person picked, else the current one."""

from django.http import Http404

from okrs import clock
from okrs.cycles.models import Cycle, pick_current


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
    return pick_current(cycles, clock.today())
