"""A status set by hand in a real browser: beside the computed status, with who, when and why."""

from datetime import date

import pytest

from conftest import PASSWORD
from tests.browser.conftest import shoot
from tests.calendar import at_ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MID_QUARTER = date(2027, 2, 15)


def test_the_lead_sets_the_status_by_hand_on_the_objective_page(page, live_server, world, clock):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    objective = world.objective(title="Make clean water a topic no household can ignore")

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(world.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My OKRs").wait_for()
    page.goto(f"{live_server.url}/objectives/{objective.pk}/")

    page.get_by_text("Set the status by hand").click()
    page.get_by_role("button", name="Set status").click()
    assert "Reason: say why" in page.locator(".override-form .field-error").inner_text()
    shoot(page, "override-reason-required")

    page.get_by_label("Status").select_option("at-risk")
    page.get_by_label("Reason").fill("Blocked by the vendor")
    page.get_by_role("button", name="Set status").click()
    note = page.locator(f"#override-{objective.pk}")
    note.wait_for()
    assert note.locator(".pill").inner_text() == "At risk"
    assert note.locator(".override-text").inner_text() == (
        "by Alice Doe on 15 Feb: Blocked by the vendor"
    )
    # The computed state stays in the headline, beside it.
    assert page.locator(".headline-state .pill").inner_text() == "Not started"
    shoot(page, "override-objective-page")

    page.goto(f"{live_server.url}/?cycle={world.quarter.pk}")
    card = page.locator(f"#objective-{objective.pk}")
    assert card.locator(".objective-figures .pill").inner_text() == "Not started"
    assert "Blocked by the vendor" in card.locator(".override").inner_text()
    shoot(page, "override-my-okrs")
