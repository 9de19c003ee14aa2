"""The cadence pages in a real Chromium: htmx updates in place, and nothing overflows a phone."""

import pytest

from conftest import PASSWORD
from okrs.cadence.actions import schedule_cycle
from okrs.cadence.models import CadenceEvent, CadenceSettings, CalendarFeed
from okrs.cadence.tests.conftest import BEFORE_Q1
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_page(browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def stays_on_the_page(page):
    """Mark the loaded document, so a full reload would show as a missing mark."""
    page.evaluate("window.cadenceMark = 'kept'")


def shoot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def acme(world):
    """Return Acme with 2027-Q1 scheduled as of December 2026."""
    CadenceEvent.objects.all().delete()
    schedule_cycle(world.quarter, BEFORE_Q1)
    return world


def test_calendar_address_notes_and_team_cadence_update_in_place(browser, live_server, acme):
    page = open_page(browser, 1280)
    sign_in(page, live_server, "alice@acme.test")

    page.goto(f"{live_server.url}/cadence/?cycle={acme.quarter.pk}")
    stays_on_the_page(page)
    growth_feed = page.locator(f"#feed-team-{acme.growth.pk}")
    growth_feed.get_by_role("button", name="Get a calendar address").click()
    address = page.get_by_label("Calendar address: Growth")
    address.wait_for()
    first = CalendarFeed.objects.get(team=acme.growth)
    assert address.input_value().endswith(f"/cadence/calendar/{first.token}.ics")
    growth_feed.get_by_role("button", name="New URL").click()
    page.get_by_text("New address ready").wait_for()
    second = CalendarFeed.objects.get(team=acme.growth, revoked_at__isnull=True)
    assert second.token != first.token
    assert (
        page.get_by_label("Calendar address: Growth").input_value().endswith(f"{second.token}.ics")
    )
    assert page.evaluate("window.cadenceMark") == "kept"
    shoot(page, "cadence")

    page.goto(f"{live_server.url}/cadence/settings/")
    stays_on_the_page(page)
    page.get_by_label("Daily Alignment", exact=True).select_option("on")
    page.get_by_label("Daily Alignment time").fill("09:15")
    page.get_by_role("button", name="Save Growth's cadence").click()
    page.get_by_text("Saved; Growth's events were rescheduled.").wait_for()
    assert page.evaluate("window.cadenceMark") == "kept"
    assert CadenceSettings.objects.get(team=acme.growth).daily_alignment is True
    shoot(page, "cadence-settings")

    daily = CadenceEvent.objects.filter(team=acme.growth, kind="daily-alignment").first()
    page.goto(f"{live_server.url}{daily.get_absolute_url()}")
    stays_on_the_page(page)
    page.get_by_role("textbox", name="Notes").fill("Board in the kitchen")
    page.get_by_role("button", name="Save notes").click()
    page.locator(".saved-note").wait_for()
    assert page.evaluate("window.cadenceMark") == "kept"
    daily.refresh_from_db()
    assert daily.notes == "Board in the kitchen"
    shoot(page, "cadence-event")


@pytest.mark.parametrize("width", [1280, 390])
def test_cadence_pages_fit_the_screen(browser, live_server, acme, width):
    page = open_page(browser, width)
    sign_in(page, live_server, "admin@acme.test")
    review = CadenceEvent.objects.get(cycle=acme.quarter, slot="review:1")

    for path in ("/cadence/", review.get_absolute_url(), "/cadence/settings/?team=growth"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    shoot(page, f"cadence-settings-{width}")
