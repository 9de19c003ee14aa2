"""Why an objective shows its progress, score, pace and state: every number with its formula.

Each figure is computed here by the same domain functions the scorecards call, then kept beside
the values that produced it, so an explanation can never disagree with the numbers on a page.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic

from okrs.domain.progress import (
    AT_RISK_SHARE,
    MOONSHOT_SUCCESS,
    ON_TRACK_SHARE,
    elapsed_share,
    expected_progress,
    format_score,
    is_achieved,
    key_result_progress,
    mean_confidence,
    score,
    status,
)
from okrs.domain.rollup import Key, KeyResultInput, objective_progresses
from okrs.domain.states import (
    State,
    is_final,
    key_result_state,
    look,
    objective_state,
    objectives_checked_in,
)
from okrs.domain.vocabulary import Ambition, CycleState, Direction, KeyResultType


@dataclass(frozen=True)
class KeyResultFacts(Generic[Key]):
    """A key result's numbers as the math reads them."""

    title: str
    type: str
    direction: str
    start: float | None
    target: float
    current: float | None
    weight: float = 1.0
    checked_in: bool = False
    confidence: int | None = None
    grade: float | None = None
    unit: str = ""
    linked_objective: Key | None = None
    key: Key | None = None


@dataclass(frozen=True)
class ObjectiveFacts(Generic[Key]):
    """An objective's lifecycle, ambition, cycle and key results as the math reads them."""

    key: Key
    lifecycle: str
    ambition: str
    cycle_state: str
    cycle_start: date
    cycle_end: date
    grade: float | None = None
    key_results: tuple[KeyResultFacts[Key], ...] = ()


@dataclass(frozen=True)
class Formula:
    """How a key result's own numbers give its progress: the rule and the values it used."""

    rule: str  # metric, binary, stay-above, stay-below, no-value or linked
    start: float | None
    target: float
    current: float | None
    ratio: float | None  # (current - start) / (target - start) before clamping, for a metric
    progress: float


@dataclass(frozen=True)
class ChildWhy(Generic[Key]):
    """A linked child objective whose progress a key result takes."""

    key: Key
    title: str
    progress: float
    checked_in: bool


@dataclass(frozen=True)
class ScoreWhy:
    """Where a score comes from: progress x 10 on the scale, or the grade once final."""

    scale: str
    progress: float
    grade: float | None
    final: bool
    graded: bool  # the grade replaced the computed score
    value: float
    label: str


@dataclass(frozen=True)
class StateWhy:
    """The state rule that won, and the pace thresholds behind a pace state."""

    state: str
    label: str
    rule: str  # draft, abandoned, achieved, closed-objective, closed-cycle, not-started, ...
    progress: float
    expected: float
    pace: str  # the pace alone: on-track, at-risk or off-track, confidence left out
    status: str  # the pace with the confidence rule applied, as the API's progress_status
    on_track_from: float
    at_risk_from: float
    confidence: int | None
    lowered_by_confidence: bool


@dataclass(frozen=True)
class KeyResultWhy(Generic[Key]):
    """One key result's progress, its weight and share of the objective, its score and state."""

    key: Key | None
    title: str
    unit: str
    formula: Formula
    child: ChildWhy[Key] | None
    progress: float
    weight: float
    share: float  # weight / total weight
    contribution: float  # share x progress: what it adds to the objective's progress
    score: ScoreWhy
    state: StateWhy


@dataclass(frozen=True)
class PaceWhy:
    """The progress expected today: the elapsed share of the cycle, x0.7 for a moonshot."""

    on: date
    cycle_start: date
    cycle_end: date
    day: int
    days: int
    elapsed: float
    ambition: str
    factor: float
    expected: float


@dataclass(frozen=True)
class ObjectiveWhy(Generic[Key]):
    """Every figure of an objective with what produced it."""

    progress: float
    total_weight: float
    key_results: tuple[KeyResultWhy[Key], ...]
    pace: PaceWhy
    score: ScoreWhy
    state: StateWhy
    confidence: int | None
    confidences: tuple[int, ...]
    achieved: bool
    achieved_at: float


def formula(kr: KeyResultFacts[Any]) -> Formula:
    """Return the rule and values that give the key result's own progress."""
    progress = key_result_progress(kr.type, kr.direction, kr.start, kr.target, kr.current)
    ratio = None
    if kr.current is None:
        rule = "no-value"
    elif kr.type == KeyResultType.BINARY:
        rule = "binary"
    elif kr.direction in (Direction.STAY_ABOVE, Direction.STAY_BELOW):
        rule = str(kr.direction)
    else:
        rule = "metric"
        assert kr.start is not None  # key_result_progress refused a metric without a start
        ratio = (kr.current - kr.start) / (kr.target - kr.start)
    return Formula(rule, kr.start, kr.target, kr.current, ratio, progress)


def pace(start: date, end: date, on: date, ambition: str) -> PaceWhy:
    """Return the day of the cycle and the progress expected on it."""
    days = (end - start).days
    day = min(max((on - start).days, 0), days)
    factor = MOONSHOT_SUCCESS if ambition == Ambition.MOONSHOT else 1.0
    return PaceWhy(
        on,
        start,
        end,
        day,
        days,
        elapsed_share(start, end, on),
        ambition,
        factor,
        expected_progress(start, end, on, ambition),
    )


def score_why(progress: float, scale: str, grade: float | None, final: bool) -> ScoreWhy:
    """Return the score and whether the grade given at evaluation replaced it."""
    graded = final and grade is not None
    value = score(progress, scale, grade if final else None)
    return ScoreWhy(scale, progress, grade, final, graded, value, format_score(value, scale))


def state_why(
    state: State,
    lifecycle: str,
    cycle_state: str,
    progress: float,
    expected: float,
    confidence: int | None,
    *,
    key_result: bool = False,
) -> StateWhy:
    """Return the rule that gave the state, with the pace thresholds it was measured against."""
    alone = status(progress, expected)
    with_confidence = status(progress, expected, confidence)
    if state == State.DRAFT:
        rule = "draft"
    elif state == State.ABANDONED:
        rule = "abandoned"
    elif state == State.CLOSED:
        closed_cycle = cycle_state == CycleState.CLOSED
        rule = "closed-cycle" if closed_cycle else f"{lifecycle}-objective"
    elif state == State.DONE:
        rule = "target-reached" if key_result else "achieved"
    elif state == State.NOT_STARTED:
        rule = "not-started"
    elif expected == 0:
        rule = "nothing-expected"
    else:
        rule = "confidence" if with_confidence != alone else "pace"
    return StateWhy(
        str(state),
        look(state).label,
        rule,
        progress,
        expected,
        str(alone),
        str(with_confidence),
        ON_TRACK_SHARE * expected,
        AT_RISK_SHARE * expected,
        confidence,
        with_confidence != alone,
    )


def explain_objective(
    facts: ObjectiveFacts[Key],
    children: Mapping[Key, Sequence[KeyResultInput[Key]]],
    child_titles: Mapping[Key, str],
    scale: str,
    on: date,
) -> ObjectiveWhy[Key]:
    """Return the objective's figures with their formulas, weights, shares, pace and state rule.

    `children` holds the roll-up inputs of the linked child objectives, level by level, as the
    scorecards load them; `child_titles` names the direct children the reader may see.
    """
    own = [formula(kr) for kr in facts.key_results]
    inputs = dict(children)
    inputs[facts.key] = [
        KeyResultInput(f.progress, kr.weight, kr.linked_objective, kr.checked_in)
        for f, kr in zip(own, facts.key_results, strict=True)
    ]
    progresses = objective_progresses(inputs)
    started = objectives_checked_in(inputs)
    progress = progresses[facts.key]
    total = sum(kr.weight for kr in facts.key_results)
    lifecycle, cycle_state = facts.lifecycle, facts.cycle_state
    final = is_final(lifecycle, cycle_state)
    expected = pace(facts.cycle_start, facts.cycle_end, on, facts.ambition)
    whys = []
    for kr, own_formula in zip(facts.key_results, own, strict=True):
        child = None
        kr_progress, checked_in = own_formula.progress, kr.checked_in
        linked = kr.linked_objective
        if linked is not None and linked in inputs:
            kr_progress, checked_in = progresses[linked], linked in started
            title = child_titles.get(linked, "an objective you cannot see")
            child = ChildWhy(linked, title, kr_progress, checked_in)
        share = kr.weight / total if total > 0 else 0.0
        kr_state = key_result_state(
            lifecycle,
            cycle_state,
            checked_in=checked_in,
            progress=kr_progress,
            expected=expected.expected,
            confidence=kr.confidence,
            direction=kr.direction,
        )
        whys.append(
            KeyResultWhy(
                kr.key,
                kr.title,
                kr.unit,
                own_formula,
                child,
                kr_progress,
                kr.weight,
                share,
                share * kr_progress,
                score_why(kr_progress, scale, kr.grade, final),
                state_why(
                    kr_state,
                    lifecycle,
                    cycle_state,
                    kr_progress,
                    expected.expected,
                    kr.confidence,
                    key_result=True,
                ),
            )
        )
    confidences = tuple(kr.confidence for kr in facts.key_results if kr.confidence is not None)
    confidence = mean_confidence(list(confidences))
    state = objective_state(
        lifecycle,
        cycle_state,
        checked_in=facts.key in started,
        progress=progress,
        expected=expected.expected,
        confidence=confidence,
    )
    return ObjectiveWhy(
        progress,
        total,
        tuple(whys),
        expected,
        score_why(progress, scale, facts.grade, final),
        state_why(state, lifecycle, cycle_state, progress, expected.expected, confidence),
        confidence,
        confidences,
        is_achieved(progress, facts.ambition),
        MOONSHOT_SUCCESS if facts.ambition == Ambition.MOONSHOT else 1.0,
    )
