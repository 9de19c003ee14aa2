"""An admin checks the background jobs: each job's last run and outcome, a failure's error."""

from datetime import timedelta

import pytest

from okrs.worker import schedule
from okrs.worker.runner import run_once
from okrs.worker.schedule import JOBS, Job
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_sees_the_background_jobs_after_the_worker_ran(
    page, live_server, world, monkeypatch
):
    failing = Job(
        "fail", "okrs.worker.tests.conftest.fail", timedelta(hours=1), "A job with a bug."
    )
    monkeypatch.setattr(schedule, "JOBS", [*JOBS, failing])
    run_once()
    sign_in(page, live_server, "admin@acme.test")
    page.goto(f"{live_server.url}/administration/")
    navigation = page.get_by_role("navigation", name="Administration")
    navigation.get_by_role("link", name="Background jobs").click()
    assert page.get_by_role("heading", name="Background jobs").is_visible()
    purge = page.locator("#job-trash-purge")
    assert "Succeeded" in purge.inner_text() and "objectives 0, key results 0" in purge.inner_text()
    assert "RuntimeError: the source answered nonsense" in page.locator("#job-fail").inner_text()
    shoot(page, "administration-background-jobs")
