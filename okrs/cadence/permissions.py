"""Who may change the cadence: its settings, its events and its calendar addresses."""

from okrs.cadence.models import CadenceEvent, CalendarFeed
from okrs.organizations.models import Membership, Person, Team
from okrs.organizations.permissions import can_write_team


def _in_organization(person: Person, organization_id: int) -> bool:
    return person.is_authenticated and person.organization_id == organization_id


def can_edit_organization_cadence(person: Person) -> bool:
    """Return whether the person may change the organisation's cadence (admins, OKR leaders)."""
    return person.is_authenticated and not person.is_read_only() and person.writes_everything()


def lead_team_ids(person: Person) -> set[int]:
    """Return the ids of the teams the person leads."""
    return set(
        Membership.objects.filter(person=person, role=Membership.TeamRole.LEAD).values_list(
            "team_id", flat=True
        )
    )


def can_edit_team_cadence(person: Person, team: Team, led: set[int] | None = None) -> bool:
    """Return whether the person may change the team's cadence: its leads, admins, OKR leaders."""
    if not _in_organization(person, team.organization_id) or person.is_read_only():
        return False
    if person.writes_everything():
        return True
    return team.pk in (lead_team_ids(person) if led is None else led)


def can_choose_daily_alignment(person: Person, team: Team) -> bool:
    """Return whether the person decides the team's Daily Alignment: a member, not read-only.

    Admins and OKR leaders outside the team may suggest it to every team, never decide it.
    """
    if not _in_organization(person, team.organization_id) or person.is_read_only():
        return False
    return Membership.objects.filter(person=person, team=team).exists()


def can_edit_event(person: Person, event: CadenceEvent) -> bool:
    """Return whether the person may change the event: whoever may write its team's OKRs."""
    if event.team_id is not None:
        return can_write_team(person, event.team)
    return _in_organization(person, event.organization_id) and can_edit_organization_cadence(person)


def can_renew_feed(person: Person, feed: CalendarFeed) -> bool:
    """Return whether the person may replace the feed's address, cutting off its subscribers."""
    if feed.team_id is not None:
        return can_write_team(person, feed.team)
    return _in_organization(person, feed.organization_id) and can_edit_organization_cadence(person)
