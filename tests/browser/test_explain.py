"""Why? in a real browser: the objective page opens the explanation in place, with its numbers."""

from datetime import date

import pytest

from conftest import PASSWORD
from okrs.objectives.actions import record_check_in
from tests.browser.conftest import shoot
from tests.calendar import at_ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MID_QUARTER = date(2027, 2, 15)  # day 45 of 89 of 2027-Q1
VIEWPORT = {"width": 1280, "height": 800}


def sign_in(page, live_server, person):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My OKRs").wait_for()


def test_why_opens_beside_the_figures_with_the_real_numbers(page, live_server, world, clock):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    objective = world.objective(title="Make clean water a topic no household can ignore")
    signatures, wait = objective.key_results.order_by("position")
    record_check_in(signatures, 52000, 7, author=world.alice)
    record_check_in(wait, 6, 5, author=world.alice)
    sign_in(page, live_server, world.alice)

    page.goto(f"{live_server.url}/objectives/{objective.pk}/")
    assert page.locator(".headline-figures").inner_text().count("45%") == 1
    page.locator("#why > summary").click()
    progress = page.locator("#why .why-progress")
    progress.wait_for()
    assert progress.inner_text().startswith(
        "Progress 45%: the key results' progress weighted by their weights, "
        "(40% × 1 + 50% × 1) / 2 = 45%."
    )
    assert "(52,000 − 20,000) / (100,000 − 20,000) = 40%" in progress.inner_text()
    state = page.locator("#why .why-state").inner_text()
    assert state.startswith("At risk: progress 45% against 50.6% expected")
    assert "on track needs at least 45.5% (0.9 × 50.6%)" in state
    assert page.locator("#why .why-pace").inner_text() == (
        "Expected 51% today (15 Feb 2027): day 45 of 89 of the cycle "
        "(1 Jan 2027 – 31 Mar 2027), 50.6% elapsed."
    )
    shoot(page, "explain-objective-why")

    page.goto(f"{live_server.url}/objectives/{objective.pk}/why/")
    page.get_by_role("heading", name="Why these numbers?").wait_for()
    assert "Score 4.5: progress 45% × 10 = 4.5, to one decimal." in page.inner_text("main")
    shoot(page, "explain-why-page")


def test_why_works_without_javascript(browser, live_server, world, clock):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    objective = world.objective(title="Fresh objective")
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORT)
    page = context.new_page()
    try:
        sign_in(page, live_server, world.alice)
        page.goto(f"{live_server.url}/objectives/{objective.pk}/")
        page.locator("#why > summary").click()
        page.get_by_role("link", name="Open the explanation of every figure").click()
        page.get_by_role("heading", name="Why these numbers?").wait_for()
        text = page.inner_text("main")
        assert "Not started: no key result has a check-in yet" in text
        assert "no value yet (no check-in), so 0%" in text
    finally:
        context.close()
