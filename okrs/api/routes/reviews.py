"""Hypotheses tested at reviews: read a review's or an objective's verdicts, record one."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from okrs.api.errors import ERRORS, READ_ERRORS
from okrs.api.schemas import Input, Plain
from okrs.evaluation.hypotheses import record_verdict, verdicts_of
from okrs.evaluation.models import HypothesisVerdict, Review
from okrs.evaluation.permissions import can_write_review
from okrs.evaluation.review_board import review_objectives
from okrs.objectives.models import Objective
from okrs.organizations.visibility import visibility_filter

router = Router(tags=["reviews"])
Verdict = Literal["supported", "refuted", "too-early"]


class VerdictOut(Schema):
    """Whether an objective's hypothesis held at a review, with what the team saw."""

    review_id: int
    held_on: date
    objective_id: int
    hypothesis: str = Field(description="The hypothesis as the review tested it.")
    verdict: Verdict
    note: str
    decided_by_id: int | None
    decided_at: datetime


class VerdictIn(Input):
    """A verdict on the objective's hypothesis: a note is required when it is refuted."""

    verdict: Verdict
    note: Annotated[Plain, Field(max_length=2000)] = ""


class VerdictList(Schema):
    """Verdicts, oldest review first."""

    count: int
    items: list[VerdictOut]


def _data(row: HypothesisVerdict) -> dict:
    return {
        "review_id": row.review_id,
        "held_on": row.review.held_on,
        "objective_id": row.objective_id,
        "hypothesis": row.hypothesis,
        "verdict": row.verdict,
        "note": row.note,
        "decided_by_id": row.decided_by_id,
        "decided_at": row.decided_at,
    }


def _review(request, review_id: int) -> Review:
    return get_object_or_404(
        Review.objects.of(request.organization).select_related("team", "cycle"), pk=review_id
    )


def _seen_objectives(request):
    return Objective.objects.of(request.organization).filter(visibility_filter(request.user))


@router.get("/reviews/{review_id}/verdicts", response={200: VerdictList, **READ_ERRORS})
def list_review_verdicts(request, review_id: int):
    """List the verdicts the review gave the hypotheses of the objectives it covers."""
    review = _review(request, review_id)
    rows = [
        _data(row)
        for row in HypothesisVerdict.objects.filter(
            review=review, objective__in=_seen_objectives(request)
        )
        .select_related("review")
        .order_by("objective_id")
    ]
    return {"count": len(rows), "items": rows}


@router.put(
    "/reviews/{review_id}/objectives/{objective_id}/verdict",
    response={200: VerdictOut, **ERRORS},
)
def record_review_verdict(request, review_id: int, objective_id: int, payload: VerdictIn):
    """Record whether the objective's hypothesis held at the review (team, facilitator, coaches).

    Recording again at the same review replaces the verdict; 422 when the objective states no
    hypothesis, the review does not cover it, its cycle is closed, or a refuted one has no note.
    """
    review = _review(request, review_id)
    objective = get_object_or_404(
        review_objectives(review).filter(visibility_filter(request.user)), pk=objective_id
    )
    if not can_write_review(request.user, review):
        raise PermissionDenied("Only the team, its facilitator and OKR leaders test hypotheses.")
    row = record_verdict(review, objective, payload.verdict, payload.note, by=request.user)
    return _data(HypothesisVerdict.objects.select_related("review").get(pk=row.pk))


@router.get("/objectives/{objective_id}/verdicts", response={200: VerdictList, **READ_ERRORS})
def list_objective_verdicts(request, objective_id: int):
    """List the verdicts every review gave the objective's hypothesis: its history, oldest first."""
    objective = get_object_or_404(_seen_objectives(request), pk=objective_id)
    rows = [_data(row) for row in verdicts_of(objective)]
    return {"count": len(rows), "items": rows}
