"""A review's picture of its team's OKRs as they stood on the review's date."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from okrs.domain.calibration import Trend, confidence_trend
from okrs.domain.chart import sparkline
from okrs.domain.progress import (
    ProgressError,
    expected_progress,
    key_result_progress,
    mean_confidence,
    status,
)
from okrs.domain.rollup import KeyResultInput, objective_progresses
from okrs.domain.states import key_result_state, objective_state, objectives_checked_in
from okrs.evaluation.models import Decision, HypothesisVerdict, Review
from okrs.objectives.models import CheckIn, KeyResult, Objective


@dataclass
class KeyResultLine:
    """A key result on the review's date: actual against expected progress, and confidence."""

    key_result: KeyResult
    value: float | None
    progress: float
    expected: float
    status: str
    trend: Trend
    confidence_line: str
    decision: Decision | None = None
    state: str = ""

    def percent(self) -> int:
        """Return progress as a whole percentage."""
        return round(self.progress * 100)

    def expected_percent(self) -> int:
        """Return expected progress as a whole percentage."""
        return round(self.expected * 100)

    def confidence(self) -> int | None:
        """Return the latest confidence at the review's date."""
        return self.trend.latest


@dataclass
class ObjectiveBlock:
    """An objective on the review's date, with its key results and the decision taken on it."""

    objective: Objective
    progress: float
    expected: float
    status: str
    confidence: int | None
    lines: list[KeyResultLine] = field(default_factory=list)
    decision: Decision | None = None
    state: str = ""
    verdict: HypothesisVerdict | None = None

    def percent(self) -> int:
        """Return progress as a whole percentage."""
        return round(self.progress * 100)

    def expected_percent(self) -> int:
        """Return expected progress as a whole percentage."""
        return round(self.expected * 100)


def cutoff(on: date) -> datetime:
    """Return the first moment after the day, in the configured time zone."""
    return timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))


def review_objectives(review: Review):
    """Return the objectives the review covers: the team's own and shared ones, drafts left out."""
    team = review.team_id
    return (
        Objective.objects.filter(organization_id=review.organization_id, cycle_id=review.cycle_id)
        .filter(Q(team_id=team) | Q(contributions__team_id=team))
        .exclude(status=Objective.State.DRAFT)
        .select_related("team")
        .distinct()
        .order_by("id")
    )


def _with_linked(key_results: list[KeyResult], loaded: set[int]) -> list[KeyResult]:
    """Return the key results plus those of linked child objectives, level by level."""
    found = list(key_results)
    missing = {kr.linked_objective_id for kr in found if kr.linked_objective_id} - loaded
    while missing:
        batch = list(KeyResult.objects.filter(objective_id__in=missing))
        found += batch
        loaded |= missing
        missing = {kr.linked_objective_id for kr in batch if kr.linked_objective_id} - loaded
    return found


def _readings(key_results: list[KeyResult], until: datetime) -> dict[int, list[tuple]]:
    """Return each key result's (value, confidence) check-ins before the moment, oldest first."""
    rows = (
        CheckIn.objects.filter(key_result_id__in=[kr.pk for kr in key_results])
        .filter(checked_in_at__lt=until)
        .order_by("checked_in_at", "id")
        .values_list("key_result_id", "value", "confidence")
    )
    found: dict[int, list[tuple]] = defaultdict(list)
    for key_result_id, value, confidence in rows:
        found[key_result_id].append((value, confidence))
    return found


def _progress(key_result: KeyResult, value: float | None) -> float:
    try:
        return key_result_progress(
            key_result.type, key_result.effective_direction(), key_result.start,
            key_result.target, value,
        )  # fmt: skip
    except ProgressError:
        return 0.0


def review_board(review: Review, objectives: list[Objective]) -> list[ObjectiveBlock]:
    """Return a block per objective as it stood at the end of the review's day, in few queries."""
    cycle, on = review.cycle, review.held_on
    shown = {o.pk for o in objectives}
    key_results = _with_linked(list(KeyResult.objects.filter(objective_id__in=shown)), set(shown))
    readings = _readings(key_results, cutoff(on))
    values = {}
    for kr in key_results:
        history = readings.get(kr.pk)
        # A value set without any check-in (an import, a starting value) still counts.
        unchecked = kr.current if kr.checked_in_at is None else None
        values[kr.pk] = history[-1][0] if history else unchecked
    inputs, by_objective = defaultdict(list), defaultdict(list)
    for kr in key_results:
        by_objective[kr.objective_id].append(kr)
        inputs[kr.objective_id].append(
            KeyResultInput(
                _progress(kr, values[kr.pk]),
                kr.weight,
                kr.linked_objective_id,
                bool(readings.get(kr.pk)),
            )
        )
    every = {pk: inputs.get(pk, []) for pk in shown | set(inputs)}
    progresses = objective_progresses(every)
    started = objectives_checked_in(every)
    decisions = {
        (d.objective_id, d.key_result_id): d
        for d in Decision.objects.filter(review=review, objective_id__in=shown).select_related(
            "decided_by"
        )
    }
    verdicts = {
        v.objective_id: v
        for v in HypothesisVerdict.objects.filter(review=review, objective_id__in=shown)
    }
    blocks = []
    for objective in objectives:
        expected = expected_progress(cycle.start, cycle.end, on, objective.ambition)
        lifecycle = objective.status
        lines = []
        for kr in by_objective[objective.pk]:
            own = _progress(kr, values[kr.pk])
            linked = kr.linked_objective_id
            progress = progresses.get(linked, own) if linked else own
            checked_in = linked in started if linked in progresses else bool(readings.get(kr.pk))
            confidences = [confidence for _, confidence in readings.get(kr.pk, [])]
            trend = confidence_trend(confidences)
            lines.append(
                KeyResultLine(
                    key_result=kr,
                    value=values[kr.pk],
                    progress=progress,
                    expected=expected,
                    status=status(progress, expected, trend.latest),
                    trend=trend,
                    confidence_line=sparkline(confidences) if len(confidences) > 1 else "",
                    decision=decisions.get((objective.pk, kr.pk)),
                    state=key_result_state(
                        lifecycle,
                        cycle.state,
                        checked_in=checked_in,
                        progress=progress,
                        expected=expected,
                        confidence=trend.latest,
                        direction=kr.effective_direction(),
                    ),
                )
            )
        lines.sort(key=lambda line: (line.key_result.position, line.key_result.pk))
        known = [line.trend.latest for line in lines if line.trend.latest is not None]
        confidence = mean_confidence(known)
        progress = progresses.get(objective.pk, 0.0)
        blocks.append(
            ObjectiveBlock(
                objective=objective,
                progress=progress,
                expected=expected,
                status=status(progress, expected, confidence),
                confidence=confidence,
                lines=lines,
                decision=decisions.get((objective.pk, None)),
                verdict=verdicts.get(objective.pk),
                state=objective_state(
                    lifecycle,
                    cycle.state,
                    checked_in=objective.pk in started,
                    progress=progress,
                    expected=expected,
                    confidence=confidence,
                ),
            )
        )
    return blocks
