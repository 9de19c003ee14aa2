"""A team's Daily Alignment as its page shows it: the team's own choice, the organisation's hint."""

from dataclasses import dataclass

from okrs.cadence.queries import Cadences
from okrs.domain.cadence import EventKind, describe
from okrs.organizations.models import Organization, Person, Team


@dataclass
class DailyAlignmentChoice:
    """Whether the team holds Daily Alignment, whether it chose, and what the organisation hints."""

    team: Team
    holds: bool
    chosen: bool | None
    suggested: bool
    when: str
    may_choose: bool

    def shows_suggestion(self) -> bool:
        """Return whether to show the organisation's suggestion: made, and not taken up yet."""
        return self.suggested and not self.holds


def daily_alignment_choice(
    team: Team, organization: Organization, person: Person, member_of: set[int]
) -> DailyAlignmentChoice:
    """Return the team's Daily Alignment as the person sees it on the team's page, in one query.

    `member_of`: the teams the person belongs to, as the page already read them.
    """
    cadences = Cadences.load(organization)
    cadence = cadences.for_team(team.pk)
    return DailyAlignmentChoice(
        team=team,
        holds=cadence.daily_alignment,
        chosen=cadences.daily_alignment_chosen(team.pk),
        suggested=cadences.suggests_daily_alignment(),
        when=describe(cadence)[EventKind.DAILY_ALIGNMENT],
        may_choose=team.pk in member_of and not person.is_read_only(),
    )
