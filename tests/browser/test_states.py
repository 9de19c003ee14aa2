"""States in a real browser: a new objective reads Not started on My OKRs, in grey, not red."""

from datetime import date

import pytest

from conftest import PASSWORD
from okrs.objectives.actions import record_check_in
from tests.browser.conftest import shoot
from tests.calendar import at_ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MID_QUARTER = date(2027, 2, 15)


def test_my_okrs_shows_a_new_objective_as_not_started(page, live_server, world, clock):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    fresh = world.objective(title="A brand-new objective")
    going = world.objective(title="Going well")
    for kr, value in zip(going.key_results.order_by("position"), (60000, 6), strict=True):
        record_check_in(kr, value, 7, author=world.alice)
    world.objective(title="Still a draft", status="draft")

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(world.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My OKRs").wait_for()

    card = page.locator(f"#objective-{fresh.pk}")
    pill = card.locator(".objective-figures .pill")
    assert pill.inner_text() == "Not started"
    assert card.locator(".pill.off-track").count() == 0
    red = "rgb(180, 35, 24)"  # --off, the colour of Off track
    assert pill.evaluate("el => getComputedStyle(el).color") != red
    assert page.locator(f"#objective-{going.pk} .objective-figures .pill").inner_text() == (
        "On track"
    )
    drafted = page.locator(".objective-card").filter(has_text="Still a draft")
    assert drafted.locator(".objective-figures .pill").inner_text() == "Draft"
    shoot(page, "states-my-okrs")

    page.goto(f"{live_server.url}/tree/")
    node = page.locator(".tree-node").filter(has_text="A brand-new objective").first
    assert node.locator(".node-figures .pill").inner_text() == "Not started"
    shoot(page, "states-tree")
