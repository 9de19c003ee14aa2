"""The history of administrative changes: every change to people, teams, roles and settings."""

from okrs.organizations.models import AdministrativeChange, Organization, Person, Team


def record_change(
    organization: Organization,
    actor: Person | None,
    action: str,
    summary: str,
    *,
    person: Person | None = None,
    team: Team | None = None,
    **details,
) -> AdministrativeChange:
    """Keep one administrative change in the organisation's history (call inside the action)."""
    return AdministrativeChange.objects.create(
        organization=organization,
        actor=actor,
        action=action,
        summary=summary[:300],
        person=person,
        team=team,
        details=details,
    )
