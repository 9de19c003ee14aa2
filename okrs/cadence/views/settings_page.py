"""The cadence settings: the organisation's cadence, and each team's override."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from okrs.cadence.actions import update_organization_cadence, update_team_cadence
from okrs.cadence.forms import CadenceForm, time_zone_names
from okrs.cadence.permissions import (
    can_choose_daily_alignment,
    can_edit_organization_cadence,
    can_edit_team_cadence,
    lead_team_ids,
)
from okrs.cadence.queries import Cadences
from okrs.domain.cadence import EVENT_NAMES, EventKind, describe
from okrs.organizations.access import organization_required
from okrs.organizations.models import Membership, Team


def _described(cadence) -> list[tuple[str, str]]:
    """Return (event name, when) for each event of the cadence, in the cycle's order."""
    words = describe(cadence)
    return [(EVENT_NAMES[kind], words[kind]) for kind in EventKind]


def _organization_form(cadences: Cadences, data=None) -> CadenceForm:
    return CadenceForm(
        data,
        initial=CadenceForm.initial_from(cadences.row()),
        inherited=cadences.defaults,
        for_team=False,
        prefix="org",
    )


def _team_form(cadences: Cadences, team: Team, person, data=None) -> CadenceForm:
    return CadenceForm(
        data,
        initial=CadenceForm.initial_from(cadences.row(team.pk)),
        inherited=cadences.base,
        for_team=True,
        prefix="team",
        chooses_daily_alignment=can_choose_daily_alignment(person, team),
    )


def _context(request, cadences: Cadences, team: Team | None, **forms) -> dict:
    """Return what the settings page shows for the person and the chosen team."""
    person = request.user
    teams = list(Team.objects.of(request.organization).order_by("name"))
    led = lead_team_ids(person)
    may_edit_team = team is not None and can_edit_team_cadence(person, team, led)
    may_edit_organization = can_edit_organization_cadence(person)
    context = {
        "teams": teams,
        "team": team,
        "profile": request.organization.practice(),
        "organization_cadence": _described(cadences.base),
        "team_cadence": _described(cadences.for_team(team.pk)) if team else [],
        "team_row": cadences.row(team.pk) if team else None,
        "own_rhythm": team is not None and cadences.own_rhythm(team.pk),
        "overridden": sorted(cadences.team_rows(), key=lambda row: row.team.name.lower()),
        "may_edit_organization": may_edit_organization,
        "may_edit_team": may_edit_team,
        "time_zones": time_zone_names() if may_edit_team or may_edit_organization else [],
    }
    if may_edit_organization:
        context["organization_form"] = forms.get("organization_form") or _organization_form(
            cadences
        )
    if may_edit_team:
        context["team_form"] = forms.get("team_form") or _team_form(cadences, team, person)
    return context


def _default_team(request) -> Team | None:
    """Return the team to show first: one the person leads, else one they belong to."""
    person = request.user
    memberships = Membership.objects.filter(person=person).select_related("team")
    ordered = sorted(memberships, key=lambda m: (m.role != Membership.TeamRole.LEAD, m.team.name))
    return ordered[0].team if ordered else None


@organization_required
def cadence_settings(request):
    """Show the cadence settings; who may change what follows roles and team leads."""
    cadences = Cadences.load(request.organization)
    wanted = request.GET.get("team", "")
    if wanted:
        team = get_object_or_404(Team.objects.of(request.organization), slug=wanted)
    else:
        team = _default_team(request)
    return render(request, "cadence/settings.html", _context(request, cadences, team))


@require_POST
@organization_required
def organization_settings(request):
    """Change the organisation's cadence; every open cycle is rescheduled."""
    organization = request.organization
    if not can_edit_organization_cadence(request.user):
        raise PermissionDenied("Only admins and OKR leaders change the organisation's cadence.")
    cadences = Cadences.load(organization)
    form = _organization_form(cadences, request.POST)
    if form.is_valid():
        try:
            update_organization_cadence(organization, form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved the organisation's cadence; open cycles rescheduled.")
            return redirect("cadence-settings")
    context = _context(request, cadences, _default_team(request), organization_form=form)
    return render(request, "cadence/settings.html", context, status=422)


@require_POST
@organization_required
def team_settings(request, slug):
    """Change a team's override; its events in open cycles are rescheduled."""
    team = get_object_or_404(Team.objects.of(request.organization), slug=slug)
    if not can_edit_team_cadence(request.user, team):
        raise PermissionDenied("Only the team's leads, admins and OKR leaders change its cadence.")
    cadences = Cadences.load(request.organization)
    form = _team_form(cadences, team, request.user, request.POST)
    saved = False
    if form.is_valid():
        try:
            update_team_cadence(team, form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            saved = True
    if saved and not request.htmx:
        messages.success(request, f"Saved {team.name}'s cadence; its events were rescheduled.")
        return redirect(reverse("cadence-settings") + f"?team={team.slug}")
    if saved:
        cadences = Cadences.load(request.organization)
        form = None
    context = _context(request, cadences, team, team_form=form) | {"saved": saved}
    if request.htmx:
        return render(request, "cadence/_team_panel.html", context)
    return render(request, "cadence/settings.html", context, status=422)
