"""Home (my OKRs) and the organisation's alignment tree."""

import weakref
from datetime import timedelta
from itertools import chain

from django.db.models import Q
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from okrs import clock
from okrs.administration.getting_started import getting_started
from okrs.cycles.chosen import chosen_cycle
from okrs.cycles.models import Cycle
from okrs.domain.states import State, look
from okrs.objectives.models import Objective
from okrs.objectives.scorecards import scorecards_for, with_overrides
from okrs.objectives.tree import alignment_tree, filter_tree
from okrs.organizations.access import organization_required
from okrs.organizations.models import Membership, Team
from okrs.organizations.permissions import mark_writable
from okrs.organizations.visibility import visibility_filter
from okrs.routers import reads_from_replica
from okrs.web.tree_markup import tree_chunks


def is_due(key_result, window_days: int, now) -> bool:
    """Return whether the key result has had no check-in within the cadence window."""
    return key_result.checked_in_at is None or key_result.checked_in_at < now - timedelta(
        days=window_days
    )


@organization_required
def home(request):
    """Show my teams' objectives in the cycle, key results due a check-in first."""
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    cycle = chosen_cycle(request, cycles)
    memberships = list(Membership.objects.filter(person=request.user).select_related("team"))
    team_ids = [m.team_id for m in memberships]
    objectives = []
    if cycle is not None:
        mine = (
            Q(team_id__in=team_ids) | Q(contributions__team_id__in=team_ids) | Q(owner=request.user)
        )
        objectives = list(
            Objective.objects.of(organization)
            .filter(mine, visibility_filter(request.user, team_ids=set(team_ids)), cycle=cycle)
            .exclude(status=Objective.State.ABANDONED)
            .select_related("team", "owner", "cycle")
            .distinct()
        )
    cards = list(scorecards_for(objectives, organization.score_scale, clock.today()).values())
    window = organization.practice().check_in_days
    now = clock.now()
    mark_writable(cards, request.user)
    with_overrides(cards)
    due = [
        kr_card
        for card in cards
        if card.objective.status in (Objective.State.ACTIVE, Objective.State.DRAFT)
        for kr_card in card.key_results
        if is_due(kr_card.key_result, window, now) and not kr_card.key_result.linked_objective_id
    ]
    context = {
        "cycles": cycles,
        "cycle": cycle,
        "cards": cards,
        "due": due,
        "window": window,
        "memberships": memberships,
        "getting_started": getting_started(organization, request.user),
    }
    return render(request, "web/home.html", context)


# The tree leaves abandoned objectives out, so it offers no filter on them.
TREE_STATES = [(state.value, look(state).label) for state in State if state != State.ABANDONED]
NODES = mark_safe("<!-- okrs: the tree's nodes stream here -->")  # noqa: S308 - a constant


@organization_required
@reads_from_replica
def tree(request):
    """Show the cycle's alignment tree: company, strategic and tactical objectives."""
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    cycle = chosen_cycle(request, cycles)
    seen = visibility_filter(request.user)
    found = alignment_tree(organization, cycle, cycles, clock.today(), seen) if cycle else None
    filters = {key: request.GET.get(key, "").strip() for key in ("team", "status", "level", "q")}
    matched = 0
    if found is not None:
        matched = filter_tree(
            found, filters["team"], filters["status"], filters["level"], filters["q"]
        )
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
