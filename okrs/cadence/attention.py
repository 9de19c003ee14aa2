"""The risk radar judged by each team's own check-in window, as reminders judge it."""

from datetime import datetime

from okrs.cadence.queries import Cadences
from okrs.cycles.models import Cycle
from okrs.objectives.attention import Radar, needs_attention
from okrs.organizations.models import Organization


def radar(
    organization: Organization,
    cycles: list[Cycle] | None = None,
    now: datetime | None = None,
    cadences: Cadences | None = None,
) -> Radar:
    """Return what needs attention in the cycles (the open ones by default), teams' windows kept."""
    cadences = cadences or Cadences.load(organization)
    return needs_attention(organization, cycles, now, cadences.check_in_days)
