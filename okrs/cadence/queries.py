"""Reading the cadence: effective settings per team, and the events a team or person follows."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from okrs.cadence.models import CadenceEvent, CadenceSettings
from okrs.domain.cadence import (
    RHYTHM_KINDS,
    Cadence,
    profile_cadence,
    team_cadence,
    with_overrides,
)
from okrs.organizations.models import Organization


def profile_defaults(organization: Organization) -> Cadence:
    """Return the cadence the organisation's practice profile suggests."""
    profile = organization.practice()
    return profile_cadence(
        profile.check_in_days, profile.review_days, profile.slug, organization.zone_name()
    )


class Cadences:
    """The organisation's cadence and its teams' overrides, loaded in one query."""

    def __init__(self, organization: Organization, rows: Iterable[CadenceSettings]):
        self.organization = organization
        self.rows = {row.team_id: row for row in rows}
        self.defaults = profile_defaults(organization)
        own = self.rows.get(None)
        self.base = with_overrides(self.defaults, own.overrides()) if own else self.defaults

    @classmethod
    def load(cls, organization: Organization) -> "Cadences":
        """Return the organisation's cadences, read from the database."""
        return cls(organization, CadenceSettings.objects.of(organization).select_related("team"))

    def row(self, team_id: int | None = None) -> CadenceSettings | None:
        """Return the stored settings of the team (or of the organisation), if any."""
        return self.rows.get(team_id)

    def for_team(self, team_id: int | None) -> Cadence:
        """Return the cadence the team follows: its overrides over the organisation's.

        Daily Alignment is the team's own choice; the organisation's only suggests it.
        """
        if team_id is None:
            return self.base
        row = self.rows.get(team_id)
        return team_cadence(self.base, row.overrides() if row else {})

    def suggests_daily_alignment(self) -> bool:
        """Return whether the organisation suggests Daily Alignment to its teams."""
        return self.base.daily_alignment

    def daily_alignment_chosen(self, team_id: int) -> bool | None:
        """Return the team's own choice on Daily Alignment: on, off, or None (not chosen yet)."""
        row = self.rows.get(team_id)
        return row.daily_alignment if row else None

    def check_in_days(self, team_id: int | None) -> int:
        """Return the days the team's key results may go without a check-in."""
        return self.for_team(team_id).check_in_days

    def own_rhythm(self, team_id: int | None) -> bool:
        """Return whether the team holds its own check-ins and reviews."""
        row = self.rows.get(team_id) if team_id is not None else None
        return row is not None and row.has_own_rhythm()

    def team_rows(self) -> list[CadenceSettings]:
        """Return the teams' overrides."""
        return [row for team_id, row in self.rows.items() if team_id is not None]


def followed_events(cadences: Cadences, team_ids: Iterable[int]) -> QuerySet:
    """Return the events the teams follow: their own, and the organisation's they keep."""
    team_ids = list(team_ids)
    organization_wide = Q(team__isnull=True)
    if team_ids and all(cadences.own_rhythm(team_id) for team_id in team_ids):
        organization_wide &= ~Q(kind__in=[str(kind) for kind in RHYTHM_KINDS])
    return (
        CadenceEvent.objects.of(cadences.organization)
        .filter(organization_wide | Q(team_id__in=team_ids))
        .select_related("team", "cycle")
    )
