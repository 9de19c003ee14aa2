"""Home (my OKRs) and the organisation's alignment tree."""

import weakref
from itertools import chain
from urllib.parse import urlencode

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from okrs import clock
from okrs.administration.getting_started import getting_started
from okrs.cadence.attention import radar as attention_radar
from okrs.cycles.chosen import chosen_cycle, current_cycle_of, open_cycles
from okrs.cycles.models import Cycle
from okrs.domain.states import State, look
from okrs.objectives.attention import running_cycles
from okrs.objectives.scorecards import with_overrides
from okrs.objectives.tree import NEEDS_ATTENTION, alignment_tree, filter_tree
from okrs.organizations.access import organization_required
from okrs.organizations.models import Membership, Team
from okrs.organizations.visibility import visibility_filter
from okrs.routers import reads_from_replica
from okrs.web.live import live_vals
from okrs.web.my_okrs import due_key_results, key_results_to_check_in, my_cards
from okrs.web.tree_markup import tree_chunks


@organization_required
def home(request):
    """Show my teams' objectives in every open cycle (or the one picked), due key results first."""
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    picked = chosen_cycle(request, cycles) if request.GET.get("cycle") else None
    shown_cycles = [picked] if picked is not None else open_cycles(cycles)
    memberships = list(Membership.objects.filter(person=request.user).select_related("team"))
    team_ids = [m.team_id for m in memberships]
    cards = my_cards(request.user, organization, shown_cycles, team_ids)
    window = organization.practice().check_in_days
    with_overrides(cards)
    due = due_key_results(cards, window)
    groups = [(c, [k for k in cards if k.objective.cycle_id == c.pk]) for c in shown_cycles]
    context = {
        "cycles": cycles,
        "cycle": picked,
        "shown_cycles": shown_cycles,
        "new_in": picked or current_cycle_of(cycles),
        "groups": groups,
        "cards": cards,
        "due": due,
        "can_check_in": bool(key_results_to_check_in(cards)),
        "window": window,
        "memberships": memberships,
        "getting_started": getting_started(organization, request.user),
        "live": live_vals("home", cards, due),
    }
    return render(request, "web/home.html", context)


# The tree leaves abandoned objectives out, so it offers no filter on them; what needs attention
# (the dashboard's radar) is offered beside the states.
TREE_STATES = [
    *((state.value, look(state).label) for state in State if state != State.ABANDONED),
    (NEEDS_ATTENTION, "Needs attention"),
]
NODES = mark_safe("<!-- okrs: the tree's nodes stream here -->")  # noqa: S308 - a constant


def filtered_tree(request, cycle: Cycle | None, cycles: list[Cycle]):
    """Return the cycle's tree as the person may see it, pruned to the request's filters.

    Returns the tree (None without a cycle), the filters read and how many objectives match.
    """
    organization = request.organization
    seen = visibility_filter(request.user)
    found = alignment_tree(organization, cycle, cycles, clock.today(), seen) if cycle else None
    filters = {key: request.GET.get(key, "").strip() for key in ("team", "status", "level", "q")}
    matched = 0
    if found is not None:
        attention = None
        if filters["status"] == NEEDS_ATTENTION:
            radar = attention_radar(organization, running_cycles(cycles, clock.today()))
            attention = radar.objective_ids()
        matched = filter_tree(
            found, filters["team"], filters["status"], filters["level"], filters["q"], attention
        )
    return found, filters, matched


@organization_required
@reads_from_replica
def tree(request):
    """Show the cycle's alignment tree: company, strategic and tactical objectives."""
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    cycle = chosen_cycle(request, cycles)
    found, filters, matched = filtered_tree(request, cycle, cycles)
    context = {
        "cycles": cycles,
        "cycle": cycle,
        # Django's template context holds a reference cycle: given the tree itself, it would keep
        # every row of a large tree alive until the next full garbage collection. The response
        # holds the tree instead, so it is freed as soon as the page has been sent.
        "tree": weakref.proxy(found) if found is not None else None,
        "filters": filters,
        "states": TREE_STATES,
        "filtering": any(filters.values()),
        "export_query": urlencode(
            {"cycle": cycle.pk if cycle else "", **{k: v for k, v in filters.items() if v}}
        ),
        "matched": matched,
        "teams": Team.objects.of(organization).order_by("name"),
        "nodes": NODES,
    }
    page = render_to_string("web/tree.html", context, request)
    before, marker, after = page.partition(NODES)
    if not marker:
        response = HttpResponse(page)
    else:
        # A large organisation's nodes run to megabytes: they are written and sent in pieces
        # once every query has run, never held as one string.
        pieces = chain([before], tree_chunks(found.roots, cycle.pk), [after])
        if found.streamed():
            response = StreamingHttpResponse(pieces)
        else:
            response = HttpResponse("".join(pieces))
    response.alignment_tree = found
    return response
