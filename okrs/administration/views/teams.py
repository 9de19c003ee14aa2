"""The teams' administration: the hierarchy, a team's place, mission and people, archiving."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from okrs.administration.form_errors import add_action_error
from okrs.administration.team_forms import MemberForm, TeamForm, TeamRoleForm, hierarchy
from okrs.kpis.models import KPI
from okrs.organizations import actions
from okrs.organizations.access import admin_required
from okrs.organizations.models import Membership, Team


def _team(request, slug: str) -> Team:
    """Return the organisation's team with the slug, or answer 404."""
    teams = Team.objects.of(request.organization).select_related("parent", "organization")
    return get_object_or_404(teams, slug=slug)


@admin_required
def team_list(request):
    """List the organisation's teams as their hierarchy, archived ones apart."""
    teams = list(
        Team.objects.of(request.organization).annotate(
            people=Count("memberships", distinct=True), kpi_count=Count("kpis", distinct=True)
        )
    )
    rows = hierarchy(teams)
    context = {
        "rows": [(team, depth) for team, depth in rows if not team.is_archived()],
        "archived": [team for team, _ in rows if team.is_archived()],
    }
    return render(request, "administration/teams.html", context)


@admin_required
def team_new(request):
    """Create a team below a parent team."""
    organization = request.organization
    form = TeamForm(request.POST if request.method == "POST" else None, organization=organization)
    if request.method == "POST" and form.is_valid():
        values = form.changes()
        try:
            team = actions.add_team(organization, by=request.user, **values)
        except (ValidationError, actions.TeamError) as error:
            add_action_error(form, _on_parent(error))
        else:
            messages.success(request, f"Created the team {team}.")
            return redirect("administration-team", team.slug)
    status = 422 if form.errors else 200
    return render(request, "administration/team_new.html", {"form": form}, status=status)


def _on_parent(error: Exception) -> Exception:
    """Return a team error about levels as an error of the parent field."""
    if isinstance(error, actions.TeamError):
        return ValidationError({"parent": str(error)})
    return error


@admin_required
def team_detail(request, slug):
    """Show a team with its settings, people and KPIs; change its name, level, parent or mission."""
    team = _team(request, slug)
    form = _settings_form(team, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_team(team, by=request.user, **form.changes())
        except ValidationError as error:
            add_action_error(form, error)
            team.refresh_from_db()
        else:
            messages.success(request, f"Saved {team}.")
            return redirect("administration-team", team.slug)
    return _detail(request, team, form=form, status=422 if form.errors else 200)


def _detail(request, team: Team, status: int = 200, **forms):
    """Render the team's administration page with the forms given and fresh ones otherwise."""
    memberships = list(
        Membership.objects.filter(team=team).select_related("person").order_by("person__name")
    )
    context = {
        "team": team,
        "form": forms.get("form") or _settings_form(team),
        "member_form": forms.get("member_form") or MemberForm(team=team),
        "memberships": memberships,
        "role_choices": Membership.TeamRole.choices,
        "kpis": list(KPI.objects.filter(team=team).order_by("archived_at", "name")),
        "children": list(team.children.order_by("name")),
    }
    return render(request, "administration/team.html", context, status=status)


def _settings_form(team: Team, data=None) -> TeamForm:
    """Return the form of the team's name, level, parent and mission, filled with its own."""
    initial = {
        "name": team.name,
        "level": team.level,
        "parent": str(team.parent_id or ""),
        "mission": team.mission,
    }
    return TeamForm(data, initial=initial, organization=team.organization, team=team)


@require_POST
@admin_required
def member_add(request, slug):
    """Add a person to the team as member or lead."""
    team = _team(request, slug)
    form = MemberForm(request.POST, team=team)
    if form.is_valid():
        person, role = form.cleaned_data["person"], form.cleaned_data["role"]
        try:
            actions.add_to_team(person, team, role, by=request.user)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, f"{person} joined {team} as {role}.")
            return redirect("administration-team", team.slug)
    return _detail(request, team, member_form=form, status=422)


@require_POST
@admin_required
def member_role(request, slug, person_id):
    """Make a member of the team its lead, or a lead a member."""
    team = _team(request, slug)
    membership = get_object_or_404(
        Membership.objects.filter(team=team).select_related("person"), person_id=person_id
    )
    form = TeamRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Choose member or lead for {membership.person}.")
        return redirect("administration-team", team.slug)
    actions.add_to_team(membership.person, team, form.cleaned_data["role"], by=request.user)
    messages.success(request, f"{membership.person} is now {form.cleaned_data['role']} of {team}.")
    return redirect("administration-team", team.slug)


@require_POST
@admin_required
def member_remove(request, slug, person_id):
    """Take a person out of the team."""
    team = _team(request, slug)
    membership = get_object_or_404(
        Membership.objects.filter(team=team).select_related("person"), person_id=person_id
    )
    person = membership.person
    actions.remove_from_team(person, team, by=request.user)
    messages.success(request, f"{person} left {team}.")
    return redirect("administration-team", team.slug)


@require_POST
@admin_required
def team_archive(request, slug):
    """Archive the team: its OKRs stay readable; it takes no new objectives or members."""
    team = _team(request, slug)
    try:
        actions.archive_team(team, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Archived {team}. Its OKRs stay readable.")
    return redirect("administration-team", team.slug)


@require_POST
@admin_required
def team_unarchive(request, slug):
    """Bring an archived team back into use."""
    team = _team(request, slug)
    try:
        actions.unarchive_team(team, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{team} is in use again.")
    return redirect("administration-team", team.slug)
