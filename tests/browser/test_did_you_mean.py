"""A value far outside the plan asks "did you mean...?" in the inline check-in, in a browser."""

from datetime import date

import pytest

from conftest import PASSWORD
from okrs.objectives.models import CheckIn
from tests.browser.conftest import shoot
from tests.calendar import at_ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MID_QUARTER = date(2027, 2, 15)


def open_as_alice(page, live_server, world, objective) -> None:
    """Sign in as Alice, Growth's lead, and open the objective's page."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(world.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/objectives/{objective.pk}/")


def test_a_slipped_decimal_point_is_questioned_then_the_value_meant_is_saved(
    page, live_server, world, clock
):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    objective = world.objective(title="Make clean water a topic")
    kr = objective.key_results.get(position=0)  # signatures from 20,000 to 100,000
    open_as_alice(page, live_server, world, objective)

    row = page.locator(f"#kr-{kr.pk}")
    row.get_by_label("Value").fill("600000")
    row.get_by_label("Confidence").fill("7")
    row.get_by_role("button", name="Check in").click()
    question = page.locator(f"#kr-{kr.pk} .errors")
    question.wait_for()
    assert "600,000 is past twice the planned change (target 100,000)." in question.inner_text()
    assert "Did you mean 60,000?" in question.inner_text()
    assert not CheckIn.objects.exists()
    shoot(page, "did-you-mean-asked")

    page.locator(f"#kr-{kr.pk}").get_by_role("button", name="Use 60,000").click()
    page.locator(f"#kr-{kr.pk}.saved").wait_for()
    assert CheckIn.objects.get().value == 60000
    assert "60,000" in page.locator(f"#kr-{kr.pk} .kr-current").inner_text()
    shoot(page, "did-you-mean-used")


def test_keeping_the_value_saves_it_as_typed(page, live_server, world, clock):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    objective = world.objective(title="Make clean water a topic")
    kr = objective.key_results.get(position=1)  # wait time from 9 to 3 days
    open_as_alice(page, live_server, world, objective)

    row = page.locator(f"#kr-{kr.pk}")
    row.get_by_label("Value").fill("12")
    row.get_by_label("Confidence").fill("4")
    row.get_by_role("button", name="Check in").click()
    page.locator(f"#kr-{kr.pk}").get_by_role("button", name="Keep 12").click()
    page.locator(f"#kr-{kr.pk}.saved").wait_for()
    assert CheckIn.objects.get().value == 12
