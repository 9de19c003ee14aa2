"""An explanation in plain sentences with the actual numbers, as pages and the API give it."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from okrs.domain.explain import Formula, KeyResultWhy, ObjectiveWhy, PaceWhy, ScoreWhy, StateWhy
from okrs.domain.numbers import num, percent
from okrs.domain.progress import (
    AT_RISK_SHARE,
    LOW_CONFIDENCE,
    ON_TRACK_SHARE,
    format_score,
    score,
)
from okrs.domain.vocabulary import ScoreScale


@dataclass(frozen=True)
class KeyResultReading:
    """A key result's progress, score and state, each in one sentence."""

    title: str
    progress: str
    score: str
    state: str


@dataclass(frozen=True)
class Reading:
    """An objective's figures, each in one sentence, and its key results'."""

    progress: str
    key_results: tuple[KeyResultReading, ...]
    pace: str
    state: str
    score: str
    confidence: str


def fine(share: float) -> str:
    """Return a share of 1 as a percentage with one decimal when it has one: 0.4167 -> 41.7%."""
    return f"{num(round(share * 100, 1))}%"


def _value(value: float | None) -> str:
    """Return a value for a formula, a negative one in brackets so the minus signs read."""
    if value is None:
        return "–"
    return f"({num(value)})" if value < 0 else num(value)


def _day(on: date) -> str:
    return f"{on.day} {on:%b %Y}"


def formula_sentence(f: Formula, unit: str = "") -> str:
    """Return how the key result's own numbers give its progress."""
    unit = "" if not unit or unit == "%" else f" {unit}"
    if f.rule == "no-value":
        return f"no value yet (no check-in), so {fine(f.progress)}"
    if f.rule == "binary":
        done = "done" if f.progress >= 1 else "not done yet"
        return f"a milestone counts 100% once done, 0% before; it is {done}, so {fine(f.progress)}"
    if f.rule in ("stay-above", "stay-below"):
        bound = "at least" if f.rule == "stay-above" else "at most"
        kept = "keeps" if f.progress >= 1 else "misses"
        return (
            f"keep {bound} {num(f.target)}{unit}: the latest value {num(f.current)}{unit} "
            f"{kept} the bound, so {fine(f.progress)}"
        )
    start, target, current = _value(f.start), _value(f.target), _value(f.current)
    text = (
        f"(current − start) / (target − start) = ({current} − {start}) / ({target} − {start})"
        f" = {fine(f.ratio or 0.0)}"
    )
    if f.ratio is not None and f.ratio > 1:
        text += ", capped at 100%"
    elif f.ratio is not None and f.ratio < 0:
        text += ", counted as 0% (it moved away from the target)"
    return text


def key_result_sentence(kr: KeyResultWhy[Any], total: float) -> str:
    """Return where a key result's progress comes from and what it adds to its objective's."""
    if kr.child is not None:
        started = "" if kr.child.checked_in else " (no check-in there yet)"
        source = (
            f"takes the progress of the linked child objective “{kr.child.title}”: "
            f"{fine(kr.progress)}{started}"
        )
    else:
        source = formula_sentence(kr.formula, kr.unit)
    return (
        f"Progress {percent(kr.progress)}: {source}. Weight {num(kr.weight)} of {num(total)}, "
        f"a {fine(kr.share)} share, so it adds {fine(kr.progress)} × {fine(kr.share)} = "
        f"{fine(kr.contribution)} to the objective."
    )


def progress_sentence(why: ObjectiveWhy[Any]) -> str:
    """Return the objective's progress as the weighted mean of its key results'."""
    head = f"Progress {percent(why.progress)}"
    if not why.key_results:
        return f"{head}: the objective has no key results yet."
    if why.total_weight <= 0:
        return f"{head}: every key result weighs 0, so nothing counts yet."
    terms = " + ".join(f"{fine(kr.progress)} × {num(kr.weight)}" for kr in why.key_results)
    text = (
        f"{head}: the key results' progress weighted by their weights, "
        f"({terms}) / {num(why.total_weight)} = {fine(why.progress)}."
    )
    if why.achieved_at < 1:
        reached = "has reached" if why.achieved else "has not reached"
        text += f" A moonshot counts as achieved at {fine(why.achieved_at)}; it {reached} it."
    return text


def pace_sentence(pace: PaceWhy) -> str:
    """Return the progress expected today and the day of the cycle that sets it."""
    span = f"{_day(pace.cycle_start)} – {_day(pace.cycle_end)}"
    head = f"Expected {percent(pace.expected)} today ({_day(pace.on)})"
    if pace.elapsed <= 0:
        return f"{head}: the cycle ({span}) has not begun, so nothing is expected yet."
    if pace.elapsed >= 1:
        text = f"{head}: the cycle ({span}) is over, so all of it is expected"
    else:
        elapsed = fine(pace.elapsed)
        text = f"{head}: day {pace.day} of {pace.days} of the cycle ({span}), {elapsed} elapsed"
    if pace.factor < 1:
        text += (
            f"; a moonshot is expected to reach {fine(pace.factor)} of that: "
            f"{fine(pace.elapsed)} × {num(pace.factor)} = {fine(pace.expected)}"
        )
    return f"{text}."


STATE_RULES = {
    ("draft", False): "the objective is a draft, not committed to yet, so its pace is not judged",
    ("draft", True): "its objective is a draft, not committed to yet",
    ("abandoned", False): "the objective was dropped",
    ("abandoned", True): "its objective was dropped",
    ("achieved", False): "the objective was marked achieved",
    ("target-reached", True): "the target is reached (progress 100%) while the cycle is open",
    ("closed-cycle", False): "the cycle is closed, so the score is final",
    ("closed-cycle", True): "the cycle is closed, so the score is final",
    ("closed-objective", False): "the objective was closed, so the score is final",
    ("closed-objective", True): "its objective was closed, so the score is final",
    ("achieved-objective", True): "its objective was achieved, so the score is final",
    ("not-started", False): (
        "no key result has a check-in yet (a linked child's check-ins count) and progress is 0%"
    ),
    ("not-started", True): "no check-in yet and progress is 0%",
}


def state_sentence(st: StateWhy, key_result: bool = False) -> str:
    """Return the state rule that won, with the thresholds of a pace state."""
    rule = STATE_RULES.get((st.rule, key_result))
    if rule is not None:
        return f"{st.label}: {rule}."
    whose = "the latest confidence" if key_result else "the key results' mean confidence"
    if st.rule == "nothing-expected":
        text = "On track: nothing is expected yet on this day of the cycle"
        if st.lowered_by_confidence:
            text = f"At risk: nothing is expected yet, but {whose} is {st.confidence}"
            text += f" ({LOW_CONFIDENCE} or less)"
        return f"{text}."
    e = fine(st.expected)
    lines = (
        f"on track needs at least {fine(st.on_track_from)} ({num(ON_TRACK_SHARE)} × {e}), "
        f"at risk at least {fine(st.at_risk_from)} ({num(AT_RISK_SHARE)} × {e})"
    )
    if st.rule == "confidence":
        return (
            f"{st.label}: progress {fine(st.progress)} is on pace ({lines}), but {whose} is "
            f"{st.confidence}, {LOW_CONFIDENCE} or less."
        )
    verdict = {
        "on-track": "it reaches the on-track line",
        "at-risk": "it misses the on-track line but reaches the at-risk one",
        "off-track": "it misses both lines",
    }[st.pace]
    return f"{st.label}: progress {fine(st.progress)} against {e} expected; {lines}: {verdict}."


def score_sentence(sc: ScoreWhy) -> str:
    """Return where the score comes from: progress on the scale, or the grade once final."""
    graded = ""
    if sc.grade is not None:
        graded = format_score(score(0.0, sc.scale, sc.grade), sc.scale)
    if sc.graded:
        return (
            f"Score {sc.label}: the grade given at evaluation, which replaces the computed score "
            "once scores are final (the cycle closed, or the objective achieved, closed or "
            "dropped)."
        )
    if sc.scale == ScoreScale.ONE:
        text = f"Score {sc.label}: progress {fine(sc.progress)} as a share of 1, to two decimals."
    else:
        text = (
            f"Score {sc.label}: progress {fine(sc.progress)} × 10 = {num(sc.progress * 10)}, "
            "to one decimal."
        )
    if sc.final:
        text += " Scores are final now; no grade was given at evaluation, so this one stands."
    elif graded:
        text += (
            f" The grade {graded} given at evaluation shows beside the state until scores are "
            "final."
        )
    return text


def confidence_sentence(why: ObjectiveWhy[Any]) -> str:
    """Return the objective's confidence as the mean of its key results' latest confidences."""
    if why.confidence is None:
        return "No confidence yet: no key result has a check-in with a confidence."
    values = ", ".join(str(c) for c in why.confidences)
    return (
        f"Confidence {why.confidence}/10: the mean of the key results' latest confidences "
        f"({values}), halves rounded up."
    )


def reading(why: ObjectiveWhy[Any]) -> Reading:
    """Return every figure of the explanation in plain sentences."""
    return Reading(
        progress_sentence(why),
        tuple(
            KeyResultReading(
                kr.title,
                key_result_sentence(kr, why.total_weight),
                score_sentence(kr.score),
                state_sentence(kr.state, key_result=True),
            )
            for kr in why.key_results
        ),
        pace_sentence(why.pace),
        state_sentence(why.state),
        score_sentence(why.score),
        confidence_sentence(why),
    )
