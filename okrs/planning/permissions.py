"""Who may open planning, share, publish and carry over: roles and team memberships."""

from okrs.organizations.models import Membership, Person
from okrs.organizations.permissions import can_write_objective


def leads_planning(person: Person) -> bool:
    """Return whether the person may open planning and publish any draft (admin, OKR leader)."""
    return person.is_authenticated and not person.is_read_only() and person.writes_everything()


def lead_team_ids(person: Person) -> set[int]:
    """Return the ids of the teams the person leads."""
    if not person.is_authenticated or person.is_read_only():
        return set()
    return set(
        Membership.objects.filter(person=person, role=Membership.TeamRole.LEAD).values_list(
            "team_id", flat=True
        )
    )


def can_share(person: Person, objective) -> bool:
    """Return whether the person may share (or withdraw) the team's draft."""
    return can_write_objective(person, objective)


def can_publish(person: Person, objective, led: set[int] | None = None) -> bool:
    """Return whether the person may publish the draft: leadership, or the lead of its team."""
    if person.organization_id != objective.organization_id:
        return False
    if leads_planning(person):
        return True
    if objective.team_id is None:
        return False
    return objective.team_id in (lead_team_ids(person) if led is None else led)
