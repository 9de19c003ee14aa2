"""What a weekly digest says: what moved, what needs attention and what is due."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q

from okrs.domain.numbers import num, unit_suffix
from okrs.objectives.attention import Attention, Radar
from okrs.objectives.models import CheckIn, KeyResult, Objective
from okrs.organizations.models import Membership, Organization, Person, Team
from okrs.reminders.due import DueKeyResult, due_key_results

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Movement:
    """A key result checked in on this week: where it was before and where it is now."""

    key_result: KeyResult
    before: float | None
    after: float
    check_ins: int

    def describe(self) -> str:
        """Return the move in words, e.g. "from 20,000 to 35,000 signatures (2 check-ins)"."""
        unit = unit_suffix(self.key_result.unit)
        after = f"{num(self.after)}{unit}"
        where = f"from {num(self.before)}{unit} to {after}" if self.before is not None else after
        times = f"{self.check_ins} check-in{'s' if self.check_ins != 1 else ''}"
        return f"{where} ({times})"


@dataclass
class Digest:
    """One week's digest for a person or a team."""

    organization: Organization
    since: datetime
    now: datetime
    moved: list[Movement] = field(default_factory=list)
    attention: list[Attention] = field(default_factory=list)
    due: list[DueKeyResult] = field(default_factory=list)

    def is_empty(self) -> bool:
        """Return whether there is nothing to tell."""
        return not (self.moved or self.attention or self.due)


def _movements(key_results, since: datetime) -> list[Movement]:
    """Return how each key result with check-ins since then moved, in the key results' order."""
    ids = list(key_results.values_list("pk", flat=True))
    rows = (
        CheckIn.objects.filter(key_result_id__in=ids)
        .order_by("key_result_id", "checked_in_at", "id")
        .values_list("key_result_id", "value", "checked_in_at")
    )
    before: dict[int, float] = {}
    this_week: dict[int, list[float]] = {}
    for key_result_id, value, checked_in_at in rows:
        if checked_in_at < since:
            before[key_result_id] = value
        else:
            this_week.setdefault(key_result_id, []).append(value)
    found = key_results.filter(pk__in=this_week).select_related("objective")
    return [
        Movement(kr, before.get(kr.pk, kr.start), this_week[kr.pk][-1], len(this_week[kr.pk]))
        for kr in found.order_by("objective_id", "position", "id")
    ]


def _running(organization: Organization, found: Radar):
    return KeyResult.objects.of(organization).filter(
        objective__cycle__in=[cycle.pk for cycle in found.cycles],
        objective__status=Objective.State.ACTIVE,
    )


def person_digest(organization: Organization, person: Person, found: Radar) -> Digest:
    """Return the person's digest: their teams' and own key results, judged at the radar's time."""
    now = found.now
    since = now - WEEK
    teams = set(Membership.objects.filter(person=person).values_list("team_id", flat=True))
    own = set(
        Objective.objects.of(organization)
        .filter(owner=person, team__isnull=True)
        .values_list("pk", flat=True)
    )
    theirs = _running(organization, found).filter(
        Q(team__in=teams)
        | Q(team__isnull=True, objective__team__in=teams)
        | Q(team__isnull=True, objective_id__in=own)
    )
    attention = [
        item
        for item in found.items
        if (item.team is not None and item.team.pk in teams)
        or (item.team is None and item.objective_id in own)
    ]
    return Digest(
        organization,
        since,
        now,
        moved=_movements(theirs, since),
        attention=attention,
        due=[]
        if person.is_read_only()
        else due_key_results(organization, now, person=person, found=found),
    )


def team_digest(organization: Organization, team: Team, found: Radar) -> Digest:
    """Return a team's digest, judged at the radar's time."""
    now = found.now
    since = now - WEEK
    theirs = _running(organization, found).filter(
        Q(team=team) | Q(team__isnull=True, objective__team=team)
    )
    attention = [item for item in found.items if item.team is not None and item.team.pk == team.pk]
    return Digest(
        organization,
        since,
        now,
        moved=_movements(theirs, since),
        attention=attention,
        due=due_key_results(organization, now, team=team, found=found),
    )
