"""Fixtures of the worker tests: a schedule of test jobs, and what they were called with."""

from datetime import timedelta

import pytest

from okrs.worker import schedule
from okrs.worker.schedule import Job

CALLS: list[tuple[str, object]] = []


def count_call(now):
    """A job that records each call, so tests count runs per slot."""
    CALLS.append(("count", now))
    return {"counted": len(CALLS)}


def fail(now):
    """A job that always fails, as a job with a bug does."""
    raise RuntimeError("the source answered nonsense")


@pytest.fixture
def calls():
    """Return the calls of the test jobs, emptied for the test."""
    CALLS.clear()
    yield CALLS
    CALLS.clear()


@pytest.fixture
def test_jobs(monkeypatch, calls):
    """Replace the schedule by a counting job every minute and a failing one every hour."""
    jobs = [
        Job("count", "okrs.worker.tests.conftest.count_call", timedelta(minutes=1)),
        Job("fail", "okrs.worker.tests.conftest.fail", timedelta(hours=1)),
    ]
    monkeypatch.setattr(schedule, "JOBS", jobs)
    return jobs
