"""The risk radar: the objectives and key results that need attention across the open cycles."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.domain.attention import Reason, attention_reasons, reason_label
from okrs.domain.progress import (
    expected_progress,
    infer_direction,
    key_result_progress,
    mean_confidence,
)
from okrs.domain.rollup import KeyResultInput, objective_progresses
from okrs.domain.states import key_result_state, objective_state, objectives_checked_in
from okrs.domain.vocabulary import Lifecycle
from okrs.gc_pause import collector_paused
from okrs.objectives.aggregates import Epoch, moment
from okrs.objectives.models import KeyResult, Objective
from okrs.organizations.models import Organization, Team

# The order the radar lists its items in: the worst pace first.
SEVERITY = {Reason.OFF_TRACK: 0, Reason.AT_RISK: 1, Reason.STALE: 2, Reason.LOW_CONFIDENCE: 3}


@dataclass(frozen=True)
class TeamName:
    """The name and address of the team responsible for an item."""

    pk: int
    name: str
    slug: str


@dataclass(slots=True)
class Attention:
    """An objective or key result that needs attention: why, its team and its last check-in."""

    objective_id: int
    objective_title: str
    objective_team_id: int | None
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

    def reason_pills(self) -> list[tuple[str, str]]:
        """Return each reason's name (its colour) and how people read it."""
        return [(reason.value, reason_label(reason)) for reason in self.reasons]


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
        return {pk for item in self.stale_key_results() if (pk := item.key_result_id) is not None}


def _quiet_longest(item: Attention) -> tuple:
    last = item.last_check_in
    return (last is not None, last.timestamp() if last else 0.0, item.key_result_id or 0)


def running_cycles(cycles: list[Cycle], on: date) -> list[Cycle]:
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
    if cycles is None:
        cycles = running_cycles(list(Cycle.objects.of(organization)), now.date())
    if window_of is None:
        days = organization.practice().check_in_days

        def window_of(team_id):
            return days

    with collector_paused():  # thousands of rows, all alive until the radar is read
        active = _active(organization, cycles)
        objectives = list(active.values_list(*OBJECTIVE_COLUMNS).order_by("id"))
        key_results = _key_results(organization, {row[0] for row in objectives}, active)
        items = _items(organization, cycles, objectives, key_results, now, window_of)
    return Radar(cycles, now, items)


OBJECTIVE_COLUMNS = ("id", "title", "ambition", "cycle_id", "team_id", "team__name", "team__slug")
KR_COLUMNS = (
    "id", "objective_id", "title", "team_id", "linked_objective_id", "type", "direction", "start",
    "target", "current", "weight", "confidence",
)  # fmt: skip


@dataclass(slots=True)
class KeyResultRead:
    """The fields of a key result the radar judges, its own progress computed once."""

    pk: int
    objective_id: int
    title: str
    team_id: int | None
    linked_objective_id: int | None
    direction: str
    progress: float
    weight: float
    confidence: int | None
    checked_in_at: datetime | None

    @property
    def started(self) -> bool:
        """Return whether the key result has a check-in."""
        return self.checked_in_at is not None


def _active(organization, cycles: list[Cycle]):
    """Return the active objectives of the cycles: the only ones that may need attention."""
    return Objective.objects.of(organization).filter(
        cycle_id__in=[c.pk for c in cycles], status=Objective.State.ACTIVE
    )


def _read(rows) -> list[KeyResultRead]:
    """Return the key results of the query, each with its own progress as the domain computes it."""
    read = []
    for row in rows.annotate(last=Epoch("checked_in_at")).values_list(*KR_COLUMNS, "last"):
        pk, objective_id, title, team_id, linked, kind, direction, start, target, *more = row
        current, weight, confidence, last = more
        direction = direction or infer_direction(start, target)
        progress = key_result_progress(kind, direction, start, target, current)
        read.append(
            KeyResultRead(
                pk,
                objective_id,
                title,
                team_id,
                linked,
                direction,
                progress,
                weight,
                confidence,
                moment(last),
            )  # fmt: skip
        )
    return read


def _key_results(organization, objective_ids: set[int], chosen) -> dict[int, list[KeyResultRead]]:
    """Return the key results of the objectives and, level by level, of their linked children.

    `chosen`, a query of the same objectives, keeps thousands of literal ids out of the SQL.
    """
    scope = KeyResult.objects.of(organization)
    by_objective: dict[int, list[KeyResultRead]] = {pk: [] for pk in objective_ids}
    batch = _read(scope.filter(objective__in=chosen.values("id")))
    while batch:
        for key_result in batch:
            by_objective.setdefault(key_result.objective_id, []).append(key_result)
        missing = {kr.linked_objective_id for kr in batch if kr.linked_objective_id}
        missing -= set(by_objective)
        by_objective |= {pk: [] for pk in missing}
        batch = _read(scope.filter(objective_id__in=missing)) if missing else []
    return by_objective


def _items(organization, cycles, objectives, key_results, now, window_of) -> list[Attention]:
    """Return the objectives and key results that need attention, the worst first."""
    inputs = {
        pk: [
            KeyResultInput(
                kr.progress, kr.weight, kr.linked_objective_id, kr.checked_in_at is not None
            )
            for kr in rows
        ]
        for pk, rows in key_results.items()
    }
    progresses = objective_progresses(inputs)
    started = objectives_checked_in(inputs)
    lasts = _last_check_ins(key_results)
    teams = _teams(organization, objectives, key_results)
    by_id = {c.pk: c for c in cycles}
    items = []
    for pk, title, ambition, cycle_id, team_id, *_ in objectives:
        cycle = by_id[cycle_id]
        expected = expected_progress(cycle.start, cycle.end, now.date(), ambition)
        about = {
            "objective_id": pk,
            "objective_title": title,
            "objective_team_id": team_id,
            "cycle_name": cycle.name,
        }
        confidences = []
        for kr in key_results[pk]:
            if kr.confidence is not None:
                confidences.append(kr.confidence)
            child = kr.linked_objective_id
            if child is not None:
                continue  # judged through the objective it links to
            responsible = kr.team_id or team_id
            window = window_of(responsible)
            state = key_result_state(
                Lifecycle.ACTIVE,
                cycle.state,
                checked_in=kr.checked_in_at is not None,
                progress=kr.progress,
                expected=expected,
                confidence=kr.confidence,
                direction=kr.direction,
            )
            reasons = attention_reasons(
                state, kr.checked_in_at, cycle.start, now, window, kr.confidence
            )
            if reasons:
                items.append(
                    Attention(
                        **about,
                        key_result_id=kr.pk,
                        title=kr.title,
                        team=teams.get(responsible),
                        state=state,
                        reasons=reasons,
                        last_check_in=kr.checked_in_at,
                        window_days=window,
                    )
                )
        confidence = mean_confidence(confidences)
        state = objective_state(
            Lifecycle.ACTIVE,
            cycle.state,
            checked_in=pk in started,
            progress=progresses.get(pk, 0.0),
            expected=expected,
            confidence=confidence,
        )
        window = window_of(team_id)
        reasons = attention_reasons(state, lasts[pk], cycle.start, now, window, confidence)
        if progresses.get(pk, 0.0) >= 1:
            # Every key result reached: nothing is left to check in on (a bound that must hold
            # is still judged on its own).
            reasons = tuple(reason for reason in reasons if reason != Reason.STALE)
        if reasons:
            items.append(
                Attention(
                    **about,
                    key_result_id=None,
                    title=title,
                    team=teams.get(team_id),
                    state=state,
                    reasons=reasons,
                    last_check_in=lasts[pk],
                    window_days=window,
                )
            )
    return sorted(items, key=_worst_first)


def _worst_first(item: Attention) -> tuple:
    return (SEVERITY[item.reasons[0]], item.is_key_result(), _quiet_longest(item))


def _last_check_ins(key_results: dict[int, list[KeyResultRead]]) -> dict[int, datetime | None]:
    """Return each objective's last check-in, a linked child's counting."""
    lasts: dict[int, datetime | None] = {}

    def last(pk: int, seen: frozenset) -> datetime | None:
        if pk not in lasts:
            moments = []
            for kr in key_results.get(pk, []):
                child = kr.linked_objective_id
                if child is None:
                    moments.append(kr.checked_in_at)
                elif child not in seen:
                    moments.append(last(child, seen | {pk}))
            lasts[pk] = max((m for m in moments if m is not None), default=None)
        return lasts[pk]

    for pk in key_results:
        last(pk, frozenset({pk}))
    return lasts


def _teams(organization, objectives, key_results) -> dict[int, TeamName]:
    """Return the teams of the objectives and of their key results, those not loaded in a query."""
    teams = {
        team_id: TeamName(team_id, name, slug)
        for _, _, _, _, team_id, name, slug in objectives
        if team_id is not None
    }
    missing = {kr.team_id for rows in key_results.values() for kr in rows if kr.team_id}
    missing -= set(teams)
    if missing:
        found = Team.objects.of(organization).filter(pk__in=missing)
        named = found.values_list("pk", "name", "slug")
        teams |= {pk: TeamName(pk, name, slug) for pk, name, slug in named}
    return teams
