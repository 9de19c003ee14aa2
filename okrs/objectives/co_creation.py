"""Co-creation: drafts written for a team from outside it, and the coaches a team invites."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from okrs import clock
from okrs.objectives.actions import record_on_objective
from okrs.objectives.models import DraftCoach, Objective
from okrs.organizations.models import Membership, Person, Team


def is_member(person: Person, team: Team | None) -> bool:
    """Return whether the person belongs to the team."""
    if team is None or not person.is_authenticated:
        return False
    return Membership.objects.filter(person=person, team=team).exists()


def drafter_for(person: Person, team: Team | None) -> Person | None:
    """Return the person when they write an objective for a team they are not part of."""
    if team is None or not person.is_authenticated or is_member(person, team):
        return None
    return person


def _require_member(objective: Objective, person: Person, what: str) -> None:
    """Refuse anyone but a member of the owning team, who is not read-only."""
    if person.is_read_only() or not is_member(person, objective.team):
        raise PermissionDenied(f"Only a member of {objective.team} can {what}.")


@transaction.atomic
def accept_draft(objective: Objective, by: Person) -> Objective:
    """Make a draft written from outside the team the team's own; a member accepts it."""
    if not objective.awaits_acceptance():
        raise ValidationError(f"“{objective}” does not wait for the team to accept it.")
    _require_member(objective, by, "accept this draft")
    objective.accepted_at, objective.accepted_by = clock.now(), by
    record_on_objective(objective, by, fields=["accepted_at", "accepted_by"])
    return objective


@transaction.atomic
def invite_coaches(objective: Objective, people: list[Person], by: Person) -> list[DraftCoach]:
    """Invite people outside the team to read and coach the team's unshared draft."""
    _require_member(objective, by, "invite coaches to this draft")
    if objective.status != Objective.State.DRAFT:
        raise ValidationError(f"“{objective}” is published: everyone may read it already.")
    invited = []
    for person in people:
        if person.organization_id != objective.organization_id:
            raise ValidationError(f"{person} belongs to another organisation.")
        coach, _ = DraftCoach.objects.get_or_create(
            objective=objective,
            person=person,
            defaults={"organization_id": objective.organization_id, "invited_by": by},
        )
        invited.append(coach)
    return invited


@transaction.atomic
def revoke_coach(objective: Objective, person: Person, by: Person) -> bool:
    """Take back a coach's invitation; return whether there was one."""
    _require_member(objective, by, "revoke a coach of this draft")
    deleted, _ = DraftCoach.objects.filter(objective=objective, person=person).delete()
    return bool(deleted)
