"""The scheduler: each tick, every worker offers to start the jobs whose slot has come."""

import logging
from collections.abc import Callable
from datetime import datetime

from django.db import DatabaseError
from django.utils.module_loading import import_string

from okrs.worker import schedule
from okrs.worker.actions import claim_slot, record_skipped
from okrs.worker.schedule import Job

logger = logging.getLogger(__name__)
# The jobs already reported as skipped by this process: one log line each, not one per tick.
_reported: set[str] = set()


def load(job: Job) -> tuple[Callable | None, str]:
    """Return the job's function, or None and why it cannot be imported."""
    try:
        return import_string(job.function), ""
    except Exception as error:  # a missing app or a broken import skips the job, never the worker
        return None, f"Skipped: cannot import {job.function} ({type(error).__name__}: {error})."


def schedule_due(now: datetime, enqueue: Callable[[str], object]) -> list[str]:
    """Enqueue a run of each job whose slot has come and that no other worker has claimed.

    Return the names of the jobs this worker enqueued.
    """
    started = []
    for job in schedule.JOBS:
        function, problem = load(job)
        if function is None:
            _report_skipped(job, now, problem)
            continue
        try:
            if claim_slot(job, now, enqueue):
                started.append(job.name)
        except DatabaseError as error:
            logger.warning("Could not schedule the job %r, trying again: %s", job.name, error)
    return started


def _report_skipped(job: Job, now: datetime, problem: str) -> None:
    """Log and record once per process that the job cannot run."""
    if job.name in _reported:
        return
    _reported.add(job.name)
    logger.warning("Scheduled job %r: %s", job.name, problem)
    try:
        record_skipped(job, now, problem)
    except DatabaseError:
        _reported.discard(job.name)
