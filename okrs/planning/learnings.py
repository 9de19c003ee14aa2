"""Learnings from the last evaluation, shown to a team while it drafts the next cycle's OKRs."""

from dataclasses import dataclass, field

from django.db.models import Q

from okrs import clock
from okrs.cycles.models import Cycle
from okrs.evaluation.hypotheses import latest_verdicts
from okrs.evaluation.models import Evaluation, HypothesisVerdict
from okrs.evaluation.permissions import can_see_evaluation
from okrs.objectives.models import Objective
from okrs.objectives.scorecards import ObjectiveCard, scorecards_for
from okrs.organizations.models import Person, Team

EVALUATED_STATES = [Objective.State.ACHIEVED, Objective.State.CLOSED, Objective.State.ABANDONED]
REFLECTION_LABELS = (
    ("worked", "What worked"),
    ("did_not_work", "What did not work"),
    ("why", "Why"),
    ("outside_factors", "Outside the team's control"),
    ("improvement_plan", "Improvement plan agreed with stakeholders"),
)


@dataclass
class Learning:
    """An evaluated objective with its score, its key results' scores and its hypothesis tested."""

    card: ObjectiveCard
    verdict: HypothesisVerdict | None = None

    def graded(self) -> bool:
        """Return whether the score is the grade given at evaluation, not the measured progress."""
        return self.card.objective.grade is not None


@dataclass
class Learnings:
    """A team's last evaluated cycle: its objectives with their grades, and its reflection."""

    cycle: Cycle | None = None
    objectives: list[Learning] = field(default_factory=list)
    reflection: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.objectives or self.reflection)

    def __iter__(self):
        return iter(self.objectives)

    def __len__(self) -> int:
        return len(self.objectives)


def previous_cycle(cycle: Cycle) -> Cycle | None:
    """Return the latest cycle of the same kind that ended before this one started."""
    return (
        Cycle.objects.of(cycle.organization_id)
        .filter(kind=cycle.kind, end__lt=cycle.start)
        .order_by("-end", "-id")
        .first()
    )


def reflection_of(team: Team, cycle: Cycle, person: Person | None) -> list[tuple[str, str]]:
    """Return the team's reflection on the cycle as (label, text) pairs the person may read."""
    evaluation = Evaluation.objects.filter(team=team, cycle=cycle).first()
    if evaluation is None:
        return []
    readable = evaluation.is_shared() if person is None else can_see_evaluation(person, evaluation)
    if not readable:
        return []
    return [
        (label, getattr(evaluation, name))
        for name, label in REFLECTION_LABELS
        if getattr(evaluation, name)
    ]


def learnings_for(team: Team, cycle: Cycle, person: Person | None = None) -> Learnings:
    """Return the team's evaluated objectives of its last evaluated cycle, grades and reflection."""
    evaluated = (
        Objective.objects.of(team.organization_id)
        .filter(team=team, cycle__kind=cycle.kind, cycle__end__lt=cycle.start)
        .filter(Q(status__in=EVALUATED_STATES) | Q(grade__isnull=False))
    )
    # While the previous quarter still runs, the last evaluation is the one before it.
    last = evaluated.order_by("-cycle__end").values_list("cycle_id", flat=True).first()
    if last is None:
        return Learnings()
    objectives = list(
        evaluated.filter(cycle_id=last).select_related("cycle", "team").order_by("id")
    )
    cards = scorecards_for(objectives, team.organization.score_scale, clock.today())
    before = objectives[0].cycle
    verdicts = latest_verdicts(team, before)
    return Learnings(
        cycle=before,
        objectives=[Learning(cards[o.pk], verdicts.get(o.pk)) for o in objectives],
        reflection=reflection_of(team, before, person),
    )
