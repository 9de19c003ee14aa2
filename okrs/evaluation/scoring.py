"""What teams score at evaluation, the computed scores they start from, and who has shared."""

from dataclasses import dataclass, field

from okrs.cycles.models import Cycle
from okrs.domain.progress import half_up, is_achieved
from okrs.domain.vocabulary import ScoreScale
from okrs.evaluation.models import Evaluation, EvaluationScore
from okrs.objectives.models import KeyResult, Objective
from okrs.objectives.plans import Replanned, plans_of, replanned
from okrs.objectives.scorecards import ROLLUP_FIELDS, ObjectiveCard, scorecards
from okrs.organizations.models import Team

UNSCORED = [Objective.State.DRAFT, Objective.State.ABANDONED]
SCORED_OBJECTIVE = ("id", "cycle_id", "team_id", "status", "ambition", "grade")
SCORED_KEY_RESULT = (*ROLLUP_FIELDS, "title", "grade", "confidence")


def computed_score(progress: float) -> float:
    """Return the score, 0-10 with one decimal, that progress alone gives."""
    return half_up(progress * 10, "0.1")


def scored_objectives(cycle: Cycle, team_ids: set[int] | None = None):
    """Return the cycle's objectives that get scored (not drafts, not abandoned), of the teams."""
    objectives = (
        Objective.objects.filter(organization_id=cycle.organization_id, cycle=cycle)
        .exclude(status__in=UNSCORED)
        .select_related("team", "cycle")
        .order_by("team__name", "id")
    )
    if team_ids is not None:
        objectives = objectives.filter(team_id__in=team_ids)
    return objectives


def cycle_cards(cycle: Cycle, team_ids: set[int] | None = None) -> list[ObjectiveCard]:
    """Return the cards of the cycle's scored objectives, scores computed at the cycle's end."""
    objectives = list(scored_objectives(cycle, team_ids))
    key_results = list(
        KeyResult.objects.filter(organization_id=cycle.organization_id, objective__in=objectives)
    )
    cards = scorecards(objectives, key_results, ScoreScale.TEN, cycle.end)
    return [cards[o.pk] for o in objectives]


def with_teams_and_cycles(objectives: list[Objective], cycles: list[Cycle]) -> None:
    """Give objectives read without their relations their team and cycle, in one query."""
    teams = Team.objects.in_bulk({o.team_id for o in objectives if o.team_id})
    by_id = {c.pk: c for c in cycles}
    for objective in objectives:
        objective.team, objective.cycle = teams.get(objective.team_id), by_id[objective.cycle_id]


@dataclass
class TeamEvaluation:
    """A team's evaluation with the cards it scores and the scores given, on 0-10."""

    team: Team
    evaluation: Evaluation | None
    cards: list[ObjectiveCard] = field(default_factory=list)
    scores: dict[tuple[int, int | None], float] = field(default_factory=dict)
    replans: dict[int, Replanned] = field(default_factory=dict)

    def score_of(self, objective_id: int, key_result_id: int | None = None) -> float | None:
        """Return the score given to the objective (or its key result), None when not yet."""
        return self.scores.get((objective_id, key_result_id))

    def replan_of(self, key_result_id: int) -> Replanned | None:
        """Return how the key result was re-planned in the cycle, None when it kept its plan."""
        return self.replans.get(key_result_id)


def scores_by_evaluation(evaluations: list[Evaluation]) -> dict[int, dict]:
    """Return the evaluations' scores keyed by (objective id, key result id), in one query."""
    found: dict[int, dict] = {e.pk: {} for e in evaluations}
    rows = EvaluationScore.objects.filter(evaluation__in=evaluations).values_list(
        "evaluation_id", "objective_id", "key_result_id", "score"
    )
    for evaluation_id, objective_id, key_result_id, value in rows:
        found[evaluation_id][(objective_id, key_result_id)] = value
    return found


def team_evaluations(
    cycle: Cycle, teams: list[Team], carded: set[int] | None = None
) -> dict[int, TeamEvaluation]:
    """Return each team's evaluation, cards and scores in the cycle, in a fixed query count.

    With `carded`, only those teams get their cards and scores; the others only their evaluation.
    """
    by_team = {t.pk: TeamEvaluation(t, None) for t in teams}
    carded = set(by_team) if carded is None else carded & set(by_team)
    evaluations = list(Evaluation.objects.filter(cycle=cycle, team__in=teams))
    scores = scores_by_evaluation([e for e in evaluations if e.team_id in carded])
    for evaluation in evaluations:
        entry = by_team[evaluation.team_id]
        entry.evaluation, entry.scores = evaluation, scores.get(evaluation.pk, {})
    if carded:
        cards = cycle_cards(cycle, carded)
        plans = plans_of([k.key_result.pk for card in cards for k in card.key_results])
        for card in cards:
            entry = by_team[card.objective.team_id]
            entry.cards.append(card)
            for kr_card in card.key_results:
                found = replanned(kr_card.key_result, plans.get(kr_card.key_result.pk, []))
                if found is not None:
                    entry.replans[kr_card.key_result.pk] = found
    return by_team


def final_grade(card: ObjectiveCard) -> float:
    """Return the objective's final score: the grade given, else the computed one."""
    graded = card.objective.grade
    return graded if graded is not None else computed_score(card.progress)


def closing_state(card: ObjectiveCard) -> str:
    """Return the state closing gives an objective: achieved by its final score, else closed."""
    objective = card.objective
    if objective.status != Objective.State.ACTIVE:
        return objective.status
    reached = is_achieved(final_grade(card) / 10, objective.ambition)
    return Objective.State.ACHIEVED if reached else Objective.State.CLOSED


@dataclass(frozen=True)
class ClosingPreview:
    """What closing the cycle will do: objectives it freezes, scores to compute, achievements."""

    objectives: int
    ungraded: int
    achieved: int


def closing_preview(cycle: Cycle) -> ClosingPreview:
    """Return what closing the cycle would do to its objectives and key results."""
    objectives = list(scored_objectives(cycle).select_related(None).only(*SCORED_OBJECTIVE))
    key_results = KeyResult.objects.filter(objective__in=objectives).only(*SCORED_KEY_RESULT)
    for objective in objectives:
        objective.cycle = cycle  # what scoring reads of it; the counts below need no team
    cards = scorecards(objectives, list(key_results), ScoreScale.TEN, cycle.end).values()
    ungraded = sum(card.objective.grade is None for card in cards) + sum(
        k.key_result.grade is None for card in cards for k in card.key_results
    )
    achieved = sum(closing_state(card) == Objective.State.ACHIEVED for card in cards)
    return ClosingPreview(objectives=len(cards), ungraded=ungraded, achieved=achieved)
