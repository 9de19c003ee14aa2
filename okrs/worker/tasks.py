"""The task every scheduled run goes through: django-tasks stores it until a worker runs it."""

import logging
from datetime import datetime, timedelta

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from okrs import clock
from okrs.worker.actions import record_finished, record_skipped, record_started
from okrs.worker.models import ScheduledJob
from okrs.worker.schedule import job_named
from okrs.worker.scheduler import load

logger = logging.getLogger(__name__)
# Webhook deliveries alone enqueue a task every 5 s: a day of results is enough to look into.
RESULTS_KEPT = timedelta(days=1)


@task()
def run_scheduled_job(name: str) -> str:
    """Run the scheduled job of that name once and record its outcome; return its summary."""
    job = job_named(name)
    if job is None:
        return f"No job named {name!r} in the schedule any more; nothing run."
    function, problem = load(job)
    if function is None:
        record_skipped(job, clock.now(), problem)
        return problem
    record_started(name, clock.now())
    try:
        result = function(clock.now())
    except Exception as error:
        logger.warning("The scheduled job %r failed", name, exc_info=True)
        record_finished(
            name, clock.now(), ScheduledJob.Outcome.FAILED, error=f"{type(error).__name__}: {error}"
        )
        raise
    summary = describe(result)
    record_finished(name, clock.now(), ScheduledJob.Outcome.SUCCEEDED, summary=summary)
    return summary


def describe(result: object) -> str:
    """Return what a job returned, in one line: counts as 'delivered 3, failed 1'."""
    if result is None:
        return ""
    if isinstance(result, dict):
        return ", ".join(f"{key} {value}" for key, value in result.items())
    return str(result)


def prune_results(now: datetime) -> dict[str, int]:
    """Forget finished task results older than a day; return how many."""
    finished = DBTaskResult.objects.filter(finished_at__lt=now - RESULTS_KEPT)
    deleted, _ = finished.delete()
    return {"task results forgotten": deleted}
