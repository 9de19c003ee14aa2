"""Who may write what: roles and team memberships."""

from okrs.organizations.models import Membership, Person, Team


def can_write_team(person: Person, team: Team | None) -> bool:
    """Return whether the person may write the team's OKRs and check-ins."""
    if (
        not person.is_authenticated
        or team is None
        or person.organization_id != team.organization_id
    ):
        return False
    if person.is_read_only():
        return False
    if person.writes_everything():
        return True
    return Membership.objects.filter(person=person, team=team).exists()


def writable_team_ids(person: Person) -> set[int] | None:
    """Return the ids of teams the person may write, or None for every team."""
    if person.is_read_only():
        return set()
    if person.writes_everything():
        return None
    return set(Membership.objects.filter(person=person).values_list("team_id", flat=True))
