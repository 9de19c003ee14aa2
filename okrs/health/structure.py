"""How well a cycle's OKRs are built, per team: size, alignment, key result levels, activities.

Counts come from GROUP BY queries; only the coach's activity check runs in Python, over one
query's rows, because its language rules cannot be written in SQL.
"""

from collections import Counter

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from okrs.cycles.models import Cycle
from okrs.domain.coach.key_result_rules import kr_is_activity
from okrs.domain.document import KeyResultDoc
from okrs.domain.mix import has_hypothesis
from okrs.domain.vocabulary import Ambition, Level
from okrs.objectives.models import Alignment, KeyResult, Objective

PUBLISHED = [Objective.State.ACTIVE, Objective.State.ACHIEVED, Objective.State.CLOSED]
ALIGNABLE_LEVELS = [Level.STRATEGIC, Level.TACTICAL]


def published_objectives(cycle: Cycle):
    """Return the cycle's objectives that were published: not drafts, not abandoned."""
    return Objective.objects.filter(
        organization_id=cycle.organization_id, cycle=cycle, status__in=PUBLISHED
    )


def published_key_results(cycle: Cycle):
    """Return the key results of the cycle's published objectives."""
    return KeyResult.objects.filter(
        organization_id=cycle.organization_id,
        objective__cycle=cycle,
        objective__status__in=PUBLISHED,
    )


def objective_counts(cycle: Cycle, min_key_results: int, max_key_results: int) -> list[dict]:
    """Return per owning team the published objectives, those sized right and those aligned."""
    key_results = Subquery(
        KeyResult.objects.filter(objective=OuterRef("pk"))
        .order_by()
        .values("objective")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )
    alignable = Q(team__level__in=ALIGNABLE_LEVELS)
    return list(
        published_objectives(cycle)
        .annotate(
            key_result_count=Coalesce(key_results, 0),
            has_parent=Exists(Alignment.objects.filter(child=OuterRef("pk"))),
        )
        .values("team_id")
        .annotate(
            objectives=Count("id"),
            right_size=Count(
                "id", filter=Q(key_result_count__range=(min_key_results, max_key_results))
            ),
            alignable=Count("id", filter=alignable),
            aligned=Count("id", filter=alignable & Q(has_parent=True)),
            moonshots=Count("id", filter=Q(ambition=Ambition.MOONSHOT)),
        )
        .order_by("team_id")
    )


def key_result_levels(cycle: Cycle) -> list[dict]:
    """Return per owning team the published key results and how many are outcome, output, input."""
    levels = KeyResult.Level
    return list(
        published_key_results(cycle)
        .values("objective__team_id")
        .annotate(
            key_results=Count("id"),
            outcome=Count("id", filter=Q(kind=levels.OUTCOME)),
            output=Count("id", filter=Q(kind=levels.OUTPUT)),
            input=Count("id", filter=Q(kind=levels.INPUT)),
            leading=Count("id", filter=Q(indicator=KeyResult.Indicator.LEADING)),
            lagging=Count("id", filter=Q(indicator=KeyResult.Indicator.LAGGING)),
        )
        .order_by("objective__team_id")
    )


def activity_counts(cycle: Cycle) -> Counter:
    """Return per owning team how many published key results the coach flags as activities."""
    rows = published_key_results(cycle).values_list(
        "objective__team_id", "title", "type", "start", "target", "unit", "direction"
    )
    counts: Counter = Counter()
    for team_id, title, kind, start, target, unit, direction in rows:
        draft = KeyResultDoc(
            id="kr",
            title=title,
            type=kind,
            start=start,
            target=target,
            unit=unit,
            direction=direction or None,
        )
        if kr_is_activity(draft, draft.id) is not None:
            counts[team_id] += 1
    return counts


def hypothesis_counts(cycle: Cycle) -> Counter:
    """Return per owning team how many published objectives state a real hypothesis.

    Placeholders ("TBD", "n/a", "-", "todo") count as missing: the rule is okrs.domain.mix's.
    """
    counts: Counter = Counter()
    for team_id, hypothesis in published_objectives(cycle).values_list("team_id", "hypothesis"):
        if has_hypothesis(hypothesis):
            counts[team_id] += 1
    return counts


def co_creation_counts(cycle: Cycle) -> dict:
    """Return the cycle's team objectives, those drafted from outside the team, those not accepted.

    Drafts count too: a draft written for a team by its OKR leader is the interference to watch.
    """
    drafted = Q(drafted_by__isnull=False)
    return Objective.objects.filter(
        organization_id=cycle.organization_id, cycle=cycle, team__isnull=False
    ).aggregate(
        objectives=Count("id"),
        drafted_outside=Count("id", filter=drafted),
        awaiting=Count("id", filter=drafted & Q(accepted_at__isnull=True)),
    )
