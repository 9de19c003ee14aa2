"""Writes to organisations, teams, people and memberships."""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from okrs.domain.profiles import get_profile
from okrs.domain.reading import LONG_TEXT
from okrs.domain.vocabulary import Level
from okrs.organizations.models import (
    Membership,
    Organization,
    Person,
    Role,
    Team,
    unique_slug,
    validate_time_zone,
)


class TeamError(ValueError):
    """A team that would break the three-level structure."""


def _check_lengths(model, **values: str) -> None:
    """Refuse texts longer than the model's fields hold, naming the field and its limit."""
    errors = {}
    for name, value in values.items():
        limit = model._meta.get_field(name).max_length or LONG_TEXT
        if value and len(value) > limit:
            errors[name] = f"{name.capitalize()}: at most {limit:,} characters, got {len(value):,}."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_organization(
    name: str, slug: str = "", profile: str = "p-okr", score_scale: str = "", time_zone: str = ""
) -> Organization:
    """Create an organisation and its company team."""
    _check_lengths(Organization, name=name, slug=slug)
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        raise ValidationError({"time_zone": error.messages}) from None
    organization = Organization.objects.create(
        name=name,
        slug=slug or unique_slug(name, set(Organization.objects.values_list("slug", flat=True))),
        profile=profile,
        score_scale=score_scale or get_profile(profile).score_scale,
        time_zone=time_zone,
    )
    Team.objects.create(
        organization=organization, name=name, slug=organization.slug, level=Level.COMPANY
    )
    return organization


def company_team(organization: Organization) -> Team:
    """Return the organisation's company team."""
    return (
        Team.objects.of(organization)
        .filter(level=Level.COMPANY, parent=None)
        .order_by("id")
        .first()
    )


@transaction.atomic
def create_team(
    organization: Organization,
    name: str,
    level: str,
    parent: Team | None = None,
    slug: str = "",
    mission: str = "",
) -> Team:
    """Create a team below its parent, at most three levels deep."""
    _check_lengths(Team, name=name, slug=slug, mission=mission)
    if parent is not None and parent.organization_id != organization.id:
        raise TeamError("The parent team belongs to another organisation.")
    if level != Level.COMPANY and parent is None:
        parent = company_team(organization)
    if parent is not None and parent.depth() >= Team(level=level).depth():
        raise TeamError(f"A {level} team cannot sit below a {parent.level} team.")
    taken = set(Team.objects.of(organization).values_list("slug", flat=True))
    return Team.objects.create(
        organization=organization,
        name=name,
        slug=slug or unique_slug(name, taken),
        level=level,
        parent=parent,
        mission=mission,
    )


@transaction.atomic
def add_person(
    organization: Organization,
    email: str,
    name: str = "",
    role: str = Role.MEMBER,
    password: str | None = None,
    handle: str = "",
    password_hash: str = "",
) -> Person:
    """Create a person in the organisation; without a password they cannot sign in yet."""
    _check_lengths(Person, email=email, name=name, handle=handle)
    if password:
        check_password_rules(password, Person(email=email, name=name))
    person = Person.objects.create_user(
        email=email,
        password=password,
        name=name,
        organization=organization,
        role=role,
        handle=handle,
    )
    if password_hash:
        # Several people sharing one known password (the demo) need not pay for hashing each time.
        Person.objects.filter(pk=person.pk).update(password=password_hash)
        person.password = password_hash
    return person


def check_password_rules(password: str, person: Person) -> None:
    """Raise a ValidationError on the password field when the password breaks a password rule."""
    try:
        validate_password(password, user=person)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None


@transaction.atomic
def set_password(person: Person, password: str) -> Person:
    """Give the person a new password that passes the rules; their other sessions end."""
    check_password_rules(password, person)
    person.set_password(password)
    person.save(update_fields=["password"])
    return person


@transaction.atomic
def sign_out_everywhere(person: Person) -> Person:
    """End every session of the person on every device; API tokens keep working."""
    person.session_salt = secrets.token_hex(16)
    person.save(update_fields=["session_salt"])
    return person


@transaction.atomic
def join_team(person: Person, team: Team, role: str = Membership.TeamRole.MEMBER) -> Membership:
    """Make the person a member (or lead) of the team, updating the role if already in it."""
    if person.organization_id != team.organization_id:
        raise TeamError("A person can only join teams of their own organisation.")
    membership, _ = Membership.objects.update_or_create(
        person=person, team=team, defaults={"role": role, "organization_id": team.organization_id}
    )
    return membership


@transaction.atomic
def update_team(team: Team, name: str | None = None, mission: str | None = None) -> Team:
    """Rename the team or change its mission."""
    _check_lengths(Team, name=name, mission=mission)
    if name is not None:
        team.name = name
    if mission is not None:
        team.mission = mission
    team.full_clean(exclude=["organization", "parent", "slug"])
    team.save(update_fields=["name", "mission"])
    return team


@transaction.atomic
def delete_team(team: Team) -> None:
    """Delete a team that owns no objectives and has no teams below it."""
    if team.parent_id is None and team.level == Level.COMPANY:
        raise ValidationError(
            {"team": "The company team is the organisation itself; it cannot be deleted."}
        )
    if team.children.exists() or team.objectives(manager="all_objects").exists():
        raise ValidationError({"team": f"{team} still has teams below it or owns objectives."})
    team.delete()
