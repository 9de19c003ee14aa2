"""Evaluation completion: how many published objectives of closed cycles received a grade."""

from django.db.models import Count, Q

from okrs.cycles.models import Cycle
from okrs.health.structure import PUBLISHED
from okrs.objectives.models import Objective
from okrs.organizations.models import Organization


def evaluation_counts(organization: Organization) -> list[dict]:
    """Return per closed cycle and owning team the published objectives and the graded ones."""
    return list(
        Objective.objects.filter(
            organization=organization, cycle__state=Cycle.State.CLOSED, status__in=PUBLISHED
        )
        .values("cycle_id", "team_id")
        .annotate(objectives=Count("id"), graded=Count("id", filter=Q(grade__isnull=False)))
        .order_by("cycle_id", "team_id")
    )


def evaluated_cycle(chosen: Cycle, cycles: list[Cycle]) -> Cycle | None:
    """Return the cycle whose evaluation is shown: the chosen one if closed, else the latest."""
    if chosen.state == Cycle.State.CLOSED:
        return chosen
    closed = [c for c in cycles if c.state == Cycle.State.CLOSED]
    return max(closed, key=lambda c: (c.end, c.start, c.pk), default=None)
