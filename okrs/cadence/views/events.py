"""One event's page: what it is for, when, what it looks at, and its notes."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from okrs import clock
from okrs.cadence.actions import edit_event
from okrs.cadence.forms import EventNotesForm, EventTimeForm
from okrs.cadence.models import CadenceEvent
from okrs.cadence.permissions import can_edit_event
from okrs.cadence.queries import Cadences
from okrs.domain.cadence import EventKind
from okrs.domain.progress import expected_progress, whole_confidence
from okrs.domain.states import objective_state
from okrs.objectives.aggregates import objective_progress_rows
from okrs.objectives.models import CheckIn, KeyResult, Objective
from okrs.organizations.access import organization_required
from okrs.organizations.permissions import writable_team_ids

PER_PAGE = 100  # key results due or objectives to review shown at once


def _event(request, pk) -> CadenceEvent:
    return get_object_or_404(
        CadenceEvent.objects.of(request.organization).select_related("team", "cycle"), pk=pk
    )


def _cycle_ids(event: CadenceEvent) -> list[int]:
    """Return the event's cycle and the cycle above it, whose objectives its quarter checks in."""
    return [pk for pk in (event.cycle_id, event.cycle.parent_id) if pk is not None]


def key_results_due(event: CadenceEvent, window_days: int, person, page=None) -> dict:
    """Return the key results the check-in looks at: those not checked in within the window.

    The due ones come a page at a time (`page`, a number); the counts cover them all.
    """
    since = event.starts_at - timedelta(days=window_days)
    checked = CheckIn.objects.filter(
        key_result=OuterRef("pk"), checked_in_at__gte=since, checked_in_at__lte=event.ends_at
    )
    key_results = KeyResult.objects.filter(
        organization_id=event.organization_id,
        objective__cycle_id__in=_cycle_ids(event),
        objective__status=Objective.State.ACTIVE,
        linked_objective__isnull=True,
    )
    if event.team_id is not None:
        key_results = key_results.filter(Q(objective__team_id=event.team_id) | Q(team=event.team))
    total = key_results.count()
    due = (
        key_results.annotate(checked=Exists(checked))
        .filter(checked=False)
        .select_related("objective__team")
        .order_by("objective__team__name", "objective_id", "position", "id")
    )
    shown = Paginator(due, PER_PAGE).get_page(page)
    writable = writable_team_ids(person)
    for kr in shown.object_list:
        owners = {kr.objective.team_id, kr.team_id} - {None}
        kr.may_check_in = not person.is_read_only() and (
            writable is None
            or bool(owners & writable)
            or (not owners and kr.objective.owner_id == person.pk)
        )
    checked_in = total - shown.paginator.count
    return {
        "due": shown.object_list,
        "page": shown,
        "since": since,
        "checked": checked_in,
        "total": total,
    }


def objectives_reviewed(event: CadenceEvent) -> list[dict]:
    """Return the objectives the review examines, with progress, pace, confidence and state."""
    parent = event.cycle.parent if event.cycle.parent_id else None
    cycles = [event.cycle] + ([parent] if parent is not None else [])
    on = clock.today()
    rows = []
    for cycle in cycles:
        for row in objective_progress_rows(cycle):
            if event.team_id is not None and row["team__slug"] != event.team.slug:
                continue
            if row["state"] == Objective.State.DRAFT:
                continue
            confidence = whole_confidence(row["confidence"])
            expected = expected_progress(cycle.start, cycle.end, on, row["ambition"])
            row |= {
                "cycle": cycle,
                "percent": round(row["progress"] * 100),
                "confidence": confidence,
                "status": objective_state(
                    row["state"],
                    cycle.state,
                    checked_in=row["checked_in"],
                    progress=row["progress"],
                    expected=expected,
                    confidence=confidence,
                ),
            }
            rows.append(row)
    return rows


def objective_counts(event: CadenceEvent) -> dict:
    """Return how many of the cycle's objectives are drafts, active, and scored."""
    objectives = Objective.objects.filter(
        organization_id=event.organization_id, cycle=event.cycle
    ).exclude(status=Objective.State.ABANDONED)
    if event.team_id is not None:
        objectives = objectives.filter(team_id=event.team_id)
    return objectives.aggregate(
        total=Count("id"),
        drafts=Count("id", filter=Q(status=Objective.State.DRAFT)),
        scored=Count("id", filter=Q(grade__isnull=False)),
    )


def _context(request, event: CadenceEvent, **forms) -> dict:
    may_edit = can_edit_event(request.user, event)
    context = {"event": event, "may_edit": may_edit, "kind": event.kind}
    if may_edit:
        context["notes_form"] = forms.get("notes_form") or EventNotesForm(
            initial={"notes": event.notes, "location": event.location}
        )
        context["time_form"] = forms.get("time_form") or EventTimeForm(event=event)
    if event.kind == EventKind.CHECK_IN:
        window = Cadences.load(request.organization).for_team(event.team_id).check_in_days
        context["check_in"] = key_results_due(event, window, request.user, request.GET.get("page"))
        context["page"] = context["check_in"]["page"]
    elif event.kind == EventKind.REVIEW:
        context["page"] = Paginator(objectives_reviewed(event), PER_PAGE).get_page(
            request.GET.get("page")
        )
        context["reviewed"] = context["page"].object_list
    elif event.kind in (EventKind.PLANNING, EventKind.EVALUATION):
        context["counts"] = objective_counts(event)
    return context


@organization_required
def event_detail(request, pk):
    """Show one event of the cadence."""
    event = _event(request, pk)
    return render(request, "cadence/event.html", _context(request, event))


@require_POST
@organization_required
def event_notes(request, pk):
    """Save the event's notes and place; htmx swaps the notes panel in place."""
    event = _event(request, pk)
    if not can_edit_event(request.user, event):
        raise PermissionDenied("Only those who may write the team edit its events.")
    form = EventNotesForm(request.POST)
    saved = form.is_valid()
    if saved:
        edit_event(event, **form.cleaned_data)
    if request.htmx:
        context = {"event": event, "may_edit": True, "notes_form": form, "saved": saved}
        return render(request, "cadence/_notes.html", context)
    if saved:
        return redirect(event)
    return render(
        request, "cadence/event.html", _context(request, event, notes_form=form), status=422
    )


@require_POST
@organization_required
def event_time(request, pk):
    """Move the event by hand; rescheduling the cycle then leaves it where it was put."""
    event = _event(request, pk)
    if not can_edit_event(request.user, event):
        raise PermissionDenied("Only those who may write the team edit its events.")
    form = EventTimeForm(request.POST, event=event)
    if form.is_valid():
        edit_event(
            event, starts_at=form.cleaned_data["starts_at"], ends_at=form.cleaned_data["ends_at"]
        )
        return redirect(event)
    return render(
        request, "cadence/event.html", _context(request, event, time_form=form), status=422
    )
