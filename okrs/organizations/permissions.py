"""Who may write what: roles and team memberships."""

from okrs.organizations.models import Membership, Person, Role, Team

COACHES = {Role.OKR_PRACTITIONER, Role.OKR_PROFESSIONAL}


def coaches_across_teams(person: Person) -> bool:
    """Return whether the person coaches every team: OKR practitioners and professionals."""
    return person.is_authenticated and person.role in COACHES


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


def can_write_objective(person: Person, objective) -> bool:
    """Return whether the person may change the objective, its key results and check-ins."""
    if objective.owner_id is not None and objective.team_id is None:
        same_org = person.is_authenticated and person.organization_id == objective.organization_id
        return (
            same_org
            and not person.is_read_only()
            and (person.pk == objective.owner_id or person.writes_everything())
        )
    return can_write_team(person, objective.team)


def can_write_key_result(person: Person, key_result) -> bool:
    """Return whether the person may check in on the key result."""
    if can_write_objective(person, key_result.objective):
        return True
    return key_result.team_id is not None and can_write_team(person, key_result.team)
