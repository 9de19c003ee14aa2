"""Hypotheses tested in reviews: record a verdict; read an objective's or a cycle's verdicts."""

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.evaluation.models import HypothesisVerdict, Review
from okrs.evaluation.review_board import review_objectives
from okrs.objectives.models import Objective
from okrs.organizations.models import Person, Team

NOTE_LIMIT = 2000


def _refuse(review: Review, objective: Objective, verdict: str, note: str) -> None:
    """Refuse a verdict the review cannot record, naming the field that is wrong."""
    if objective.organization_id != review.organization_id:
        raise ValidationError(f"{objective} belongs to another organisation.")
    if Cycle.objects.filter(pk=review.cycle_id, state=Cycle.State.CLOSED).exists():
        raise ValidationError({"cycle": f"{review.cycle} is closed: its OKRs are frozen."})
    if not review_objectives(review).filter(pk=objective.pk).exists():
        raise ValidationError({"objective": f"The review of {review.team} does not cover it."})
    if not objective.hypothesis.strip():
        raise ValidationError(
            {
                "objective": f"“{objective}” states no hypothesis to test: "
                "write one on the objective first."
            }
        )
    if verdict not in HypothesisVerdict.Verdict.values:
        raise ValidationError({"verdict": "Choose supported, refuted or too-early."})
    if verdict == HypothesisVerdict.Verdict.REFUTED and not note:
        raise ValidationError(
            {"note": "Say what showed it wrong: a refuted hypothesis is the learning."}
        )
    if len(note) > NOTE_LIMIT:
        raise ValidationError({"note": f"Keep the note under {NOTE_LIMIT} characters."})


@transaction.atomic
def record_verdict(
    review: Review, objective: Objective, verdict: str, note: str = "", by: Person | None = None
) -> HypothesisVerdict:
    """Record whether the objective's hypothesis held at this review, with what the team saw."""
    note = (note or "").strip()
    _refuse(review, objective, verdict, note)
    found, _ = HypothesisVerdict.objects.select_for_update().update_or_create(
        review=review,
        objective=objective,
        defaults={
            "organization_id": review.organization_id,
            "hypothesis": objective.hypothesis,
            "verdict": verdict,
            "note": note,
            "decided_by": by,
            "decided_at": clock.now(),
        },
    )
    return found


def verdicts_of(objective: Objective):
    """Return the verdicts every review gave the objective's hypothesis, oldest review first."""
    return (
        HypothesisVerdict.objects.filter(objective=objective)
        .select_related("review", "decided_by")
        .order_by("review__held_on", "review_id")
    )


def latest_verdicts(team: Team, cycle: Cycle) -> dict[int, HypothesisVerdict]:
    """Return, per objective, the verdict of the team's latest review of the cycle that gave one."""
    rows = (
        HypothesisVerdict.objects.filter(review__team=team, review__cycle=cycle)
        .select_related("review", "objective")
        .order_by("review__held_on", "review_id")
    )
    return {row.objective_id: row for row in rows}
