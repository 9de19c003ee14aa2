"""Who may run reviews, see and write evaluations, and close cycles."""

from okrs.organizations.models import Membership, Person, Team
from okrs.organizations.permissions import can_write_team, coaches_across_teams


def member_team_ids(person: Person) -> set[int]:
    """Return the ids of the teams the person belongs to."""
    if not person.is_authenticated:
        return set()
    return set(Membership.objects.filter(person=person).values_list("team_id", flat=True))


def can_run_review(person: Person, team: Team) -> bool:
    """Return whether the person may hold a review for the team: its writers or a coach."""
    if person.is_read_only() or person.organization_id != team.organization_id:
        return False
    return coaches_across_teams(person) or can_write_team(person, team)


def can_write_review(person: Person, review) -> bool:
    """Return whether the person may change the review: who may run it, or its facilitator."""
    if person.is_read_only() or person.organization_id != review.organization_id:
        return False
    return review.facilitator_id == person.pk or can_run_review(person, review.team)


def can_write_evaluation(person: Person, team: Team, team_ids: set[int] | None = None) -> bool:
    """Return whether the person may score and reflect for the team: its members, no one else."""
    if person.is_read_only() or person.organization_id != team.organization_id:
        return False
    return team.pk in (member_team_ids(person) if team_ids is None else team_ids)


def can_see_evaluation(person: Person, evaluation, team_ids: set[int] | None = None) -> bool:
    """Return whether the person may read the evaluation: anyone once shared, else its team."""
    if person.organization_id != evaluation.organization_id:
        return False
    if evaluation.is_shared():
        return True
    return can_write_evaluation(person, evaluation.team, team_ids)


def can_close_cycle(person: Person) -> bool:
    """Return whether the person may close a cycle (admins and OKR leaders)."""
    return person.is_authenticated and person.writes_everything()


def review_team_ids(person: Person) -> set[int] | None:
    """Return the ids of teams the person may hold reviews for, or None for every team."""
    if person.is_read_only():
        return set()
    if person.writes_everything() or coaches_across_teams(person):
        return None
    return member_team_ids(person)
