"""Who may write what: roles and team memberships."""

from django.db.models import Exists, OuterRef, QuerySet, Value

from okrs.organizations.models import Membership, Person, Role, Team
from okrs.organizations.visibility import member_teams, visibility_filter

COACHES = {Role.OKR_PRACTITIONER, Role.OKR_PROFESSIONAL}


def coaches_across_teams(person: Person) -> bool:
    """Return whether the person coaches every team: OKR practitioners and professionals."""
    return person.is_authenticated and person.role in COACHES


def can_write_team(person: Person, team: Team | None, member_of: set[int] | None = None) -> bool:
    """Return whether the person may write the team's OKRs (member_of: memberships already read)."""
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
    if member_of is not None:
        return team.pk in member_of
    return Membership.objects.filter(person=person, team=team).exists()


def writable_team_ids(person: Person, member_of: set[int] | None = None) -> set[int] | None:
    """Return the ids of teams the person may write, or None for every team.

    `member_of`, the person's teams when the caller has read them, saves reading them again.
    """
    if person.is_read_only():
        return set()
    if person.writes_everything():
        return None
    if member_of is not None:
        return set(member_of)
    return set(Membership.objects.filter(person=person).values_list("team_id", flat=True))


def can_write_objective(person: Person, objective, member_of: set[int] | None = None) -> bool:
    """Return whether the person may change the objective, its key results and check-ins."""
    if objective.owner_id is not None and objective.team_id is None:
        same_org = person.is_authenticated and person.organization_id == objective.organization_id
        return (
            same_org
            and not person.is_read_only()
            and (person.pk == objective.owner_id or person.writes_everything())
        )
    return can_write_team(person, objective.team, member_of)


def can_write_key_result(person: Person, key_result, member_of: set[int] | None = None) -> bool:
    """Return whether the person may check in on the key result (member_of: memberships read)."""
    if can_write_objective(person, key_result.objective, member_of):
        return True
    return key_result.team_id is not None and can_write_team(person, key_result.team, member_of)


def to_check_in(key_results: QuerySet, person: Person) -> QuerySet:
    """Return the key results the person sees, with what the write check reads of memberships."""
    seen = visibility_filter(person, "objective__", member_teams(person))
    return with_memberships(key_results.filter(seen), person)


def with_memberships(key_results: QuerySet, person: Person) -> QuerySet:
    """Annotate key results with whether the person belongs to their teams, for the write check."""
    if person.writes_everything() or person.is_read_only():
        # No membership decides what they may write: nothing to ask the database.
        return key_results.annotate(in_objective_team=Value(False), in_own_team=Value(False))
    mine = Membership.objects.filter(person=person)
    return key_results.annotate(
        in_objective_team=Exists(mine.filter(team_id=OuterRef("objective__team_id"))),
        in_own_team=Exists(mine.filter(team_id=OuterRef("team_id"))),
    )


def memberships_found(key_result) -> set[int]:
    """Return the teams of the key result the person belongs to, as `with_memberships` read them."""
    found = {key_result.objective.team_id} if key_result.in_objective_team else set()
    return found | ({key_result.team_id} if key_result.in_own_team else set())


def mark_writable(cards, person: Person, member_of: set[int] | None = None) -> None:
    """Set card.can_write on each objective card for the person, in one query.

    `member_of`, the person's teams when the caller has read them, saves that query.
    """
    team_ids = writable_team_ids(person, member_of)
    for card in cards:
        objective = card.objective
        if person.is_read_only() or objective.cycle.state == "closed":
            card.can_write = False
        elif objective.team_id is None:
            card.can_write = objective.owner_id == person.pk or team_ids is None
        else:
            card.can_write = team_ids is None or objective.team_id in team_ids


def led_team_ids(person: Person) -> set[int]:
    """Return the ids of the teams the person leads."""
    if not person.is_authenticated or person.is_read_only():
        return set()
    return set(
        Membership.objects.filter(person=person, role=Membership.TeamRole.LEAD).values_list(
            "team_id", flat=True
        )
    )


def can_override_status(person: Person, objective, led: set[int] | None = None) -> bool:
    """Return whether the person may set the objective's status by hand.

    Its owner may: the person of an individual objective, a lead of the owning team; so may admins
    and OKR leaders. `led`, the teams the person leads when the caller has read them, saves a query.
    """
    if not person.is_authenticated or person.organization_id != objective.organization_id:
        return False
    if person.is_read_only():
        return False
    if person.writes_everything() or person.pk == objective.owner_id:
        return True
    if objective.team_id is None:
        return False
    return objective.team_id in (led_team_ids(person) if led is None else led)
