"""The organisation's people: the list with search and filters, and each person's page."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from okrs.administration import membership
from okrs.administration.import_invitations import waits_for_invitation
from okrs.administration.invitations import waiting
from okrs.administration.models import Invitation
from okrs.administration.people_forms import MoveForm, PlaceForm, RoleForm
from okrs.organizations.access import admin_required
from okrs.organizations.models import AdministrativeChange, Membership, Person, Role, Team
from okrs.organizations.people import change_role, deactivate_person, reactivate_person

PEOPLE_PER_PAGE = 50
CHANGES_PER_PAGE = 20
STATES = {"active": "Active", "deactivated": "Deactivated", "invited": "Invited, not joined yet"}


@dataclass
class Filters:
    """What the list is narrowed to: a search, a team, a role and a state."""

    q: str = ""
    team: Team | None = None
    role: str = ""
    state: str = ""
    unknown_team: str = ""

    @classmethod
    def read(cls, query, teams: list[Team]) -> "Filters":
        """Return the filters of the query string; values that mean nothing are left out."""
        slug = query.get("team", "")
        team = next((t for t in teams if t.slug == slug), None)
        role = query.get("role", "")
        state = query.get("state", "")
        return cls(
            q=query.get("q", "").strip()[:200],
            team=team,
            role=role if role in Role.values else "",
            state=state if state in STATES else "",
            unknown_team=slug if slug and team is None else "",
        )

    def narrow(self, rows, team_path: str):
        """Return the rows matching the search, role and team."""
        if self.q:
            rows = rows.filter(Q(name__icontains=self.q) | Q(email__icontains=self.q))
        if self.role:
            rows = rows.filter(role=self.role)
        if self.team is not None:
            rows = rows.filter(**{team_path: self.team})
        return rows


def _people(organization, filters: Filters):
    """Return the organisation's people matching the filters, with their teams, by name."""
    rows = filters.narrow(Person.objects.filter(organization=organization), "memberships__team")
    if filters.state == "active":
        rows = rows.filter(is_active=True)
    elif filters.state == "deactivated":
        rows = rows.filter(is_active=False)
    teams = Membership.objects.select_related("team").order_by("team__name")
    return rows.prefetch_related(Prefetch("memberships", queryset=teams)).order_by(
        "name", "email", "id"
    )


def _invitations(organization, filters: Filters):
    """Return the invitations not accepted nor cancelled that match the filters, newest first."""
    rows = Invitation.objects.of(organization).filter(accepted_at=None, cancelled_at=None)
    rows = filters.narrow(rows, "teams")
    return rows.select_related("invited_by").prefetch_related("teams").order_by("-sent_at", "-id")


@admin_required
def people(request):
    """List the organisation's people (or its open invitations), searched, filtered and paged."""
    organization = request.organization
    teams = list(Team.objects.of(organization).order_by("name"))
    filters = Filters.read(request.GET, teams)
    if filters.state == "invited":
        rows = _invitations(organization, filters)
    else:
        rows = _people(organization, filters)
    page = Paginator(rows, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    counts = Person.objects.filter(organization=organization).aggregate(
        active=Count("id", filter=Q(is_active=True)),
        deactivated=Count("id", filter=Q(is_active=False)),
        not_joined=Count("id", filter=waiting(organization)),
    )
    counts["invited"] = (
        Invitation.objects.of(organization).filter(accepted_at=None, cancelled_at=None).count()
    )
    context = {
        "page": page,
        "filters": filters,
        "teams": teams,
        "roles": Role.choices,
        "states": STATES,
        "counts": counts,
        "filtered": bool(filters.q or filters.team or filters.role),
    }
    return render(request, "administration/people.html", context)


def _person_of(request, person_id: int) -> Person:
    """Return the organisation's person with this id, or answer 404."""
    return get_object_or_404(Person.objects.filter(organization=request.organization), pk=person_id)


def _history_of(person: Person, organization):
    """Return the administrative changes about the person, their invitation included."""
    invited = Q(action__startswith="person.invit", details__email=person.email)
    return (
        AdministrativeChange.objects.of(organization)
        .filter(Q(person=person) | invited)
        .select_related("actor", "person", "team")
    )


def _person_page(request, person: Person, errors=(), status: int = 200, role_form=None):
    """Render the person's page: teams, role, state and their administrative history."""
    organization = request.organization
    memberships = list(person.memberships.select_related("team").order_by("team__name"))
    in_teams = {m.team_id for m in memberships}
    history = Paginator(_history_of(person, organization), CHANGES_PER_PAGE)
    changes = history.get_page(request.GET.get("page"))
    context = {
        "person": person,
        "memberships": memberships,
        "other_teams": [
            t for t in Team.objects.of(organization).order_by("name") if t.pk not in in_teams
        ],  # fmt: skip
        "role_form": role_form or RoleForm(initial={"role": person.role}),
        "team_roles": Membership.TeamRole.choices,
        "changes": changes,
        "errors": list(errors),
        "is_self": person.pk == request.user.pk,
        "waits_for_invitation": waits_for_invitation(request.organization, person),
    }
    return render(request, "administration/person.html", context, status=status)


def _messages(error: ValidationError) -> list[str]:
    """Return the error's messages as sentences."""
    return list(error.messages)


@admin_required
def person(request, person_id: int):
    """Show a person: their teams, role, state and the history of changes about them."""
    return _person_page(request, _person_of(request, person_id))


@require_POST
@admin_required
def person_role(request, person_id: int):
    """Give the person another role; the organisation keeps at least one active admin."""
    person = _person_of(request, person_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _person_page(
            request, person, ["Role: choose one of the roles."], 422, role_form=form
        )
    try:
        change_role(person, form.cleaned_data["role"], by=request.user)
    except ValidationError as error:
        return _person_page(request, person, _messages(error), 422, role_form=form)
    messages.success(request, f"{person} is now {person.get_role_display()}.")
    if person.pk == request.user.pk and person.role != Role.ADMIN:
        return redirect("home")  # they no longer administer the organisation
    return redirect("administration-person", person.pk)


@require_POST
@admin_required
def person_deactivate(request, person_id: int):
    """Deactivate the person: they sign in nowhere from now on; their history stays."""
    person = _person_of(request, person_id)
    if person.pk == request.user.pk:
        refusal = "You cannot deactivate yourself: ask another admin to do it."
        return _person_page(request, person, [refusal], 422)
    try:
        deactivate_person(person, by=request.user)
    except ValidationError as error:
        return _person_page(request, person, _messages(error), 422)
    messages.success(request, f"{person} is deactivated: they can no longer sign in.")
    return redirect("administration-person", person.pk)


@require_POST
@admin_required
def person_reactivate(request, person_id: int):
    """Let a deactivated person sign in again."""
    person = _person_of(request, person_id)
    reactivate_person(person, by=request.user)
    messages.success(request, f"{person} is active again and may sign in.")
    return redirect("administration-person", person.pk)


@require_POST
@admin_required
def person_place(request, person_id: int):
    """Add the person to a team, or change their role in one."""
    person = _person_of(request, person_id)
    form = PlaceForm(request.organization, request.POST)
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label}: {' '.join(map(str, errors))}"
            for name, errors in form.errors.items()
        ]
        return _person_page(request, person, problems, 422)
    team, role = form.cleaned_data["team"], form.cleaned_data["team_role"]
    membership.place_in_team(person, team, role, by=request.user)
    told = f"{person} leads {team}." if role == "lead" else f"{person} is a member of {team}."
    messages.success(request, told)
    return redirect("administration-person", person.pk)


def _team_of(request, team_id: int) -> Team:
    """Return the organisation's team with this id, or answer 404."""
    return get_object_or_404(Team.objects.of(request.organization), pk=team_id)


@require_POST
@admin_required
def person_move(request, person_id: int, team_id: int):
    """Move the person from one of their teams to another."""
    person, from_team = _person_of(request, person_id), _team_of(request, team_id)
    form = MoveForm(request.organization, request.POST)
    if not form.is_valid():
        return _person_page(request, person, ["Move to: choose one of the teams."], 422)
    to_team = form.cleaned_data["to_team"]
    try:
        membership.move_to_team(person, from_team, to_team, by=request.user)
    except ValidationError as error:
        return _person_page(request, person, _messages(error), 422)
    messages.success(request, f"{person} moved from {from_team} to {to_team}.")
    return redirect("administration-person", person.pk)


@require_POST
@admin_required
def person_leave(request, person_id: int, team_id: int):
    """Take the person out of one of their teams."""
    person, team = _person_of(request, person_id), _team_of(request, team_id)
    if membership.take_out_of_team(person, team, by=request.user):
        messages.success(request, f"{person} is no longer in {team}.")
    return redirect("administration-person", person.pk)
