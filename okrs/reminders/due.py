"""Which key results are due a check-in, and who is responsible for checking in on them."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q

from okrs.cadence.attention import radar
from okrs.cadence.queries import Cadences
from okrs.objectives.attention import Radar
from okrs.objectives.models import KeyResult, Objective
from okrs.organizations.models import Membership, Organization, Person, Role, Team
from okrs.reminders.rules import days_since, since_label


def check_in_window(
    team: Team | None, organization: Organization | None = None, cadences: Cadences | None = None
) -> int:
    """Return the days the team's key results may go without a check-in: its cadence's window."""
    organization = organization or team.organization
    cadences = cadences or Cadences.load(organization)
    return cadences.for_team(team.pk if team is not None else None).check_in_days


def owning_team(key_result: KeyResult) -> Team | None:
    """Return the team responsible for the key result: its own team, else its objective's."""
    return key_result.team if key_result.team_id else key_result.objective.team


@dataclass
class DueKeyResult:
    """A key result due a check-in, the team responsible for it and how long it has waited."""

    key_result: KeyResult
    team: Team | None
    window: int
    days: int | None
    people: list[Person] = field(default_factory=list)

    @property
    def objective(self) -> Objective:
        """Return the key result's objective."""
        return self.key_result.objective

    def since(self) -> str:
        """Return when the last check-in was, in words."""
        return since_label(self.days)


def due_counts(
    organization: Organization,
    now: datetime,
    cadences: Cadences | None = None,
    found: Radar | None = None,
) -> list[tuple[Team, int]]:
    """Return each team with key results due a check-in (stale, as the radar says) and how many.

    `found` is the radar at `now` when the caller has it already.
    """
    found = found or radar(organization, now=now, cadences=cadences)
    stale = found.stale_key_results()
    counts = Counter(item.team.pk for item in stale if item.team is not None)
    teams = Team.objects.filter(organization=organization, pk__in=counts)
    return sorted(((team, counts[team.pk]) for team in teams), key=lambda pair: str(pair[0]))


def due_key_results(
    organization: Organization,
    now: datetime,
    team: Team | None = None,
    cadences: Cadences | None = None,
    person: Person | None = None,
    found: Radar | None = None,
) -> list[DueKeyResult]:
    """Return the key results due a check-in at the moment: the radar's stale key results.

    Only one team's if a team is given; only those a person checks in on if a person is given:
    their teams' and their own individual objectives'. `found` is the radar at `now`, if known.
    """
    cadences = cadences or Cadences.load(organization)
    found = found or radar(organization, now=now, cadences=cadences)
    stale = found.stale_key_result_ids()
    rows = KeyResult.objects.of(organization).filter(
        objective__cycle__in=[cycle.pk for cycle in found.cycles],
        objective__status=Objective.State.ACTIVE,
        linked_objective__isnull=True,
    )
    if team is not None:
        rows = rows.filter(Q(team=team) | Q(team__isnull=True, objective__team=team))
    if person is not None:
        teams = Membership.objects.filter(person=person).values("team_id")
        rows = rows.filter(
            Q(team__in=teams)
            | Q(team__isnull=True, objective__team__in=teams)
            | Q(team__isnull=True, objective__team__isnull=True, objective__owner=person)
        )
    rows = rows.select_related(
        "objective__cycle", "objective__team", "objective__owner", "team"
    ).order_by("objective__cycle__start", "objective_id", "position", "id")
    due = []
    for key_result in rows:
        if key_result.pk in stale:
            responsible = owning_team(key_result)
            window = check_in_window(responsible, organization, cadences)
            days = days_since(key_result.checked_in_at, now)
            due.append(DueKeyResult(key_result, responsible, window, days))
    return due


def add_people(organization: Organization, due: list[DueKeyResult]) -> list[DueKeyResult]:
    """Fill in who must check in on each key result, in one query: members, not stakeholders."""
    team_ids = {item.team.pk for item in due if item.team is not None}
    by_team: dict[int, list[Person]] = {}
    memberships = (
        Membership.objects.filter(
            organization=organization, team_id__in=team_ids, person__is_active=True
        )
        .exclude(person__role=Role.STAKEHOLDER)
        .select_related("person")
        .order_by("person__name", "person__email")
    )
    for membership in memberships:
        by_team.setdefault(membership.team_id, []).append(membership.person)
    for item in due:
        if item.team is not None:
            item.people = by_team.get(item.team.pk, [])
        else:
            owner = item.objective.owner
            item.people = [owner] if owner.is_active and not owner.is_read_only() else []
    return due


def by_team(due: list[DueKeyResult]) -> list[tuple[Team | None, list[DueKeyResult]]]:
    """Return the due key results grouped by responsible team, by team name, individual last."""
    groups: dict[int | None, tuple[Team | None, list[DueKeyResult]]] = {}
    for item in due:
        key = item.team.pk if item.team is not None else None
        groups.setdefault(key, (item.team, []))[1].append(item)
    return sorted(groups.values(), key=lambda group: (group[0] is None, str(group[0] or "")))
