"""The largest number a key result takes never pushes a page wider than the screen."""

from datetime import date

import pytest

from conftest import PASSWORD
from okrs.domain.limits import NUMBER_LIMIT
from okrs.objectives.actions import add_key_result, record_check_in
from tests.browser.conftest import shoot
from tests.calendar import at_ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MID_QUARTER = date(2027, 2, 15)
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_a_key_result_at_the_number_limit_keeps_every_page_within_the_screen(
    page, live_server, world, clock, width, height
):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    objective = world.objective(title="Reach every household")
    huge = add_key_result(
        objective,
        "Litres of water saved",
        start=-NUMBER_LIMIT,
        target=NUMBER_LIMIT,
        unit="litres of drinking water",
    )
    record_check_in(huge, NUMBER_LIMIT - 0.25, 7, author=world.alice)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(world.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My OKRs").wait_for()

    for path in ("/", f"/objectives/{objective.pk}/", f"/teams/{world.growth.slug}/"):
        page.goto(f"{live_server.url}{path}")
        assert page.get_by_text("999,999,999,999,999.75").first.is_visible()
        assert page.evaluate(OVERFLOW) <= 0, f"{path} is wider than a {width}px screen"
    shoot(page, f"wide-numbers-team-{width}")
