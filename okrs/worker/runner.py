"""`okrs worker`'s loop: schedule what is due, then run the enqueued tasks with django-tasks."""

import logging
import threading

from django.db import DatabaseError, OperationalError, close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.utils import is_locked_database_exception

from okrs import clock
from okrs.worker.scheduler import schedule_due
from okrs.worker.tasks import run_scheduled_job

logger = logging.getLogger(__name__)


def enqueue(name: str) -> None:
    """Store a run of the named job for a worker to pick up."""
    run_scheduled_job.enqueue(name)


def run_once(worker_id: str | None = None) -> list[str]:
    """Schedule the jobs due now, then run every task ready; return the jobs this worker started."""
    started = schedule_due(clock.now(), enqueue)
    try:
        drain(worker_id)
    except OperationalError as error:
        if not is_locked_database_exception(error):
            raise
        logger.info("The task queue is busy; its tasks run at the next look: %s", error)
    return started


def drain(worker_id: str | None = None) -> None:
    """Run every task that is ready, one at a time, with django-tasks' own database worker."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id or get_random_string(32),
        excluded_queue_names=[],
    ).run()


def run_forever(stop: threading.Event, interval: float = 1.0) -> None:
    """Run ticks until the event is set, waiting `interval` seconds between them."""
    worker_id = get_random_string(32)
    while not stop.is_set():
        close_old_connections()
        try:
            run_once(worker_id)
        except DatabaseError as error:
            logger.warning("Database unavailable, trying again: %s", error)
        stop.wait(interval)
