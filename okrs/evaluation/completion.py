"""Evaluation completion: which teams of a cycle shared their evaluation, and which did not.

The one count of evaluations: the Evaluation page and the health report both read it, so the two
never disagree. A team takes part when it owns scored objectives in the cycle (not drafts, not
abandoned); individual OKRs have no team to evaluate them. Whether a team keeps an unshared draft
is its own business (docs/evaluation.md, "Privacy"): outside the team, and here, a team that has
not shared has not evaluated, and once the cycle is closed it never will.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from okrs.cycles.models import Cycle
from okrs.evaluation.models import Evaluation
from okrs.evaluation.scoring import UNSCORED
from okrs.objectives.models import Objective
from okrs.organizations.models import Team


@dataclass
class Completion:
    """The teams that own scored objectives in a cycle, and whether each shared its evaluation."""

    cycle: Cycle
    shared_by: dict[int, bool] = field(default_factory=dict)

    def teams(self) -> int:
        """Return how many teams evaluate the cycle."""
        return len(self.shared_by)

    def shared(self) -> int:
        """Return how many teams shared their evaluation with the organisation."""
        return sum(self.shared_by.values())

    def not_shared(self) -> int:
        """Return how many teams have not shared theirs: never evaluated, once the cycle closed."""
        return self.teams() - self.shared()

    def has_shared(self, team_id: int | None) -> bool:
        """Return whether the team shared its evaluation of the cycle."""
        return team_id is not None and self.shared_by.get(team_id, False)

    def takes_part(self, team_id: int | None) -> bool:
        """Return whether the team owns scored objectives in the cycle."""
        return team_id in self.shared_by


def evaluation_completion(cycles: list[Cycle]) -> dict[int, Completion]:
    """Return each cycle's completion by its id, in one query whatever the number of cycles."""
    found = {cycle.pk: Completion(cycle) for cycle in cycles}
    if not cycles:
        return found
    shared = Evaluation.objects.filter(
        cycle_id=OuterRef("cycle_id"), team_id=OuterRef("team_id"), state=Evaluation.State.SHARED
    )
    teams = (
        Objective.objects.filter(
            organization_id=cycles[0].organization_id, cycle__in=cycles, team__isnull=False
        )
        .exclude(status__in=UNSCORED)
        .annotate(shared=Exists(shared))
        .values_list("cycle_id", "team_id", "shared")
        .order_by()
        .distinct()
    )
    for cycle_id, team_id, is_shared in teams:
        found[cycle_id].shared_by[team_id] = bool(is_shared)
    return found


def teams_of(completion: Completion, shared: bool | None = None) -> list[Team]:
    """Return the completion's teams by name: those that shared, that did not, or all (None)."""
    wanted = [pk for pk, done in completion.shared_by.items() if shared is None or done == shared]
    return list(Team.objects.filter(pk__in=wanted).order_by("name")) if wanted else []
