"""Writes an identity provider asks for through SCIM: people and teams, each kept in the history."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from okrs import clock
from okrs.administration.models import ProvisionedPerson, ProvisionedTeam, ScimToken
from okrs.domain.vocabulary import Level
from okrs.organizations.actions import (
    add_person,
    create_team,
    delete_team,
    join_team,
    leave_team,
    set_password,
    update_team,
)
from okrs.organizations.audit import record_change
from okrs.organizations.models import Membership, Organization, Person, Team
from okrs.organizations.people import deactivate_person, reactivate_person

VIA = "SCIM"
# A group becomes a team at one of these levels; the company team is the organisation itself.
GROUP_LEVELS = (Level.STRATEGIC.value, Level.TACTICAL.value)


class Taken(ValidationError):
    """A userName or displayName that another person or team of okrs already has."""


@dataclass(frozen=True)
class PersonChange:
    """What an identity provider says of a person; None leaves a field as it is."""

    email: str | None = None
    formatted_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    external_id: str | None = None
    active: bool | None = None
    password: str | None = None


def scim_people(organization: Organization) -> QuerySet[Person]:
    """Return the people SCIM sees: every person of the organisation, active or not."""
    return Person.objects.filter(organization=organization)


def scim_teams(organization: Organization) -> QuerySet[Team]:
    """Return the teams SCIM sees as groups: the organisation's, less those it released."""
    return Team.objects.of(organization).exclude(provisioning__released_at__isnull=False)


def _record(
    organization: Organization,
    action: str,
    summary: str,
    token: ScimToken | None,
    *,
    person: Person | None = None,
    team: Team | None = None,
    **details: Any,
) -> None:
    """Keep the change in the history: the identity provider did it, no person."""
    if token is not None:
        details["token"] = token.name
    summary = f"{summary} via {VIA}"
    record_change(organization, None, action, summary, person=person, team=team, **details)


def _limit(field: str, value: str, limit: int) -> str:
    """Return the value, refusing one longer than the field holds."""
    if len(value) > limit:
        raise ValidationError({field: f"{field}: at most {limit} characters, got {len(value)}."})
    return value


def _email(user_name: str) -> str:
    """Return the userName as the e-mail address okrs signs the person in with."""
    email = _limit("userName", user_name.strip().lower(), 254)
    try:
        validate_email(email)
    except ValidationError:
        detail = f"userName: {user_name!r} is not an e-mail address (okrs signs in by e-mail)."
        raise ValidationError({"userName": detail}) from None
    return email


def _check_email_free(email: str, person: Person | None = None) -> None:
    """Refuse an e-mail address that another person already signs in with."""
    others = Person.objects.filter(email__iexact=email)
    if person is not None:
        others = others.exclude(pk=person.pk)
    if others.exists():
        raise Taken({"userName": f"userName: {email} is already taken by another person."})


def _name(change: PersonChange, link: ProvisionedPerson, current: str) -> str:
    """Return the person's name after the change: formatted, else given and family names."""
    if change.formatted_name:
        return _limit("name.formatted", change.formatted_name.strip(), 200)
    if change.given_name is None and change.family_name is None:
        return current
    return _limit("name", f"{link.given_name} {link.family_name}".strip(), 200) or current


def _apply_to_link(change: PersonChange, link: ProvisionedPerson) -> list[str]:
    """Copy the change's external id and name parts to the link; return what changed."""
    before = (link.external_id, link.given_name, link.family_name)
    if change.external_id is not None:
        link.external_id = _limit("externalId", change.external_id.strip(), 254)
    if change.given_name is not None:
        link.given_name = _limit("name.givenName", change.given_name.strip(), 200)
    if change.family_name is not None:
        link.family_name = _limit("name.familyName", change.family_name.strip(), 200)
    return ["external id"] if before[0] != link.external_id else []


def _set_active(person: Person, active: bool | None) -> None:
    """Deactivate or reactivate the person as asked; the last admin stays active."""
    if active is True:
        reactivate_person(person, None, via=VIA)
    elif active is False:
        deactivate_person(person, None, via=VIA)


@transaction.atomic
def provision_person(
    organization: Organization, change: PersonChange, token: ScimToken | None = None
) -> Person:
    """Create a person as the identity provider asks, a member; a taken e-mail is refused."""
    if not change.email:
        raise ValidationError({"userName": "userName: required, the person's e-mail address."})
    email = _email(change.email)
    _check_email_free(email)
    link = ProvisionedPerson(organization=organization)
    _apply_to_link(change, link)
    person = add_person(
        organization, email, name=_name(change, link, ""), password=change.password or None
    )
    link.person = person
    link.save()
    _record(organization, "person.created", f"{person} was added", token, person=person)
    _set_active(person, change.active)
    return person


@transaction.atomic
def update_person(person: Person, change: PersonChange, token: ScimToken | None = None) -> Person:
    """Change what the identity provider keeps of a person: e-mail, name, activation."""
    organization = person.organization
    if organization is None:
        raise ValidationError({"userName": f"{person} belongs to no organisation."})
    link, _ = ProvisionedPerson.objects.get_or_create(
        person=person, defaults={"organization": organization}
    )
    changed = []
    if change.email is not None:
        email = _email(change.email)
        if email != person.email:
            _check_email_free(email, person)
            person.email = email
            changed.append("e-mail address")
    changed += _apply_to_link(change, link)
    link.save()
    name = _name(change, link, person.name)
    if name != person.name:
        person.name = name
        changed.append("name")
    person.save(update_fields=["email", "name"])
    if change.password:
        set_password(person, change.password)
        changed.append("password")
    if changed:
        summary = f"{person}'s {', '.join(changed)} changed"
        _record(organization, "person.updated", summary, token, person=person, changed=changed)
    _set_active(person, change.active)
    return person


def _check_team_name_free(organization: Organization, name: str, team: Team | None = None) -> None:
    """Refuse a group name that another team SCIM sees already has."""
    others = scim_teams(organization).filter(name__iexact=name)
    if team is not None:
        others = others.exclude(pk=team.pk)
    if others.exists():
        raise Taken({"displayName": f"displayName: a team named {name!r} already exists."})


def _team_name(display_name: str) -> str:
    """Return the group's display name as a team name."""
    name = _limit("displayName", display_name.strip(), 200)
    if not name:
        raise ValidationError({"displayName": "displayName: required, the team's name."})
    return name


@transaction.atomic
def provision_team(
    organization: Organization,
    display_name: str,
    *,
    external_id: str = "",
    parent: Team | None = None,
    level: str = Level.TACTICAL,
    token: ScimToken | None = None,
) -> Team:
    """Create the team of a new group, below the parent or the company team.

    A team the identity provider once released under the same name is taken back instead.
    """
    name = _team_name(display_name)
    _check_team_name_free(organization, name)
    if level not in GROUP_LEVELS:
        raise ValidationError({"level": f"level: {level!r} is not one of {list(GROUP_LEVELS)}."})
    external_id = _limit("externalId", external_id.strip(), 254)
    released = ProvisionedTeam.objects.filter(
        organization=organization, team__name__iexact=name, released_at__isnull=False
    ).first()
    if released is not None:
        released.released_at, released.external_id = None, external_id
        released.save(update_fields=["released_at", "external_id"])
        team = released.team
        _record(organization, "team.linked", f"Team {team} is a group again", token, team=team)
        return team
    team = create_team(organization, name, level, parent)
    ProvisionedTeam.objects.create(organization=organization, team=team, external_id=external_id)
    _record(organization, "team.created", f"Team {team} was created", token, team=team)
    return team


@transaction.atomic
def update_group(
    team: Team,
    display_name: str | None = None,
    external_id: str | None = None,
    token: ScimToken | None = None,
) -> Team:
    """Rename the team of a group or change its external id."""
    if display_name is not None:
        name = _team_name(display_name)
        if name != team.name:
            _check_team_name_free(team.organization, name, team)
            update_team(team, name=name, via=VIA)
    if external_id is not None:
        ProvisionedTeam.objects.update_or_create(
            team=team,
            defaults={
                "organization": team.organization,
                "external_id": _limit("externalId", external_id.strip(), 254),
            },
        )
    return team


@transaction.atomic
def add_members(team: Team, people: Iterable[Person], token: ScimToken | None = None) -> None:
    """Make the people members of the team; a member or lead already in it stays as they are."""
    current = set(team.memberships.values_list("person_id", flat=True))
    for person in people:
        if person.pk not in current:
            join_team(person, team, Membership.TeamRole.MEMBER)
            current.add(person.pk)
            summary = f"{person} joined {team}"
            _record(
                team.organization, "team.member_added", summary, token, person=person, team=team
            )


@transaction.atomic
def remove_members(team: Team, people: Iterable[Person], token: ScimToken | None = None) -> None:
    """End the people's memberships of the team."""
    for person in people:
        if leave_team(person, team):
            summary = f"{person} left {team}"
            _record(
                team.organization, "team.member_removed", summary, token, person=person, team=team
            )


@transaction.atomic
def set_members(team: Team, people: Iterable[Person], token: ScimToken | None = None) -> None:
    """Make the team's members exactly these people, keeping the role of those who stay."""
    wanted = {person.pk: person for person in people}
    leaving = Person.objects.filter(memberships__team=team).exclude(pk__in=wanted)
    remove_members(team, list(leaving), token)
    add_members(team, wanted.values(), token)


@transaction.atomic
def release_team(team: Team, token: ScimToken | None = None) -> bool:
    """Delete the team of a deleted group; one with objectives or teams below it stays.

    Return whether the team was deleted. A team that stays keeps its members and OKRs and is no
    longer a group: the identity provider's deletion only ends its say over the team.
    """
    organization, name = team.organization, team.name
    try:
        with transaction.atomic():
            delete_team(team)
    except (ValidationError, IntegrityError):  # objectives, teams or other rows depend on it
        ProvisionedTeam.objects.update_or_create(
            team=team, defaults={"organization": organization, "released_at": clock.now()}
        )
        summary = f"Team {name} was kept with its OKRs when its group was deleted"
        _record(organization, "team.released", summary, token, team=team)
        return False
    _record(organization, "team.deleted", f"Team {name} was deleted", token, name=name)
    return True
