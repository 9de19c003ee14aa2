"""Writes to organisations, teams, people and memberships."""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from okrs import clock
from okrs.domain.hierarchy import level_problem, parent_problem
from okrs.domain.profiles import get_profile
from okrs.domain.reading import LONG_TEXT
from okrs.domain.vocabulary import Level
from okrs.organizations.audit import record_change
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
    if parent is not None and parent.is_archived():
        raise TeamError(f"{parent} is archived: it takes no new teams below it.")
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
def add_team(
    organization: Organization,
    name: str,
    level: str,
    parent: Team | None = None,
    mission: str = "",
    *,
    by: Person | None,
) -> Team:
    """Create a team as an admin does, keeping the change in the history."""
    team = create_team(organization, name, level, parent, mission=mission)
    below = f", below {team.parent}" if team.parent is not None else ""
    record_change(
        organization, by, "team.created", f"Team {team} created ({level}{below})", team=team
    )
    return team


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
def update_team(
    team: Team,
    name: str | None = None,
    mission: str | None = None,
    level: str | None = None,
    parent: Team | None = None,
    *,
    by: Person | None = None,
    via: str = "",
) -> Team:
    """Rename the team, change its mission, level or parent team (None: unchanged); kept.

    `via` names what made the change without a person (SCIM), said in the history.
    """
    _check_lengths(Team, name=name, mission=mission)
    was = {"name": team.name, "mission": team.mission, "level": team.level}
    was_parent = team.parent
    if name is not None:
        team.name = name
    if mission is not None:
        team.mission = mission
    if level is not None and level != team.level:
        _check_level_change(team, level)
        team.level = level
    moved = False
    if parent is not None and parent.pk != team.parent_id:
        _check_parent(team, parent)
        team.parent, moved = parent, True
    problem = level_problem(team.level, team.parent.level if team.parent else None)
    if problem:
        raise ValidationError({"parent" if moved else "level": problem})
    _check_teams_below(team)
    team.full_clean(exclude=["organization", "parent", "slug"])
    team.save(update_fields=["name", "mission", "level", "parent"])
    _record_team_changes(team, was, was_parent, by, via)
    return team


def _check_level_change(team: Team, level: str) -> None:
    """Refuse an unknown level, and moving a team to or from the company level."""
    if level not in {each.value for each in Level}:
        raise ValidationError({"level": f"{level!r} is not a level; choose strategic or tactical."})
    if Level.COMPANY in (level, team.level):
        raise ValidationError(
            {"level": "Only the organisation's own team is at the company level; it stays there."}
        )


def _check_parent(team: Team, parent: Team) -> None:
    """Refuse a parent of another organisation, an archived one, or one that makes a loop."""
    if parent.organization_id != team.organization_id:
        raise ValidationError({"parent": "The parent team belongs to another organisation."})
    if team.level == Level.COMPANY and team.parent_id is None:
        raise ValidationError({"parent": f"{team} is the organisation itself: it stays on top."})
    if parent.is_archived():
        raise ValidationError({"parent": f"{parent} is archived: it takes no teams below it."})
    parents = dict(Team.objects.of(team.organization_id).values_list("pk", "parent_id"))
    problem = parent_problem(parents, team.pk, parent.pk)
    if problem:
        raise ValidationError({"parent": problem.replace("The parent team", str(parent))})


def _check_teams_below(team: Team) -> None:
    """Refuse a level that the teams right below the team could no longer sit under."""
    misplaced = [c for c in team.children.all() if level_problem(c.level, team.level)]
    if misplaced:
        names = ", ".join(f"{c} ({c.level})" for c in misplaced)
        raise ValidationError(
            {"level": f"A {team.level} team cannot have {names} below it: move them first."}
        )


def _record_team_changes(
    team: Team, was: dict, was_parent: Team | None, by: Person | None, via: str
) -> None:
    """Keep one history entry per kind of change made to the team."""
    organization = team.organization
    said = f" via {via}" if via else ""
    if team.name != was["name"]:
        record_change(
            organization,
            by,
            "team.renamed",
            f"Team {was['name']} renamed to {team.name}{said}",
            team=team,
        )
    if team.parent_id != (was_parent.pk if was_parent else None):
        record_change(
            organization,
            by,
            "team.moved",
            f"Team {team} moved from below {was_parent} to below {team.parent}{said}",
            team=team,
        )
    if team.level != was["level"]:
        record_change(
            organization,
            by,
            "team.level_changed",
            f"Team {team} is now {team.level} (was {was['level']}){said}",
            team=team,
        )
    if team.mission != was["mission"]:
        record_change(
            organization, by, "team.mission_changed", f"Mission of {team} changed{said}", team=team
        )


@transaction.atomic
def archive_team(team: Team, by: Person | None = None) -> Team:
    """Archive the team: its OKRs stay readable, it is offered for no new objective or member."""
    if team.is_archived():
        return team
    if team.is_company():
        raise ValidationError({"team": f"{team} is the organisation itself: it stays in use."})
    in_use = [str(t) for t in team.children.all() if not t.is_archived()]
    if in_use:
        raise ValidationError(
            {
                "team": f"Teams below {team} are still in use ({', '.join(in_use)}): "
                "archive or move them first."
            }
        )
    team.archived_at = clock.now()
    team.save(update_fields=["archived_at"])
    record_change(team.organization, by, "team.archived", f"Team {team} archived", team=team)
    return team


@transaction.atomic
def unarchive_team(team: Team, by: Person | None = None) -> Team:
    """Bring an archived team back into use, below a parent that is in use."""
    if not team.is_archived():
        return team
    if team.parent is not None and team.parent.is_archived():
        raise ValidationError(
            {"team": f"{team} sits below {team.parent}, which is archived: unarchive it first."}
        )
    team.archived_at = None
    team.save(update_fields=["archived_at"])
    record_change(team.organization, by, "team.unarchived", f"Team {team} unarchived", team=team)
    return team


@transaction.atomic
def add_to_team(
    person: Person, team: Team, role: str = Membership.TeamRole.MEMBER, by: Person | None = None
) -> Membership:
    """Make the person a member or lead of a team in use, keeping the change in the history."""
    if role not in Membership.TeamRole.values:
        raise ValidationError({"role": f"{role!r} is not a team role; choose member or lead."})
    if team.is_archived():
        raise ValidationError({"team": f"{team} is archived: it takes no new members."})
    was = Membership.objects.filter(person=person, team=team).values_list("role", flat=True)
    was_role = was.first()
    membership = join_team(person, team, role)
    if was_role is None:
        record_change(
            team.organization,
            by,
            "team.member_added",
            f"{person} joined {team} as {role}",
            person=person,
            team=team,
        )
    elif was_role != role:
        record_change(
            team.organization,
            by,
            "team.member_role_changed",
            f"{person} is now {role} of {team} (was {was_role})",
            person=person,
            team=team,
        )
    return membership


@transaction.atomic
def leave_team(person: Person, team: Team) -> bool:
    """Take the person out of the team (their check-ins and OKRs stay); tell if they were in it."""
    removed, _ = Membership.objects.filter(person=person, team=team).delete()
    return removed > 0


@transaction.atomic
def remove_from_team(person: Person, team: Team, by: Person | None) -> bool:
    """Take the person out of the team as an admin does, keeping the change in the history."""
    removed = leave_team(person, team)
    if removed:
        record_change(
            team.organization,
            by,
            "team.member_removed",
            f"{person} left {team}",
            person=person,
            team=team,
        )
    return removed


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
