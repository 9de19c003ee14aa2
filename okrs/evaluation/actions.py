"""Writes of reviews, decisions, evaluations and the close of a cycle; each in one transaction."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import pluralize

from okrs import clock
from okrs.cycles.actions import set_cycle_state
from okrs.cycles.models import Cycle
from okrs.domain.chart import day_label
from okrs.domain.cycle_end import days_left, is_early_close, is_early_share, last_week_starts
from okrs.evaluation.models import Decision, Evaluation, EvaluationScore, Review
from okrs.evaluation.review_board import review_objectives
from okrs.evaluation.scoring import (
    closing_state,
    computed_score,
    cycle_cards,
    final_grade,
    scored_objectives,
)
from okrs.objectives.actions import update_key_result, update_objective
from okrs.objectives.models import KeyResult, Objective
from okrs.organizations.models import Person, Team

NOTE_NEEDED = {Decision.Choice.ADJUST, Decision.Choice.ABANDON}
REFLECTION = ("worked", "did_not_work", "why", "outside_factors", "improvement_plan")


def _same_organization(organization_id: int, *rows) -> None:
    for row in rows:
        if row is not None and row.organization_id != organization_id:
            raise ValidationError(f"{row} belongs to another organisation.")


def _refuse_closed(cycle: Cycle) -> None:
    """Refuse any change once the cycle is closed: its OKRs are frozen."""
    if Cycle.objects.filter(pk=cycle.pk, state=Cycle.State.CLOSED).exists():
        raise ValidationError({"cycle": f"{cycle} is closed: its OKRs are frozen."})


@transaction.atomic
def create_review(
    team: Team,
    cycle: Cycle,
    held_on: date,
    facilitator: Person | None = None,
    notes: str = "",
    invited: Sequence[Person] = (),
    created_by: Person | None = None,
) -> Review:
    """Hold an OKR Review for the team in an open cycle, with the stakeholders invited."""
    _same_organization(team.organization_id, cycle, facilitator, created_by, *invited)
    _refuse_closed(cycle)
    if Review.objects.filter(team=team, cycle=cycle, held_on=held_on).exists():
        raise ValidationError({"held_on": f"{team} already has a review on that day."})
    review = Review(
        organization_id=team.organization_id,
        team=team,
        cycle=cycle,
        held_on=held_on,
        facilitator=facilitator,
        notes=notes,
        created_by=created_by,
    )
    review.full_clean(exclude=["organization"])
    review.save()
    review.invited.set(invited)
    return review


@transaction.atomic
def update_review_notes(review: Review, notes: str) -> Review:
    """Write the review's discussion notes while its cycle is open."""
    _refuse_closed(review.cycle)
    review.notes = notes
    review.save(update_fields=["notes", "updated_at"])
    return review


def _follow_objective_decision(objective: Objective, choice: str, previous: str | None) -> None:
    """Abandon the objective, or make it active again when this review takes back its abandon."""
    abandoned = Objective.State.ABANDONED
    if choice == Decision.Choice.ABANDON:
        if objective.status != abandoned:
            update_objective(objective, status=abandoned)
    elif previous == Decision.Choice.ABANDON and objective.status == abandoned:
        update_objective(objective, status=Objective.State.ACTIVE)


@transaction.atomic
def decide(
    review: Review,
    objective: Objective,
    choice: str,
    note: str = "",
    key_result: KeyResult | None = None,
    by: Person | None = None,
) -> Decision:
    """Record the review's decision on a key result or objective; abandoning ends an objective."""
    _same_organization(review.organization_id, objective, key_result, by)
    _refuse_closed(review.cycle)
    if not review_objectives(review).filter(pk=objective.pk).exists():
        raise ValidationError({"objective": f"The review of {review.team} does not cover it."})
    if key_result is not None and key_result.objective_id != objective.pk:
        raise ValidationError({"key_result": "The key result belongs to another objective."})
    if choice not in Decision.Choice.values:
        raise ValidationError({"choice": "Choose keep, adjust or abandon."})
    note = note.strip()
    if choice in NOTE_NEEDED and not note:
        raise ValidationError({"note": f"Say why you {choice} it: the note is the learning."})
    previous = (
        Decision.objects.select_for_update()
        .filter(review=review, objective=objective, key_result=key_result)
        .first()
    )
    decision = previous or Decision(
        organization_id=review.organization_id,
        review=review,
        objective=objective,
        key_result=key_result,
    )
    previous_choice = previous.choice if previous else None
    decision.choice, decision.note, decision.decided_by = choice, note, by
    decision.save()
    if key_result is None:
        _follow_objective_decision(objective, choice, previous_choice)
    return decision


def _subjects(team: Team, cycle: Cycle) -> set[tuple[int, int | None]]:
    """Return what the team scores in the cycle: each objective and each of its key results."""
    objectives = scored_objectives(cycle, {team.pk})
    subjects: set[tuple[int, int | None]] = {
        (pk, None) for pk in objectives.values_list("pk", flat=True)
    }
    rows = KeyResult.objects.filter(objective__in=objectives).values_list("objective_id", "pk")
    return subjects | set(rows)


def _open_evaluation(team: Team, cycle: Cycle) -> Evaluation:
    """Return the team's evaluation of the cycle, created as a draft, locked for writing."""
    _same_organization(team.organization_id, cycle)
    _refuse_closed(cycle)
    evaluation, _ = Evaluation.objects.get_or_create(
        team=team, cycle=cycle, defaults={"organization_id": team.organization_id}
    )
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.is_shared():
        raise ValidationError(f"{team} has already shared its evaluation of {cycle}.")
    return evaluation


@transaction.atomic
def save_evaluation(
    team: Team, cycle: Cycle, scores: dict[tuple[int, int | None], float], **reflection: str
) -> Evaluation:
    """Save the team's private draft: scores 0-10 keyed by (objective id, key result id)."""
    unknown = set(reflection) - set(REFLECTION)
    if unknown:
        raise TypeError(f"Unknown reflection fields: {sorted(unknown)}")
    evaluation = _open_evaluation(team, cycle)
    foreign = set(scores) - _subjects(team, cycle)
    if foreign:
        raise ValidationError("Scores can only go to the team's own objectives and key results.")
    for name, text in reflection.items():
        setattr(evaluation, name, text.strip())
    evaluation.save()
    rows = [
        EvaluationScore(
            organization_id=team.organization_id,
            evaluation=evaluation,
            objective_id=objective_id,
            key_result_id=key_result_id,
            score=value,
        )
        for (objective_id, key_result_id), value in scores.items()
    ]
    for row in rows:
        row.full_clean(exclude=["organization", "evaluation", "objective", "key_result"])
    evaluation.scores.all().delete()
    EvaluationScore.objects.bulk_create(rows)
    return evaluation


def early_share_warning(cycle: Cycle) -> str:
    """Return what sharing an evaluation before the cycle's last week does."""
    left = days_left(cycle.end, clock.today())
    return (
        f"{cycle} runs until {day_label(cycle.end, year=True)}, {left} day{pluralize(left)} "
        f"from now; its last week starts on {day_label(last_week_starts(cycle.end))}. "
        "Sharing now writes your scores onto the objectives and key results as their grades, "
        "for everyone to see, and cannot be undone; check-ins go on moving progress until the "
        "cycle closes, so a grade may end up far from where the key result lands. "
        "Confirm to share early."
    )


def early_close_warning(cycle: Cycle) -> str:
    """Return what closing the cycle before its end date does."""
    left = days_left(cycle.end, clock.today())
    return (
        f"{cycle} runs until {day_label(cycle.end, year=True)}, {left} day{pluralize(left)} "
        "from now. Closing it now freezes its OKRs today: check-ins, reviews and evaluations "
        "stop, and the key results no team scored get final scores from today's progress. "
        "Confirm to close early."
    )


@transaction.atomic
def share_evaluation(
    evaluation: Evaluation, by: Person | None = None, confirmed_early: bool = False
) -> Evaluation:
    """Share the team's evaluation with the organisation and write its scores as grades.

    Before the cycle's last week it is refused, naming `confirm`, unless confirmed_early.
    """
    if is_early_share(evaluation.cycle.end, clock.today()) and not confirmed_early:
        raise ValidationError({"confirm": early_share_warning(evaluation.cycle)})
    evaluation = _open_evaluation(evaluation.team, evaluation.cycle)
    live = Q(objective__deleted_at__isnull=True) & (
        Q(key_result__isnull=True) | Q(key_result__deleted_at__isnull=True)
    )
    scores = list(evaluation.scores.filter(live).select_related("objective", "key_result"))
    missing = _subjects(evaluation.team, evaluation.cycle) - {
        (s.objective_id, s.key_result_id) for s in scores
    }
    if missing:
        raise ValidationError("Score every objective and key result before sharing.")
    for row in scores:
        if row.key_result is not None:
            update_key_result(row.key_result, grade=row.score)
        else:
            update_objective(row.objective, grade=row.score)
    evaluation.state = Evaluation.State.SHARED
    evaluation.shared_at, evaluation.shared_by = clock.now(), by
    evaluation.save(update_fields=["state", "shared_at", "shared_by", "updated_at"])
    return evaluation


@dataclass(frozen=True)
class Closing:
    """What closing a cycle did to its objectives and key results."""

    achieved: int
    closed: int
    graded: int


@transaction.atomic
def close_cycle(cycle: Cycle, confirmed_early: bool = False) -> Closing:
    """Freeze the cycle: grade what is ungraded, mark objectives achieved or closed, then close.

    Before the cycle's end date it is refused, naming `confirm`, unless confirmed_early.
    """
    if Cycle.objects.select_for_update().get(pk=cycle.pk).state == Cycle.State.CLOSED:
        raise ValidationError({"cycle": f"{cycle} is already closed."})
    if is_early_close(cycle.end, clock.today()) and not confirmed_early:
        raise ValidationError({"confirm": early_close_warning(cycle)})
    achieved = closed = graded = 0
    for card in cycle_cards(cycle):
        for kr_card in card.key_results:
            if kr_card.key_result.grade is None:
                update_key_result(kr_card.key_result, grade=computed_score(kr_card.progress))
                graded += 1
        objective, fields = card.objective, {}
        if objective.grade is None:
            fields["grade"] = final_grade(card)
            graded += 1
        if closing_state(card) != objective.status:
            fields["status"] = closing_state(card)
        if fields:
            update_objective(objective, **fields)
        achieved += objective.status == Objective.State.ACHIEVED
        closed += objective.status == Objective.State.CLOSED
    set_cycle_state(cycle, Cycle.State.CLOSED)
    return Closing(achieved=achieved, closed=closed, graded=graded)
