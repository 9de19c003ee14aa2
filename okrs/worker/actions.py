"""Writes of the worker: claiming a job's slot, and recording how each run went."""

from datetime import datetime

from django.db import transaction
from django.db.models import F

from okrs.domain.schedule import next_slot
from okrs.worker.models import ScheduledJob
from okrs.worker.schedule import Job

SUMMARY_LENGTH = 500
ERROR_LENGTH = 2000


def job_state(job: Job, now: datetime) -> ScheduledJob:
    """Return the stored state of the job, created due now the first time."""
    row, _ = ScheduledJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
    return row


@transaction.atomic
def claim_slot(job: Job, now: datetime, enqueue) -> bool:
    """Claim the job's slot if it is due and no other worker has claimed it, and enqueue its run.

    The conditional UPDATE is the claim on every database: of two workers reading the same due
    time, one changes the row and the other matches nothing. The run is enqueued in the same
    transaction, so a claimed slot always has its task.
    """
    row = job_state(job, now)
    if row.next_run_at > now:
        return False
    claimed = ScheduledJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
        next_run_at=next_slot(now, job.every), last_enqueued_at=now
    )
    if claimed:
        enqueue(job.name)
    return bool(claimed)


def record_started(name: str, at: datetime) -> None:
    """Record that a run of the job started."""
    ScheduledJob.objects.filter(name=name).update(
        last_started_at=at, runs=F("runs") + 1, last_outcome="", last_error=""
    )


def record_finished(
    name: str, at: datetime, outcome: str, summary: str = "", error: str = ""
) -> None:
    """Record how the job's last run (or skip) ended."""
    ScheduledJob.objects.filter(name=name).update(
        last_finished_at=at,
        last_outcome=outcome,
        last_summary=summary[:SUMMARY_LENGTH],
        last_error=error[:ERROR_LENGTH],
    )


def record_skipped(job: Job, at: datetime, reason: str) -> None:
    """Record that the job is skipped, and why, so that the jobs page shows it."""
    job_state(job, at)
    record_finished(job.name, at, ScheduledJob.Outcome.SKIPPED, error=reason)
