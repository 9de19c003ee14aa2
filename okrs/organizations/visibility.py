"""Who sees which objectives: a draft stays within its team until it is shared."""

from django.db.models import Q, QuerySet

from okrs.organizations.models import Membership, Person, Role

FACILITATORS = {Role.ADMIN, Role.OKR_LEADER, Role.OKR_PRACTITIONER}


def facilitates(person: Person) -> bool:
    """Return whether the person facilitates planning and so sees every draft."""
    return person.is_authenticated and person.role in FACILITATORS


def member_teams(person: Person) -> QuerySet:
    """Return the ids of the teams the person belongs to, as a query to use inside another."""
    return Membership.objects.filter(person=person).values("team_id")


def member_team_ids(person: Person) -> set[int]:
    """Return the ids of the teams the person belongs to."""
    if not person.is_authenticated:
        return set()
    return set(Membership.objects.filter(person=person).values_list("team_id", flat=True))


def visibility_filter(person: Person, prefix: str = "", team_ids=None) -> Q:
    """Return the condition for objectives the person may see; prefix it for related lookups."""
    if facilitates(person):
        return Q()
    if team_ids is None:
        team_ids = member_team_ids(person)
    shown = Q(**{f"{prefix}shared_at__isnull": False}) | ~Q(**{f"{prefix}status": "draft"})
    shown |= Q(**{f"{prefix}team_id__in": team_ids})
    if person.is_authenticated:
        shown |= Q(**{f"{prefix}owner_id": person.pk, f"{prefix}team__isnull": True})
    return shown


def can_see_objective(person: Person, objective, team_ids: set[int] | None = None) -> bool:
    """Return whether the person may see this one objective."""
    if objective.is_shared() or facilitates(person):
        return True
    if objective.team_id is None:
        return person.is_authenticated and objective.owner_id == person.pk
    if team_ids is None:
        team_ids = member_team_ids(person)
    return objective.team_id in team_ids
