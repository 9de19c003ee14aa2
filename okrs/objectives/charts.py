"""Charts of key result values over a cycle."""

from django.utils import timezone

from okrs import clock
from okrs.domain.chart import Chart, value_chart


def progress_chart(key_result, cycle, check_ins) -> Chart | None:
    """Return the value-over-time chart of a metric key result, oldest check-in first."""
    if key_result.type == "binary" or key_result.start is None:
        return None
    readings = [(timezone.localdate(c.checked_in_at), c.value) for c in check_ins]
    return value_chart(
        cycle.start, cycle.end, key_result.start, key_result.target, readings, clock.today()
    )
