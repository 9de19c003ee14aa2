"""Who sees which objectives: a draft stays within its team until it is shared.

Admins, OKR leaders and practitioners see that a team's unshared draft exists, not its text,
unless the team invites them to coach it (or they drafted it and the team has not accepted it yet).
"""

from django.db.models import Q, QuerySet

from okrs.organizations.models import Membership, Person, Role

FACILITATORS = {Role.ADMIN, Role.OKR_LEADER, Role.OKR_PRACTITIONER}


def facilitates(person: Person) -> bool:
    """Return whether the person facilitates planning and so knows every draft exists."""
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
    if team_ids is None:
        team_ids = member_teams(person) if person.is_authenticated else set()
    shown = Q(**{f"{prefix}shared_at__isnull": False}) | ~Q(**{f"{prefix}status": "draft"})
    shown |= Q(**{f"{prefix}team_id__in": team_ids})
    if person.is_authenticated:
        shown |= Q(**{f"{prefix}owner_id": person.pk, f"{prefix}team__isnull": True})
        shown |= Q(**{f"{prefix}pk__in": person.coachings.values("objective_id")})
        shown |= Q(**{f"{prefix}drafted_by_id": person.pk, f"{prefix}accepted_at__isnull": True})
    return shown


def can_see_objective(person: Person, objective, team_ids: set[int] | None = None) -> bool:
    """Return whether the person may see this one objective."""
    if objective.is_shared():
        return True
    if not person.is_authenticated:
        return False
    if objective.team_id is None:
        return objective.owner_id == person.pk
    if objective.drafted_by_id == person.pk and objective.accepted_at is None:
        return True
    if team_ids is None:
        team_ids = member_team_ids(person)
    return objective.team_id in team_ids or is_coach(person, objective)


def is_coach(person: Person, objective) -> bool:
    """Return whether the team invited the person to coach its draft."""
    return person.is_authenticated and person.coachings.filter(objective=objective).exists()


def private_drafts(objectives: QuerySet, person: Person) -> list[dict]:
    """Return the unshared drafts the person facilitates but may not read: their teams, no text.

    Admins, OKR leaders and practitioners know a team is drafting without reading the draft.
    """
    if not facilitates(person):
        return []
    hidden = objectives.filter(status="draft", shared_at__isnull=True, team__isnull=False).exclude(
        visibility_filter(person)
    )
    return list(hidden.order_by("team__name", "pk").values("team__name", "team__slug"))
