"""Progress, score, pace, status and state of loaded objectives, computed with the domain math."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from okrs.domain.progress import (
    expected_progress,
    format_score,
    is_achieved,
    mean_confidence,
    score,
    status,
)
from okrs.domain.rollup import KeyResultInput, objective_progresses
from okrs.domain.states import (
    is_final,
    key_result_state,
    objective_state,
    objectives_checked_in,
    override_refusal,
)
from okrs.objectives.models import KeyResult, Objective, StatusOverride


@dataclass
class KeyResultCard:
    """A key result with its computed progress, pace, status, state and score."""

    key_result: KeyResult
    progress: float
    expected: float
    status: str
    score: float
    score_label: str
    state: str = ""
    grade_label: str = ""
    can_write: bool = False  # whether the person looking may check in on it, once marked
    # Its trend, only where a page draws it (okrs.objectives.trends): check-ins, chart, confidence.
    history: list[Any] = field(default_factory=list)
    chart: Any = None
    confidence_line: str = ""
    initiatives: list[Any] = field(default_factory=list)  # its action plan, where a page shows it

    def percent(self) -> int:
        """Return progress as a whole percentage."""
        return round(self.progress * 100)

    def expected_percent(self) -> int:
        """Return expected progress as a whole percentage."""
        return round(self.expected * 100)


@dataclass
class ObjectiveCard:
    """An objective with its rolled-up progress, pace, status, state, score and confidence."""

    objective: Objective
    progress: float
    expected: float
    status: str
    score: float
    score_label: str
    confidence: int | None
    achieved: bool
    state: str = ""
    grade_label: str = ""
    key_results: list[KeyResultCard] = field(default_factory=list)
    children: list["ObjectiveCard"] = field(default_factory=list)
    parent_ids: list[int] = field(default_factory=list)
    contributors: list = field(default_factory=list)
    dimmed: bool = False
    can_write: bool = False  # whether the person looking may change it, once marked
    override: StatusOverride | None = None

    def is_unaligned(self) -> bool:
        """Return whether a strategic or tactical objective supports no objective above it."""
        team = self.objective.team
        return not self.parent_ids and (team is None or team.level != "company")

    def percent(self) -> int:
        """Return progress as a whole percentage."""
        return round(self.progress * 100)

    def expected_percent(self) -> int:
        """Return expected progress as a whole percentage."""
        return round(self.expected * 100)


ROLLUP_FIELDS = (
    "id", "objective_id", "type", "direction", "start", "target", "current", "weight",
    "linked_objective_id", "checked_in_at",
)  # fmt: skip


def _inputs(
    objective_ids: Iterable[int], key_results: Iterable[KeyResult], own: dict[int, float]
) -> dict:
    """Return the roll-up inputs of every objective, those without key results included."""
    inputs: dict[int, list[KeyResultInput]] = {pk: [] for pk in objective_ids}
    for kr in key_results:
        inputs.setdefault(kr.objective_id, []).append(
            KeyResultInput(
                own[kr.pk], kr.weight, kr.linked_objective_id, kr.checked_in_at is not None
            )
        )
    return inputs


def load_linked(key_results: list[KeyResult], loaded: set[int]) -> list[KeyResult]:
    """Return the key results of linked child objectives not loaded yet, level by level."""
    extra: list[KeyResult] = []
    loaded = set(loaded)
    missing = {kr.linked_objective_id for kr in key_results if kr.linked_objective_id} - loaded
    while missing:
        batch = list(KeyResult.objects.filter(objective_id__in=missing).only(*ROLLUP_FIELDS))
        extra += batch
        loaded |= missing
        missing = {kr.linked_objective_id for kr in batch if kr.linked_objective_id} - loaded
    return extra


def scorecards(
    objectives: list[Objective], key_results: list[KeyResult], scale: str, on: date
) -> dict[int, ObjectiveCard]:
    """Return a card per objective; objectives need their cycle loaded, key results their ids."""
    shown = {o.pk for o in objectives}
    linked = load_linked(key_results, shown)
    every = [*key_results, *linked]
    linked_ids = {kr.linked_objective_id for kr in every if kr.linked_objective_id}
    own = {kr.pk: kr.own_progress() for kr in every}  # each key result's own progress, once
    inputs = _inputs(shown | linked_ids, every, own)
    progresses = objective_progresses(inputs)
    started = objectives_checked_in(inputs)
    by_objective: dict[int, list[KeyResult]] = defaultdict(list)
    for kr in key_results:
        by_objective[kr.objective_id].append(kr)
    cards = {}
    for objective in objectives:
        cycle = objective.cycle
        expected = expected_progress(cycle.start, cycle.end, on, objective.ambition)
        lifecycle, cycle_state = objective.status, cycle.state
        # Until scores are final, a grade given at an evaluation is shown beside the live score.
        final = is_final(lifecycle, cycle_state)
        kr_cards = []
        confidences = []
        for kr in by_objective.get(objective.pk, []):
            child = kr.linked_objective_id
            progress = progresses.get(child, None) if child else None
            checked_in = child in started if progress is not None else kr.checked_in_at is not None
            progress = own[kr.pk] if progress is None else progress
            value = score(progress, scale, kr.grade if final else None)
            state = key_result_state(
                lifecycle,
                cycle_state,
                checked_in=checked_in,
                progress=progress,
                expected=expected,
                confidence=kr.confidence,
                direction=kr.effective_direction(),
            )
            kr_cards.append(
                KeyResultCard(
                    kr,
                    progress,
                    expected,
                    status(progress, expected, kr.confidence),
                    value,
                    format_score(value, scale),
                    state,
                    _grade_label(kr.grade, scale),
                )
            )
            if kr.confidence is not None:
                confidences.append(kr.confidence)
        progress = progresses.get(objective.pk, 0.0)
        confidence = mean_confidence(confidences)
        value = score(progress, scale, objective.grade if final else None)
        cards[objective.pk] = ObjectiveCard(
            objective=objective,
            progress=progress,
            expected=expected,
            status=status(progress, expected, confidence),
            score=value,
            score_label=format_score(value, scale),
            confidence=confidence,
            achieved=is_achieved(progress, objective.ambition),
            state=objective_state(
                lifecycle,
                cycle_state,
                checked_in=objective.pk in started,
                progress=progress,
                expected=expected,
                confidence=confidence,
            ),
            grade_label=_grade_label(objective.grade, scale),
            key_results=kr_cards,
        )
    return cards


def _grade_label(grade: float | None, scale: str) -> str:
    """Return the evaluation grade written on the scale, or nothing when not graded."""
    return "" if grade is None else format_score(score(0.0, scale, grade), scale)


def scorecards_for(objectives: list[Objective], scale: str, on: date) -> dict[int, ObjectiveCard]:
    """Load the objectives' key results in one query and return their cards."""
    key_results = list(KeyResult.objects.filter(objective__in=[o.pk for o in objectives]))
    return scorecards(objectives, key_results, scale, on)


def with_overrides(cards: Iterable[ObjectiveCard]) -> None:
    """Set card.override to the status set by hand beside each measured objective, in one query.

    A draft, or an objective whose scores are final, shows its computed state alone.
    """
    measured = {
        card.objective.pk: card
        for card in cards
        if not override_refusal(card.objective.status, card.objective.cycle.state)
    }
    if not measured:
        return
    active = StatusOverride.objects.filter(
        objective_id__in=list(measured), cleared_at__isnull=True
    ).select_related("set_by")
    for override in active:
        measured[override.objective_id].override = override
