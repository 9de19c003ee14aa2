"""A key result fed by an HTTP source in a real browser: test before save, save, pull, chart."""

import json
from datetime import date, timedelta

import pytest

from conftest import PASSWORD
from okrs import clock as okrs_clock
from okrs.objectives.actions import record_check_in
from okrs.sources.pull import pull_due
from okrs.sources.tests.conftest import Answers
from tests.browser.conftest import shoot
from tests.calendar import at_ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUARTER_START = date(2027, 1, 4)


def sign_in(page, live_server, person):
    """Sign the person in through the login page."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My OKRs").wait_for()


def test_an_http_source_tested_saved_and_pulled_feeds_the_chart(page, live_server, world, clock):
    clock.move_to(at_ten(QUARTER_START), tick=True)
    objective = world.objective(title="Make clean water a topic no household can ignore")
    signatures = objective.key_results.order_by("pk").first()
    record_check_in(signatures, 24000, 6, author=world.alice, progress_note="First districts")
    answers = Answers()
    counts = iter([31000, 38500, 47000, 52000, 61000])

    def answer_with(total):
        body = {"total_count": total, "incomplete_results": False, "items": []}
        answers.routes["/search/issues"] = (200, json.dumps(body).encode(), {})

    answer_with(next(counts))
    try:
        sign_in(page, live_server, world.alice)
        page.goto(f"{live_server.url}/objectives/{objective.pk}/")
        page.get_by_role("link", name="Feed this key result from a source").first.click()

        page.get_by_label("HTTP (okrs fetches a URL on a schedule)").check()
        page.locator("#id_name").fill("Petition signatures API")
        page.locator("#id_schedule").select_option("weekly")
        page.locator("#id_url").fill(answers.base + "/search/issues?q=petition")
        page.locator("#id_path").fill("$.total_count")
        page.get_by_role("button", name="Test", exact=True).click()
        assert page.locator("#tested-value").inner_text().startswith("The test read 31,000")
        shoot(page, "source-test-before-save")
        page.get_by_role("button", name="Save source").click()
        page.get_by_role("heading", name=objective.title).wait_for()

        pull_due(okrs_clock.now())
        for total in counts:
            clock.move_to(okrs_clock.now() + timedelta(weeks=1))
            answer_with(total)
            assert pull_due(okrs_clock.now()).recorded == 1

        sign_in(page, live_server, world.alice)  # five weeks on, the session has expired
        page.goto(f"{live_server.url}/objectives/{objective.pk}/")
        trend = page.locator(f"#kr-{signatures.pk}-trend")
        trend.locator("summary").click()
        history = trend.locator(".history").inner_text()
        assert history.count("from Petition signatures API") == 5
        assert "Alice Doe" in history
        status = page.locator(f"#kr-{signatures.pk}-source").inner_text()
        assert "last read 61,000" in status
        page.evaluate("window.scrollTo(0, 0)")  # the sticky bar stays at the top of the shot
        shoot(page, "source-fed-chart")
    finally:
        answers.stop()
