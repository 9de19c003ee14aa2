"""An admin places people in teams: add, set the team role, move, take out; each change is kept."""

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs.organizations.actions import join_team, leave_team
from okrs.organizations.audit import record_change
from okrs.organizations.models import Membership, Person, Team

TeamRole = Membership.TeamRole


def _check(person: Person, team: Team, role: str = TeamRole.MEMBER) -> None:
    """Refuse a team of another organisation or a team role that does not exist."""
    if person.organization_id is None or person.organization_id != team.organization_id:
        raise ValidationError({"team": "Team: choose a team of the person's own organisation."})
    if role not in TeamRole.values:
        raise ValidationError(
            {"team_role": f"Team role: {role!r} is not one of {TeamRole.values}."}
        )


@transaction.atomic
def place_in_team(person: Person, team: Team, role: str, by: Person | None) -> Membership:
    """Add the person to the team, or give them another role in it."""
    _check(person, team, role)
    was = Membership.objects.filter(person=person, team=team).values_list("role", flat=True).first()
    membership = join_team(person, team, role)
    label = TeamRole(role).label.lower()
    if was is None:
        action, summary = "team.member_added", f"{person} joined {team} as {label}"
    elif was != role:
        action, summary = "team.member_role_changed", f"{person} is now {label} of {team}"
    else:
        return membership
    record_change(
        team.organization, by, action, summary, person=person, team=team, team_role=role, was=was
    )
    return membership


@transaction.atomic
def move_to_team(person: Person, from_team: Team, to_team: Team, by: Person | None) -> Membership:
    """Move the person from one team to another, keeping their team role."""
    _check(person, to_team)
    current = Membership.objects.filter(person=person, team=from_team).first()
    if current is None:
        raise ValidationError({"team": f"{person} is not in {from_team}."})
    if from_team == to_team:
        return current
    if Membership.objects.filter(person=person, team=to_team).exists():
        raise ValidationError({"to_team": f"{person} is already in {to_team}."})
    leave_team(person, from_team)
    membership = join_team(person, to_team, current.role)
    record_change(
        to_team.organization,
        by,
        "team.member_moved",
        f"{person} moved from {from_team} to {to_team}",
        person=person,
        team=to_team,
        from_team=from_team.pk,
    )
    return membership


@transaction.atomic
def take_out_of_team(person: Person, team: Team, by: Person | None) -> bool:
    """Take the person out of the team; return whether they were in it."""
    if not leave_team(person, team):
        return False
    record_change(
        team.organization,
        by,
        "team.member_removed",
        f"{person} left {team}",
        person=person,
        team=team,
    )
    return True
