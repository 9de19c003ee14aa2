"""Draft an objective in the browser while the coach comments live, then save it."""

import pytest

from okrs.objectives.models import Objective
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coach_comments_while_typing_and_the_draft_saves(page, live_server, world):
    parent = world.objective(team=world.marketing, title="Make our cause known", cycle=world.annual)
    sign_in(page, live_server, "alice@acme.test")
    page.goto(f"{live_server.url}/objectives/new/")
    page.get_by_label("Title").first.fill(
        "Increase donations by 20% by launching a referral program"
    )
    coach = page.locator("#coach")
    coach.get_by_text("objective-has-number").wait_for()
    assert "objective-prescribes-how" in coach.inner_text()

    page.get_by_label("Title").first.fill("Win the hearts of young donors")
    page.get_by_label("Aligned to").select_option(label=f"Marketing: {parent.title}")
    page.get_by_label("Hypothesis").fill(
        "We believe that by growing signatures we will win young donors."
    )
    rows = page.locator("fieldset.kr-fieldset")
    rows.nth(0).get_by_label("Title").fill("Grow petition signatures from 20,000 to 100,000")
    rows.nth(0).get_by_label("Start").fill("20000")
    rows.nth(0).get_by_label("Target").fill("100000")
    rows.nth(1).get_by_label("Title").fill("Increase monthly donors from 150 to 400")
    rows.nth(1).get_by_label("Start").fill("150")
    rows.nth(1).get_by_label("Target").fill("400")
    coach.get_by_text("Nothing to flag").wait_for()
    shoot(page, "draft-objective")

    page.get_by_role("button", name="Save objective").click()
    page.get_by_role("heading", name="Win the hearts of young donors").wait_for()
    objective = Objective.objects.get(title="Win the hearts of young donors")
    assert objective.key_results.count() == 2
    assert list(objective.aligned_to.all()) == [parent]
