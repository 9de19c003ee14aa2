"""Teams and people of the token's organisation."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router

from okrs.api.common import (
    ARCHIVED,
    Paging,
    archived_filter,
    links,
    page,
    page_of,
    require_organization_writer,
)
from okrs.api.errors import ERRORS, READ_ERRORS
from okrs.api.schemas import (
    Archived,
    Deleted,
    Id,
    Level,
    PersonOut,
    Plain,
    TeamIn,
    TeamOut,
    TeamPatch,
)
from okrs.organizations import actions
from okrs.organizations.models import Membership, Person, Role, Team

router = Router(tags=["teams and people"])
TeamPage = page_of(TeamOut)
PersonPage = page_of(PersonOut)


class TeamFilters(Paging):
    """Filters of the team list."""

    level: Level | None = None
    parent_id: Id | None = None
    archived: Archived = Field("false", description=ARCHIVED)


class PersonFilters(Paging):
    """Filters of the people list."""

    team_id: Id | None = None
    role: Plain | None = None


@router.get("/teams", response={200: TeamPage, **READ_ERRORS})
def list_teams(request, filters: Query[TeamFilters]):
    """List the organisation's teams: those in use unless `archived` says otherwise."""
    teams = Team.objects.of(request.organization).order_by("name", "pk")
    teams = archived_filter(teams, filters.archived)
    if filters.level:
        teams = teams.filter(level=filters.level)
    if filters.parent_id:
        teams = teams.filter(parent_id=filters.parent_id)
    count, items = page(teams, filters)
    return {"count": count, "items": items}


@router.get("/teams/{team_id}", response={200: TeamOut, **READ_ERRORS})
def get_team(request, team_id: int):
    """Return one team."""
    return get_object_or_404(Team.objects.of(request.organization), pk=team_id)


@router.post(
    "/teams",
    response={201: TeamOut, **ERRORS},
    openapi_extra=links(
        "team_id", "organization.get_team", "organization.update_team", "organization.delete_team"
    ),
)
def create_team(request, payload: TeamIn):
    """Create a team (admins and OKR leaders)."""
    require_organization_writer(request)
    parent = None
    if payload.parent_id:
        parent = get_object_or_404(Team.objects.of(request.organization), pk=payload.parent_id)
    team = actions.add_team(
        request.organization,
        payload.name,
        payload.level,
        parent,
        mission=payload.mission,
        by=request.user,
    )
    return 201, team


@router.patch("/teams/{team_id}", response={200: TeamOut, **ERRORS})
def update_team(request, team_id: int, payload: TeamPatch):
    """Rename a team or change its mission (admins and OKR leaders); archive it (admins)."""
    team = get_object_or_404(Team.objects.of(request.organization), pk=team_id)
    require_organization_writer(request)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    archived = changes.pop("archived", None)
    if archived is not None and request.user.role != Role.ADMIN:
        raise PermissionDenied("Only the organisation's admins archive and unarchive teams.")
    with transaction.atomic():  # all of the changes, or none
        if archived is True:
            team = actions.archive_team(team, by=request.user)
        elif archived is False:
            team = actions.unarchive_team(team, by=request.user)
        if changes:
            team = actions.update_team(team, **changes, by=request.user)
    return team


@router.delete("/teams/{team_id}", response={200: Deleted, **ERRORS})
def delete_team(request, team_id: int):
    """Delete a team that owns no objectives and has no teams below it (admins and OKR leaders)."""
    team = get_object_or_404(Team.objects.of(request.organization), pk=team_id)
    require_organization_writer(request)
    actions.delete_team(team)
    return {"deleted": team_id}


def _person(person: Person) -> dict:
    return {
        **{f: getattr(person, f) for f in ("id", "name", "email", "handle", "role")},
        "teams": [{"team_id": m.team_id, "role": m.role} for m in person.memberships.all()],
    }


@router.get("/people", response={200: PersonPage, **READ_ERRORS})
def list_people(request, filters: Query[PersonFilters]):
    """List the organisation's people and their teams."""
    people = (
        Person.objects.filter(organization=request.organization, is_active=True)
        .prefetch_related(Prefetch("memberships", Membership.objects.order_by("team_id")))
        .order_by("name", "email")
    )
    if filters.team_id:
        people = people.filter(memberships__team_id=filters.team_id)
    if filters.role:
        people = people.filter(role=filters.role)
    count, items = page(people, filters)
    return {"count": count, "items": [_person(p) for p in items]}


@router.get("/people/{person_id}", response={200: PersonOut, **READ_ERRORS})
def get_person(request, person_id: int):
    """Return one person and their teams."""
    people = Person.objects.filter(organization=request.organization).prefetch_related(
        "memberships"
    )
    return _person(get_object_or_404(people, pk=person_id))
