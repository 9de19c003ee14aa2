"""The `explanation` an objective carries with `?explain=true`: every figure with its formula."""

from dataclasses import asdict
from datetime import date
from typing import Literal

from ninja import Field, Schema

from okrs.api.schemas import ObjectiveOut
from okrs.domain.explain import ObjectiveWhy
from okrs.domain.explain_text import (
    formula_sentence,
    key_result_sentence,
    reading,
    score_sentence,
    state_sentence,
)

StateName = Literal[
    "draft", "not-started", "on-track", "at-risk", "off-track", "done", "abandoned", "closed"
]
PaceName = Literal["on-track", "at-risk", "off-track"]


class FormulaOut(Schema):
    """How a key result's own numbers give its progress."""

    rule: Literal["metric", "binary", "stay-above", "stay-below", "no-value"] = Field(
        description="metric: (current - start) / (target - start) clamped to [0, 1]; binary: "
        "1 once done; stay-above / stay-below: 1 while the bound is kept; no-value: 0."
    )
    start: float | None
    target: float
    current: float | None
    ratio: float | None = Field(description="A metric's ratio before clamping, else null.")
    progress: float
    sentence: str


class ChildOut(Schema):
    """The linked child objective a key result takes its progress from."""

    id: int
    title: str = Field(description="'an objective you cannot see' when the reader may not.")
    progress: float
    checked_in: bool


class ScoreWhyOut(Schema):
    """Where a score comes from: progress on the scale, or the grade once scores are final."""

    scale: str
    progress: float
    grade: float | None
    final: bool
    graded: bool = Field(description="Whether the grade given at evaluation is the score.")
    value: float
    label: str
    sentence: str


class StateWhyOut(Schema):
    """The state rule that won, and the pace thresholds it measured against."""

    state: StateName
    label: str
    rule: str = Field(
        description="draft, abandoned, achieved, target-reached, closed-cycle, closed-objective, "
        "achieved-objective, not-started, nothing-expected, pace or confidence."
    )
    progress: float
    expected: float
    pace: PaceName = Field(description="The pace alone, confidence left out.")
    status: PaceName = Field(description="The pace with the confidence rule: progress_status.")
    on_track_from: float = Field(description="0.9 x expected.")
    at_risk_from: float = Field(description="0.6 x expected.")
    confidence: int | None
    lowered_by_confidence: bool
    sentence: str


class KeyResultWhyOut(Schema):
    """A key result's progress, its weight and share of the objective, score and state."""

    id: int
    title: str
    unit: str
    formula: FormulaOut
    linked_objective: ChildOut | None
    progress: float
    weight: float
    share: float = Field(description="weight / the objective's total weight.")
    contribution: float = Field(description="share x progress.")
    score: ScoreWhyOut
    state: StateWhyOut
    sentence: str


class PaceWhyOut(Schema):
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
    sentence: str


class ExplanationOut(Schema):
    """Every figure of an objective with the formula and values that gave it (docs/math.md)."""

    progress: float
    progress_sentence: str
    total_weight: float
    key_results: list[KeyResultWhyOut]
    pace: PaceWhyOut
    score: ScoreWhyOut
    state: StateWhyOut
    confidence: int | None
    confidences: list[int]
    confidence_sentence: str
    achieved: bool
    achieved_at: float = Field(description="0.7 for a moonshot, 1 for a roofshot.")


class ObjectiveExplainedOut(ObjectiveOut):
    """An objective with its key results, computed figures and, on request, their explanation."""

    explanation: ExplanationOut | None = Field(None, description="Present only with ?explain=true.")


def explanation_data(why: ObjectiveWhy) -> dict:
    """Return the explanation as ExplanationOut writes it, with its sentences."""
    text = reading(why)
    data = asdict(why)
    data["pace"]["sentence"] = text.pace
    data["score"]["sentence"] = text.score
    data["state"]["sentence"] = text.state
    data["progress_sentence"] = text.progress
    data["confidence_sentence"] = text.confidence
    for kr, kr_data in zip(why.key_results, data["key_results"], strict=True):
        kr_data["id"] = kr_data.pop("key")
        kr_data["formula"]["sentence"] = formula_sentence(kr.formula, kr.unit)
        kr_data["sentence"] = key_result_sentence(kr, why.total_weight)
        kr_data["score"]["sentence"] = score_sentence(kr.score)
        kr_data["state"]["sentence"] = state_sentence(kr.state, key_result=True)
        child = kr_data.pop("child")
        kr_data["linked_objective"] = child and {**child, "id": child.pop("key")}
    return data
