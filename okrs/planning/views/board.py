"""The planning overview and a cycle's planning board; leadership opens and ends planning."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.domain.limits import DATE_MAX
from okrs.domain.quarters import next_quarter
from okrs.objectives.models import Objective
from okrs.organizations.access import organization_required
from okrs.organizations.visibility import visibility_filter
from okrs.planning import actions
from okrs.planning.board import planning_board
from okrs.planning.forms import OpenPlanningForm
from okrs.planning.models import PlanningSession
from okrs.planning.permissions import leads_planning
from okrs.planning.views.helpers import cycle_of

STATE_ORDER = {Cycle.State.PLANNING: 0, Cycle.State.ACTIVE: 1, Cycle.State.CLOSED: 2}


@dataclass
class CycleRow:
    """A cycle on the overview with its planning session and draft counts."""

    cycle: Cycle
    session: PlanningSession | None
    drafts: int = 0
    shared: int = 0
    published: int = 0


def _next_quarter_name(cycles: list[Cycle]) -> str:
    # Quarters stored before cycle dates were bounded may end in 9999, with no quarter after.
    quarters = [c for c in cycles if c.kind == Cycle.Kind.QUARTER and c.end <= DATE_MAX]
    after = max(c.end for c in quarters) if quarters else clock.today()
    return next_quarter(after)[0]


@organization_required
def index(request):
    """Show the cycles being planned or running, and how far planning has got in each."""
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    shown = sorted(
        (c for c in cycles if c.state != Cycle.State.CLOSED),
        key=lambda c: (STATE_ORDER[c.state], c.start, c.name),
    )
    sessions = {s.cycle_id: s for s in PlanningSession.objects.of(organization)}
    rows = {c.pk: CycleRow(c, sessions.get(c.pk)) for c in shown}
    draft = Q(status=Objective.State.DRAFT)
    counts = (
        Objective.objects.of(organization)
        .filter(visibility_filter(request.user), cycle_id__in=list(rows))
        .values("cycle_id")
        .annotate(
            drafts=Count("id", filter=draft),
            shared=Count("id", filter=draft & Q(shared_at__isnull=False)),
            published=Count("id", filter=Q(status=Objective.State.ACTIVE)),
        )
        .order_by()
    )
    for count in counts:
        row = rows[count["cycle_id"]]
        row.drafts, row.shared, row.published = count["drafts"], count["shared"], count["published"]
    context = {
        "rows": list(rows.values()),
        "leads": leads_planning(request.user),
        "next_quarter": _next_quarter_name(cycles),
    }
    return render(request, "planning/index.html", context)


@require_POST
@organization_required
def plan_next_quarter(request):
    """Create the next quarter in planning (leadership)."""
    if not leads_planning(request.user):
        raise PermissionDenied("Only admins and OKR leaders create cycles to plan.")
    try:
        cycle = actions.plan_next_quarter(request.organization)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
        return redirect("planning")
    messages.success(request, f"{cycle.name} is ready to plan.")
    return redirect("planning-board", cycle.pk)


def _board_page(request, cycle: Cycle, form: OpenPlanningForm | None, status: int = 200):
    cycles = list(Cycle.objects.of(request.organization))
    board = planning_board(cycle, request.user, cycles)
    leads = leads_planning(request.user)
    if form is None and leads and cycle.state == Cycle.State.PLANNING:
        session = board.session
        initial = {}
        if session is not None:
            initial = {
                "strategic_objectives": [g.anchor.objective.pk for g in board.groups],
                "message": session.message,
            }
        form = OpenPlanningForm(cycle=cycle, initial=initial)
    context = {"cycle": cycle, "board": board, "form": form, "leads": leads}
    return render(request, "planning/board.html", context, status=status)


@organization_required
def board(request, cycle_id):
    """Show every team's shared drafts beside the strategic objectives they support."""
    return _board_page(request, cycle_of(request, cycle_id), None)


@require_POST
@organization_required
def open_planning(request, cycle_id):
    """Communicate the strategic objectives and open planning for the cycle (leadership)."""
    cycle = cycle_of(request, cycle_id)
    if not leads_planning(request.user):
        raise PermissionDenied("Only admins and OKR leaders open planning.")
    form = OpenPlanningForm(request.POST, cycle=cycle)
    if form.is_valid():
        try:
            actions.open_planning(
                cycle,
                request.user,
                list(form.cleaned_data["strategic_objectives"]),
                form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, "; ".join(error.messages))
        else:
            messages.success(request, f"Planning of {cycle.name} is open: teams can draft.")
            return redirect("planning-board", cycle.pk)
    return _board_page(request, cycle, form, status=422)


@require_POST
@organization_required
def start_cycle(request, cycle_id):
    """End planning and start the cycle (leadership)."""
    cycle = cycle_of(request, cycle_id)
    if not leads_planning(request.user):
        raise PermissionDenied("Only admins and OKR leaders end planning.")
    try:
        actions.close_planning(cycle, request.user)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, f"{cycle.name} has started. Drafts not published stay drafts.")
    return redirect("planning-board", cycle.pk)
