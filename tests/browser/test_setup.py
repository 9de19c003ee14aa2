"""A new customer's first minutes, in a real browser: from an empty database to home."""

import pytest

from okrs.organizations.middleware import FirstRun
from okrs.organizations.models import Organization
from tests.browser.conftest import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "tide-charts-at-dawn"


@pytest.fixture
def empty(db):
    """An install that has no organisation yet."""
    assert not Organization.objects.exists()
    FirstRun.forget()
    yield
    FirstRun.forget()


def test_from_an_empty_database_to_home_with_the_getting_started_list(page, live_server, empty):
    page.goto(f"{live_server.url}/")
    page.get_by_role("heading", name="Set up okrs").wait_for()
    assert page.url == f"{live_server.url}/setup/"
    assert "Up to 3 objectives per team and cycle" in page.locator(".profile-choice").inner_text()
    shoot(page, "setup-form")

    page.get_by_label("Organisation name").fill("Blue Harbour")
    page.locator("input[name=profile][value=okr-institute]").check()
    page.get_by_label("Time zone").fill("Europe/Lisbon")
    page.get_by_label("Your name").fill("Hana Harbour")
    page.get_by_label("Your e-mail").fill("hana@harbour.test")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_label("Password, again").fill("tide-charts-at-dusk")
    page.get_by_role("button", name="Set up and sign in").click()
    page.get_by_text("The two passwords differ").wait_for()
    assert not Organization.objects.exists()
    shoot(page, "setup-errors")

    page.locator("#id_password").fill(PASSWORD)
    page.get_by_label("Password, again").fill(PASSWORD)
    page.get_by_role("button", name="Set up and sign in").click()

    page.get_by_role("heading", name="My OKRs").wait_for()
    assert page.url == f"{live_server.url}/"
    checklist = page.locator("section.getting-started")
    assert "0 of 5 done" in checklist.inner_text()
    assert checklist.get_by_role("link", name="Draft the company objective").is_visible()
    assert page.locator(".topbar .avatar").inner_text() == "HH"  # Hana Harbour, signed in
    shoot(page, "setup-home")

    page.get_by_role("link", name="Administration").click()
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("heading", name="Organisation settings").wait_for()
    assert page.get_by_label("Time zone").input_value() == "Europe/Lisbon"
    shoot(page, "setup-settings")

    page.goto(f"{live_server.url}/setup/")
    assert "Set up okrs" not in page.content()


def test_setup_suggests_the_browsers_time_zone_without_breaking_the_policy(
    browser, live_server, empty
):
    context = browser.new_context(timezone_id="Asia/Tokyo", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        page.goto(f"{live_server.url}/setup/")
        page.get_by_role("heading", name="Set up okrs").wait_for()

        assert page.get_by_label("Time zone").input_value() == "Asia/Tokyo"
        assert problems == []
    finally:
        context.close()
