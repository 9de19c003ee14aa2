"""The risk radar: the objectives and key results that need attention across the open cycles."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.domain.attention import Reason, attention_reasons, reason_label
from okrs.gc_pause import collector_paused
from okrs.objectives.scorecards import ObjectiveCard
from okrs.objectives.tree import cycle_cards
from okrs.organizations.models import Organization, Team

# The order the radar lists its items in: the worst pace first.
SEVERITY = {Reason.OFF_TRACK: 0, Reason.AT_RISK: 1, Reason.STALE: 2, Reason.LOW_CONFIDENCE: 3}


@dataclass(frozen=True)
class TeamName:
    """The name and address of the team responsible for an item."""

    pk: int
    name: str
    slug: str


@dataclass(frozen=True)
class Attention:
    """An objective or key result that needs attention: why, its team and its last check-in."""

    objective_id: int
    objective_title: str
    key_result_id: int | None
    title: str
    team: TeamName | None
    cycle_name: str
    state: str
    reasons: tuple[Reason, ...]
    last_check_in: datetime | None
    window_days: int

    def is_key_result(self) -> bool:
        """Return whether the item is a key result (else an objective)."""
        return self.key_result_id is not None

    def is_stale(self) -> bool:
        """Return whether the item has had no check-in for longer than its window."""
        return Reason.STALE in self.reasons

    def reason_labels(self) -> list[str]:
        """Return the reasons as people read them."""
        return [reason_label(reason) for reason in self.reasons]


@dataclass
class Radar:
    """Everything that needs attention in some cycles, judged at one moment."""

    cycles: list[Cycle]
    now: datetime
    items: list[Attention]

    def objective_ids(self) -> set[int]:
        """Return the objectives that need attention themselves or through a key result."""
        return {item.objective_id for item in self.items}

    def stale_key_results(self) -> list[Attention]:
        """Return the stale key results, longest without a check-in first."""
        stale = [item for item in self.items if item.is_key_result() and item.is_stale()]
        return sorted(stale, key=_quiet_longest)

    def stale_key_result_ids(self) -> set[int]:
        """Return the ids of the stale key results."""
        return {item.key_result_id for item in self.stale_key_results()}


def _quiet_longest(item: Attention) -> tuple:
    last = item.last_check_in
    return (last is not None, last.timestamp() if last else 0.0, item.key_result_id or 0)


def open_cycles(cycles: list[Cycle], on: date) -> list[Cycle]:
    """Return the cycles open on the date: not closed and running that day."""
    return [c for c in cycles if c.start <= on <= c.end and c.state != Cycle.State.CLOSED]


def needs_attention(
    organization: Organization,
    cycles: list[Cycle] | None = None,
    now: datetime | None = None,
    window_of: Callable[[int | None], int] | None = None,
) -> Radar:
    """Return what needs attention in the cycles (those open today by default), in fixed queries.

    `window_of` gives a team's check-in window in days (the practice's window by default).
    """
    now = timezone.localtime(now or clock.now())
    on = now.date()
    if cycles is None:
        cycles = open_cycles(list(Cycle.objects.of(organization)), on)
    if window_of is None:
        days = organization.practice().check_in_days

        def window_of(team_id):
            return days

    with collector_paused():  # every card lives until the radar is read
        cards = cycle_cards(organization, [c.pk for c in cycles], cycles, on, Q())
        items = _items(organization, cards, now, window_of)
    return Radar(cycles, now, items)


def _items(organization, cards: dict[int, ObjectiveCard], now, window_of) -> list[Attention]:
    """Return the items of the cards that need attention, the worst first."""
    lasts = _last_check_ins(cards)
    teams = _teams(organization, cards)
    items = []
    for pk, card in cards.items():
        objective = card.objective
        cycle = objective.cycle
        reasons = attention_reasons(
            card.state, lasts[pk], cycle.start, now, window_of(objective.team_id), card.confidence
        )
        team = teams.get(objective.team_id)
        if reasons:
            items.append(
                Attention(
                    pk,
                    objective.title,
                    None,
                    objective.title,
                    team,
                    cycle.name,
                    card.state,
                    reasons,
                    lasts[pk],
                    window_of(objective.team_id),
                )  # fmt: skip
            )
        for kr_card in card.key_results:
            key_result = kr_card.key_result
            if key_result.linked_objective_id:
                continue  # judged through the objective it links to
            team_id = key_result.team_id or objective.team_id
            window = window_of(team_id)
            reasons = attention_reasons(
                kr_card.state,
                key_result.checked_in_at,
                cycle.start,
                now,
                window,
                key_result.confidence,
            )
            if reasons:
                items.append(
                    Attention(
                        pk,
                        objective.title,
                        key_result.pk,
                        key_result.title,
                        teams.get(team_id),
                        cycle.name,
                        kr_card.state,
                        reasons,
                        key_result.checked_in_at,
                        window,
                    )  # fmt: skip
                )
    return sorted(items, key=_worst_first)


def _worst_first(item: Attention) -> tuple:
    return (SEVERITY[item.reasons[0]], item.is_key_result(), _quiet_longest(item))


def _last_check_ins(cards: dict[int, ObjectiveCard]) -> dict[int, datetime | None]:
    """Return each objective's last check-in, a linked child's counting (children loaded)."""
    lasts: dict[int, datetime | None] = {}

    def last(pk: int, seen: frozenset) -> datetime | None:
        if pk not in lasts:
            moments = []
            for kr_card in cards[pk].key_results:
                child = kr_card.key_result.linked_objective_id
                if child is None:
                    moments.append(kr_card.key_result.checked_in_at)
                elif child in cards and child not in seen:
                    moments.append(last(child, seen | {pk}))
            lasts[pk] = max((m for m in moments if m is not None), default=None)
        return lasts[pk]

    for pk in cards:
        last(pk, frozenset({pk}))
    return lasts


def _teams(organization, cards: dict[int, ObjectiveCard]) -> dict[int, TeamName]:
    """Return the teams of the objectives and of their key results, those not loaded in a query."""
    teams = {}
    wanted = set()
    for card in cards.values():
        team = card.objective.team
        if team is not None:
            teams[team.pk] = TeamName(team.pk, team.name, team.slug)
        wanted |= {kr.key_result.team_id for kr in card.key_results if kr.key_result.team_id}
    missing = wanted - set(teams)
    if missing:
        rows = Team.objects.of(organization).filter(pk__in=missing)
        rows = rows.values_list("pk", "name", "slug")
        teams |= {pk: TeamName(pk, name, slug) for pk, name, slug in rows}
    return teams
