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


def open_cycles(cycles: list[Cycle]) -> list[Cycle]:
    """Return the cycles open today: active, or covering today and not closed; longest first.

    Without any, the current one (a cycle being planned, say) stands in, so a page is never empty
    only because no cycle has started.
    """
    today = clock.today()
    found = [
        c
        for c in cycles
        if c.state == Cycle.State.ACTIVE
        or (c.state != Cycle.State.CLOSED and c.start <= today <= c.end)
    ]
    if not found:
        current = pick_current(cycles, today)
        found = [current] if current is not None else []
    return sorted(found, key=lambda c: (-(c.end - c.start).days, c.start, c.name))
