"""A team's planning page: its drafts, learnings, and needs, provisions and dependencies."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from okrs.objectives.models import Objective
from okrs.organizations.access import organization_required
from okrs.organizations.visibility import visibility_filter
from okrs.planning import actions
from okrs.planning.actions import FINISHED
from okrs.planning.board import TeamNotes, Viewer, board_items
from okrs.planning.forms import PlanningNoteForm
from okrs.planning.learnings import learnings_for
from okrs.planning.models import CandidateObjective, PlanningSession, TeamPlanningNote
from okrs.planning.views.helpers import cycle_of, team_of


def _team_notes(cycle, team) -> TeamNotes:
    """Return the team's notes for the cycle and those other teams addressed to it."""
    found = TeamNotes(team)
    rows = (
        TeamPlanningNote.objects.of(cycle.organization_id)
        .filter(Q(team=team) | Q(other_team=team), cycle=cycle)
        .select_related("team", "other_team", "author")
    )
    for note in rows:
        if note.team_id == team.pk:
            found.add(note)
        else:
            found.incoming.append(note)
    return found


def _notes_context(cycle, team, viewer: Viewer, form=None) -> dict:
    can_write = viewer.can_write_team(team)
    if form is None and can_write:
        form = PlanningNoteForm(team=team)
    return {
        "cycle": cycle,
        "team": team,
        "team_notes": _team_notes(cycle, team),
        "note_form": form,
        "can_write": can_write,
    }


@organization_required
def team_planning(request, cycle_id, slug, note_form=None, status=200):
    """Show what the team drafts for the cycle, what it learnt last cycle, and what it needs."""
    cycle = cycle_of(request, cycle_id)
    team = team_of(request, slug)
    viewer = Viewer.of(request.user)
    objectives = list(
        Objective.objects.of(request.organization)
        .filter(visibility_filter(request.user, team_ids=viewer.team_ids))
        .filter(team=team, cycle=cycle)
        .exclude(status__in=FINISHED)
        .select_related("team", "owner", "cycle")
        .order_by("status", "id")
    )
    session = PlanningSession.objects.filter(cycle=cycle).first()
    communicated = (
        list(session.strategic_objectives.select_related("team").order_by("team__level", "id"))
        if session
        else []
    )
    context = {
        **_notes_context(cycle, team, viewer, note_form),
        "items": board_items(objectives, viewer),
        "learnings": learnings_for(team, cycle, request.user),
        "session": session,
        "communicated": communicated,
        "waiting": CandidateObjective.objects.of(request.organization)
        .filter(team=team, promoted_at__isnull=True)
        .count(),
    }
    return render(request, "planning/team.html", context, status=status)


def _notes_response(request, cycle, team, form=None):
    """Answer htmx with the notes panel; others go back to the team's planning page."""
    if request.htmx:
        context = _notes_context(cycle, team, Viewer.of(request.user), form)
        return render(request, "planning/_notes.html", context)
    if form is not None:
        return team_planning(request, cycle.pk, team.slug, note_form=form, status=422)
    return redirect("planning-team", cycle.pk, team.slug)


@require_POST
@organization_required
def add_note(request, cycle_id, slug):
    """Record one of the team's needs, provisions or dependencies."""
    cycle = cycle_of(request, cycle_id)
    team = team_of(request, slug)
    if not Viewer.of(request.user).can_write_team(team):
        raise PermissionDenied("Only the team states its needs, provisions and dependencies.")
    form = PlanningNoteForm(request.POST, team=team)
    if form.is_valid():
        try:
            actions.add_planning_note(cycle, team, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            if not request.htmx:
                messages.success(request, "Noted.")
            return _notes_response(request, cycle, team)
    return _notes_response(request, cycle, team, form)


@require_POST
@organization_required
def remove_note(request, cycle_id, pk):
    """Delete one of the team's planning notes."""
    cycle = cycle_of(request, cycle_id)
    note = get_object_or_404(
        TeamPlanningNote.objects.of(request.organization).select_related("team"),
        pk=pk,
        cycle=cycle,
    )
    if not Viewer.of(request.user).can_write_team(note.team):
        raise PermissionDenied("Only the team removes its planning notes.")
    actions.remove_planning_note(note)
    return _notes_response(request, cycle, note.team)
