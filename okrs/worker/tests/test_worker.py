"""`okrs worker`: each scheduled job runs once per slot, whatever the number of workers."""

import logging
import threading
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from okrs.objectives.actions import record_check_in
from okrs.webhooks.actions import create_endpoint
from okrs.webhooks.models import Delivery
from okrs.worker import schedule
from okrs.worker.models import ScheduledJob
from okrs.worker.runner import enqueue, run_once
from okrs.worker.schedule import Job
from okrs.worker.scheduler import schedule_due
from okrs.worker.tasks import prune_results
from tests.receiver import Receiver

pytestmark = pytest.mark.django_db(transaction=True)  # the worker recycles connections
START = timezone.make_aware(datetime(2027, 2, 16, 10, 0, 30))


def state(name: str) -> ScheduledJob:
    """Return the stored state of the named job."""
    return ScheduledJob.objects.get(name=name)


def test_each_job_runs_once_per_slot_and_again_in_the_next(test_jobs, calls, clock):
    clock.move_to(START, tick=False)
    assert run_once() == ["count", "fail"]
    assert run_once() == []  # the same minute: nothing is due again
    assert len(calls) == 1
    clock.move_to(START + timedelta(seconds=29), tick=False)
    assert run_once() == []
    clock.move_to(START + timedelta(seconds=31), tick=False)  # the next minute's slot
    assert run_once() == ["count"]
    assert [now for _, now in calls] == [START, START + timedelta(seconds=31)]
    counted = state("count")
    assert counted.runs == 2 and counted.last_outcome == ScheduledJob.Outcome.SUCCEEDED
    assert counted.last_summary == "counted 2"
    assert counted.next_run_at == timezone.make_aware(datetime(2027, 2, 16, 10, 2))


def test_a_failing_job_records_its_error_and_the_others_still_run(test_jobs, calls, clock):
    clock.move_to(START, tick=False)
    run_once()
    failed = state("fail")
    assert failed.last_outcome == ScheduledJob.Outcome.FAILED
    assert failed.last_error == "RuntimeError: the source answered nonsense"
    assert state("count").last_outcome == ScheduledJob.Outcome.SUCCEEDED
    assert DBTaskResult.objects.failed().count() == 1


def test_two_workers_at_the_same_moment_run_each_job_once(test_jobs, calls, clock):
    clock.move_to(START, tick=False)
    both_ready = threading.Barrier(2)
    started: list[list[str]] = []

    def worker():
        both_ready.wait()
        try:
            started.append(run_once())
        finally:
            connection.close()  # each thread has its own connection to the database

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert sorted(name for names in started for name in names) == ["count", "fail"]
    # A worker that found the queue busy leaves its tasks to the next look, a second later.
    assert run_once() == []
    assert len(calls) == 1
    assert state("count").runs == 1 and state("fail").runs == 1
    assert DBTaskResult.objects.count() == 2


def test_a_run_enqueued_before_a_worker_stopped_runs_after_the_restart(test_jobs, calls, clock):
    clock.move_to(START, tick=False)
    schedule_due(START, enqueue)  # the worker claimed the slots, then stopped before running
    assert calls == [] and DBTaskResult.objects.ready().count() == 2
    clock.move_to(START + timedelta(seconds=10), tick=False)
    assert run_once() == []  # the slot is taken: not claimed again, but its task runs
    assert len(calls) == 1 and state("count").runs == 1
    assert DBTaskResult.objects.ready().count() == 0


def test_a_job_whose_function_cannot_be_imported_is_skipped_with_a_log_line(
    monkeypatch, calls, clock, caplog
):
    jobs = [
        Job("not-installed", "okrs.not_installed.jobs.run", timedelta(hours=1)),
        Job("count", "okrs.worker.tests.conftest.count_call", timedelta(minutes=1)),
    ]
    monkeypatch.setattr(schedule, "JOBS", jobs)
    clock.move_to(START, tick=False)
    with caplog.at_level(logging.WARNING, logger="okrs.worker.scheduler"):
        assert run_once() == ["count"]
        run_once()
    skipped = [r.getMessage() for r in caplog.records if "not-installed" in r.getMessage()]
    assert skipped == [
        "Scheduled job 'not-installed': Skipped: cannot import okrs.not_installed.jobs.run "
        "(ModuleNotFoundError: No module named 'okrs.not_installed')."
    ]
    assert state("not-installed").last_outcome == ScheduledJob.Outcome.SKIPPED
    assert len(calls) == 1


def test_the_worker_delivers_webhooks_on_schedule(world, clock):
    receiver = Receiver("/okrs-hook")
    try:
        create_endpoint(world.org, receiver.url, ["checkin.created"])
        record_check_in(world.objective().key_results.first(), 30000, 6)
        out = StringIO()
        call_command("worker", "--once", stdout=out)
        assert "webhook-deliveries" in out.getvalue()
        assert Delivery.objects.get().status == Delivery.Status.DELIVERED
        assert len(receiver.requests) == 1
        assert state("webhook-deliveries").last_summary == "delivered 1"
        assert state("trash-purge").last_summary == "objectives 0, key results 0"
    finally:
        receiver.stop()


def test_finished_task_results_are_forgotten_after_a_day(test_jobs, clock):
    clock.move_to(START, tick=False)
    run_once()
    assert prune_results(START + timedelta(hours=23)) == {"task results forgotten": 0}
    assert prune_results(START + timedelta(hours=25)) == {"task results forgotten": 2}


def test_worker_once_says_when_nothing_was_due(test_jobs, clock):
    clock.move_to(START, tick=False)
    call_command("worker", "--once", stdout=StringIO())
    out = StringIO()
    call_command("worker", "--once", stdout=out)
    assert out.getvalue() == "Started: nothing was due.\n"
