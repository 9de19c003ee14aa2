"""The Background jobs page: each scheduled job, its last run, outcome and error; admins only."""

from datetime import timedelta

import pytest

from conftest import signed_in
from okrs import clock
from okrs.worker import schedule
from okrs.worker.runner import enqueue
from okrs.worker.schedule import Job
from okrs.worker.scheduler import schedule_due
from okrs.worker.tasks import run_scheduled_job


@pytest.fixture
def jobs(monkeypatch):
    """Return a schedule of a working job, a failing one and one whose app is not installed."""
    jobs = [
        Job("trash-purge", "okrs.objectives.actions.purge_deleted", timedelta(days=1), "Purge."),
        Job("fail", "okrs.worker.tests.conftest.fail", timedelta(hours=1), "Always fails."),
        Job("absent-app", "okrs.absent_app.jobs.run", timedelta(hours=1)),
    ]
    monkeypatch.setattr(schedule, "JOBS", jobs)
    return jobs


def test_an_admin_sees_each_job_with_its_last_run_outcome_and_error(world, jobs):
    schedule_due(clock.now(), enqueue)
    run_scheduled_job.call("trash-purge")
    with pytest.raises(RuntimeError):
        run_scheduled_job.call("fail")

    page = signed_in(world.admin).get("/administration/jobs/")

    assert page.status_code == 200
    body = page.content.decode()
    purge = body[body.index('id="job-trash-purge"') : body.index('id="job-fail"')]
    assert "Succeeded" in purge and "objectives 0, key results 0" in purge and "1 day" in purge
    failed = body[body.index('id="job-fail"') : body.index('id="job-absent-app"')]
    assert "Failed" in failed and "RuntimeError: the source answered nonsense" in failed
    missing = body[body.index('id="job-absent-app"') :]
    assert "Skipped" in missing and "cannot import okrs.absent_app.jobs.run" in missing


def test_a_job_never_run_says_so(world, jobs):
    body = signed_in(world.admin).get("/administration/jobs/").content.decode()
    purge = body[body.index('id="job-trash-purge"') : body.index('id="job-fail"')]
    assert "never" in purge and "Not run yet" in purge


def test_only_admins_open_the_background_jobs_page(world):
    assert signed_in(world.alice).get("/administration/jobs/").status_code == 403
    assert signed_in(world.sam).get("/administration/jobs/").status_code == 403
    assert (
        signed_in(world.admin)
        .get("/administration/")
        .content.decode()
        .count('href="/administration/jobs/"')
        == 1
    )


def test_on_a_server_of_several_organisations_only_the_operator_sees_the_jobs(world):
    from okrs.organizations.actions import create_organization

    create_organization("Globex", slug="globex")
    assert signed_in(world.admin).get("/administration/jobs/").status_code == 403
    world.admin.is_superuser = True
    world.admin.save(update_fields=["is_superuser"])
    assert signed_in(world.admin).get("/administration/jobs/").status_code == 200
