"""An action plan in a real browser: an initiative added under a key result, done in a check-in."""

from datetime import date

import pytest

from conftest import PASSWORD
from okrs.objectives.actions import add_key_result
from okrs.objectives.models import Initiative, KeyResult
from tests.browser.conftest import shoot
from tests.calendar import at_ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MID_QUARTER = date(2027, 2, 15)


def test_the_team_adds_an_initiative_and_marks_it_done_in_a_check_in(
    page, live_server, world, clock
):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    objective = world.objective(title="Make clean water a topic no household can ignore")
    signatures = objective.key_results.first()

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(world.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My OKRs").wait_for()
    page.goto(f"{live_server.url}/objectives/{objective.pk}/")

    plan = page.locator(f"#initiatives-{signatures.pk}")
    adding = plan.locator(".initiative-add")
    adding.get_by_text("Add an initiative").click()
    adding.get_by_label("Title").fill("Door-to-door petition weekends")
    adding.get_by_label("Owner").select_option(label="Alice Doe")
    adding.get_by_label("Due").fill("2027-03-06")
    adding.get_by_label("Link").fill("https://tracker.acme.test/PET-12")
    adding.get_by_role("button", name="Add").click()
    page.locator(f"#initiatives-{signatures.pk} .initiative").first.wait_for()
    adding = page.locator(f"#initiatives-{signatures.pk} .initiative-add")
    adding.get_by_text("Add an initiative").click()
    adding.get_by_label("Title").fill("Partner with 10 schools")
    adding.get_by_role("button", name="Add").click()
    page.locator(f"#initiatives-{signatures.pk} .initiative").nth(1).wait_for()
    plan = page.locator(f"#initiatives-{signatures.pk}")
    first = plan.locator(".initiative").first
    first.get_by_role("button", name="Start").click()
    page.locator(f"#initiatives-{signatures.pk} .pill.initiative-doing").wait_for()
    assert page.locator(f"#initiatives-{signatures.pk} .initiative-title").all_inner_texts() == [
        "Door-to-door petition weekends",
        "Partner with 10 schools",
    ]
    # The key result's progress is untouched by its plan.
    row = page.locator(f"#kr-{signatures.pk}").inner_text()
    assert "Now: –" in row
    assert "Not started" in row
    page.locator(f"#kr-{signatures.pk}").scroll_into_view_if_needed()
    shoot(page, "action-plan-objective-page")

    page.get_by_role("link", name="Check in with the action plan").first.click()
    page.get_by_role("heading", name="Check in: Grow petition signatures").wait_for()
    page.get_by_label("Value").fill("41000")
    page.get_by_label("Confidence (0-10)").fill("7")
    page.get_by_label("Progress").fill("Two districts signed up after the weekends")
    door_to_door = Initiative.objects.get(title="Door-to-door petition weekends")
    page.locator(f"#initiative-{door_to_door.pk}").select_option("done")
    shoot(page, "action-plan-check-in")
    page.get_by_role("button", name="Check in").click()
    page.get_by_text("and moved 1 initiative").wait_for()

    plan = page.locator(f"#initiatives-{signatures.pk}")
    assert plan.locator(".initiative").first.locator(".pill").inner_text() == "Done"
    assert Initiative.objects.get(pk=door_to_door.pk).status == "done"
    shoot(page, "action-plan-after-check-in")


def test_the_coach_moves_an_activity_key_result_into_the_action_plan(
    page, live_server, world, clock
):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    objective = world.objective(title="Make clean water a topic no household can ignore")
    add_key_result(objective, "Launch the petition website", type="binary")

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(world.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My OKRs").wait_for()
    page.goto(f"{live_server.url}/objectives/{objective.pk}/edit/")

    offer = page.locator(".move-to-plan")
    offer.wait_for()
    assert offer.get_by_label("Move to the action plan of").input_value() == str(
        objective.key_results.first().pk
    )
    shoot(page, "action-plan-coach-offer")
    offer.get_by_role("button", name="Move to the action plan").click()
    page.get_by_text("is now an initiative under").wait_for()
    assert Initiative.objects.get().title == "Launch the petition website"
    assert not KeyResult.objects.filter(title="Launch the petition website").exists()
