"""A key result's trend on its objective's page: chart, confidence line and check-in history."""

from collections import defaultdict

from okrs.domain.chart import sparkline
from okrs.objectives.charts import progress_chart
from okrs.objectives.models import CheckIn
from okrs.objectives.plans import plans_of
from okrs.objectives.scorecards import KeyResultCard


def with_trends(kr_cards: list[KeyResultCard], cycle, organization) -> list[CheckIn]:
    """Give each card its history, chart and confidence line; return all check-ins, newest first."""
    # by key result ids: joined through the objective, SQLite walks every check-in of the org
    live = [kr_card.key_result.pk for kr_card in kr_cards]
    check_ins = list(
        CheckIn.objects.of(organization)
        .filter(key_result_id__in=live)
        .select_related("author")
        .order_by("-checked_in_at", "-id")
    )
    history = defaultdict(list)
    for check_in in check_ins:
        history[check_in.key_result_id].append(check_in)
    plans = plans_of(live)
    for kr_card in kr_cards:
        kr_card.history = history[kr_card.key_result.pk]
        oldest_first = list(reversed(kr_card.history))
        kr_card.chart = progress_chart(
            kr_card.key_result, cycle, oldest_first, plans[kr_card.key_result.pk]
        )
        kr_card.confidence_line = sparkline([c.confidence for c in oldest_first])
    return check_ins
