"""My OKRs in a real browser: a check-in moves its objective and the one it feeds at once."""

from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from okrs.objectives.actions import add_key_result, align, link_key_result
from tests.browser.conftest import shoot
from tests.calendar import at_ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MID_QUARTER = date(2027, 2, 15)


def test_inline_check_in_moves_the_objective_and_its_parent_without_a_reload(
    page, live_server, world, clock
):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    quarter = world.objective(title="Win the hearts of young donors")
    annual = world.objective(title="Make our cause known in every town", cycle=world.annual)
    align(quarter, annual)
    link_key_result(
        add_key_result(annual, "Finish the quarter's campaign", start=0, target=1), quarter
    )
    kr = quarter.key_results.get(position=0)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(world.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My OKRs").wait_for()
    expect(page.get_by_role("heading", name="2027-Q1")).to_be_visible()
    expect(page.get_by_role("heading", name="2027 Annual")).to_be_visible()
    objective_score = page.locator(f"#objective-{quarter.pk}-summary .score")
    parent_score = page.locator(f"#objective-{annual.pk}-summary .score")
    assert (objective_score.inner_text(), parent_score.inner_text()) == ("0.0", "0.0")
    page.evaluate("window.notReloaded = true")

    row = page.locator(f"#kr-{kr.pk}")
    row.get_by_label("Value").fill("60000")
    row.get_by_label("Confidence").fill("8")
    row.get_by_role("button", name="Check in").click()

    expect(page.locator(f"#kr-{kr.pk} .saved-note")).to_have_text("Saved")
    expect(objective_score).to_have_text("2.5")
    expect(parent_score).to_have_text("0.8")
    expect(page.locator(f"#due-kr-{kr.pk} .kr-current strong")).to_have_text("60,000")
    assert page.evaluate("window.notReloaded") is True
    assert errors == []
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "my-okrs-live-roll-up")


def test_inline_check_in_on_the_objective_page_moves_its_headline(page, live_server, world, clock):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    quarter = world.objective(title="Win the hearts of young donors")
    kr = quarter.key_results.get(position=0)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(world.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="My OKRs").wait_for()
    page.goto(f"{live_server.url}/objectives/{quarter.pk}/")
    headline = page.locator(f"#objective-{quarter.pk}-summary")
    expect(headline.locator(".score")).to_have_text("0.0")

    row = page.locator(f"#kr-{kr.pk}")
    row.get_by_label("Value").fill("60000")
    row.get_by_label("Confidence").fill("8")
    row.get_by_role("button", name="Check in").click()

    expect(headline.locator(".score")).to_have_text("2.5")
    expect(headline).to_contain_text("25%")
    expect(headline).to_contain_text("8/10")
    box = headline.locator(".score").bounding_box()
    state = headline.locator(".pill").bounding_box()
    assert abs(box["y"] + box["height"] - state["y"] - state["height"]) < 12  # one row, as before
    trend = page.locator(f"#kr-{kr.pk}-trend")
    expect(trend.locator("g.check-in")).to_have_count(1)  # the chart has the new point at once
    expect(trend.get_by_text("Check-in history (1)")).to_be_visible()
    row.get_by_label("Value").fill("90000")
    row.get_by_label("Confidence").fill("6")
    row.get_by_role("button", name="Check in").click()
    expect(trend.locator("g.check-in")).to_have_count(2)
    expect(trend.locator("svg.sparkline")).to_have_attribute(
        "aria-label", "Confidence over the check-ins, from 8 to 6 out of 10"
    )
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "objective-page-live-headline")


def test_check_in_on_all_without_javascript(browser, live_server, world, clock):
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    quarter = world.objective(title="Win the hearts of young donors")
    first, second = quarter.key_results.order_by("position")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(world.alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Check in on all").click()

    page.get_by_label(f"Value of “{first.title}”").fill("60000")
    page.get_by_label(f"Confidence in “{first.title}”").fill("7")
    page.get_by_label(f"Value of “{second.title}”").fill("6")
    page.get_by_role("button", name="Record check-ins").click()
    expect(page.get_by_role("alert")).to_contain_text(f"“{second.title}”: Confidence:")
    shoot(page, "check-in-on-all-refused")

    page.get_by_label(f"Value of “{second.title}”").fill("")
    page.get_by_role("button", name="Record check-ins").click()
    expect(page.get_by_text("Recorded 1 check-in.")).to_be_visible()
    expect(page.locator(f"#kr-{first.pk} .kr-current strong")).to_have_text("60,000")
    shoot(page, "check-in-on-all-recorded")
    context.close()
