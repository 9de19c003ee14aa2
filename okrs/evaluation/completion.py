"""Evaluation completion: which teams of a cycle shared, kept a private draft, or never evaluated.

The one count of evaluations: the Evaluation page and the health report both read it, so the two
never disagree. A team takes part when it owns scored objectives in the cycle (not drafts, not
abandoned); individual OKRs have no team to evaluate them.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery

from okrs.cycles.models import Cycle
from okrs.evaluation.models import Evaluation
from okrs.evaluation.scoring import UNSCORED
from okrs.objectives.models import Objective
from okrs.organizations.models import Team

SHARED, DRAFT, NOT_EVALUATED = "shared", "draft", "not-evaluated"
STANDS = {None: NOT_EVALUATED, Evaluation.State.SHARED: SHARED}  # an evaluation's state: its stand


@dataclass
class Completion:
    """The teams that own scored objectives in a cycle, each with where its evaluation stands."""

    cycle: Cycle
    states: dict[int, str] = field(default_factory=dict)

    def teams(self) -> int:
        """Return how many teams evaluate the cycle."""
        return len(self.states)

    def count(self, state: str) -> int:
        """Return how many teams' evaluations stand in the state."""
        return sum(1 for found in self.states.values() if found == state)

    def shared(self) -> int:
        """Return how many teams shared their evaluation with the organisation."""
        return self.count(SHARED)

    def drafts(self) -> int:
        """Return how many teams keep a draft they have not shared."""
        return self.count(DRAFT)

    def not_evaluated(self) -> int:
        """Return how many teams never started an evaluation."""
        return self.count(NOT_EVALUATED)

    def state_of(self, team_id: int | None) -> str | None:
        """Return where the team's evaluation stands, None when the team evaluates nothing."""
        return self.states.get(team_id)


def evaluation_completion(cycles: list[Cycle]) -> dict[int, Completion]:
    """Return each cycle's completion by its id, in one query whatever the number of cycles."""
    found = {cycle.pk: Completion(cycle) for cycle in cycles}
    if not cycles:
        return found
    evaluation = Evaluation.objects.filter(
        cycle_id=OuterRef("cycle_id"), team_id=OuterRef("team_id")
    ).values("state")[:1]
    teams = (
        Objective.objects.filter(
            organization_id=cycles[0].organization_id, cycle__in=cycles, team__isnull=False
        )
        .exclude(status__in=UNSCORED)
        .annotate(evaluation=Subquery(evaluation))
        .values_list("cycle_id", "team_id", "evaluation")
        .order_by()
        .distinct()
    )
    for cycle_id, team_id, state in teams:
        found[cycle_id].states[team_id] = STANDS.get(state, DRAFT)
    return found


def teams_in(completion: Completion, *states: str) -> list[Team]:
    """Return the teams whose evaluations stand in the states (any when none named), by name."""
    wanted = [pk for pk, state in completion.states.items() if not states or state in states]
    return list(Team.objects.filter(pk__in=wanted).order_by("name")) if wanted else []
