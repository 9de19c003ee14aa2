"""In a real browser: readable key-result charts, and the confirmations at the end of a cycle."""

from datetime import date

import pytest

from okrs.evaluation.models import Evaluation
from okrs.objectives.actions import record_check_in, update_key_result
from tests.browser.conftest import ARTIFACTS, shoot
from tests.browser.test_first_ui import sign_in
from tests.calendar import at_ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch(page) -> list:
    """Return a list that collects the page's console errors and page errors (CSP included)."""
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_the_chart_reads_dates_shows_check_ins_to_hover_and_the_replan(
    page, live_server, world, clock
):
    objective = world.objective(title="Make clean water a topic no household can ignore")
    signatures, wait_time = objective.key_results.order_by("position")
    for day, value, confidence, note in [
        (date(2027, 1, 12), 26000, 7, "Launch week went well"),
        (date(2027, 1, 26), 31000, 6, "Slower than hoped"),
        (date(2027, 2, 9), 36000, 5, "The vendor we counted on left"),
    ]:
        clock.move_to(at_ten(day), tick=True)
        record_check_in(signatures, value, confidence, author=world.alice, progress_note=note)
    clock.move_to(at_ten(date(2027, 2, 12)), tick=True)
    update_key_result(
        signatures, target=60000, reason="The vendor left: half the reach", by=world.alice
    )
    clock.move_to(at_ten(date(2027, 3, 2)), tick=True)
    record_check_in(signatures, 47000, 7, author=world.alice, progress_note="Back on the new plan")
    record_check_in(wait_time, 6, 6, author=world.alice)
    problems = watch(page)

    sign_in(page, live_server, world.alice.email)
    page.goto(f"{live_server.url}/objectives/{objective.pk}/")
    chart = page.locator(f"#chart-{signatures.pk}")
    chart.wait_for()

    labels = chart.locator("text.date").all_text_contents()
    assert labels == ["1 Jan", "Feb", "Mar", "31 Mar"]
    markers = chart.locator("g.check-in")
    assert markers.count() == 4
    second = markers.nth(1)
    assert "26 Jan 2027: 31,000" in second.locator("title").text_content()
    assert "Slower than hoped" in second.locator("title").text_content()
    dot = second.locator(".dot")
    before = dot.evaluate("el => getComputedStyle(el).r")
    second.hover()
    assert dot.evaluate("el => getComputedStyle(el).r") != before  # the marker grows on hover
    step = chart.locator("g.replan")
    assert step.count() == 1
    assert "Re-planned on 12 Feb 2027 by Alice Doe" in step.locator("title").text_content()
    assert chart.locator("line.baseline").count() == 1
    assert "target 100,000 at the cycle's start, now 60,000" in chart.inner_text()
    box = chart.locator("svg").bounding_box()
    assert box["width"] > 300  # the chart is drawn at a readable size
    ARTIFACTS.mkdir(exist_ok=True)
    chart.screenshot(path=str(ARTIFACTS / "chart-replanned.png"))
    shoot(page, "chart-objective")

    sidebar = page.locator("#changes-title").locator("xpath=..")
    assert sidebar.locator(".change-log > li").count() <= 10

    page.goto(f"{live_server.url}/evaluation/{world.quarter.pk}/teams/growth/")
    replanned = page.locator(".replan-line")
    assert replanned.count() == 1
    assert "original target 100,000, re-planned target 60,000" in replanned.inner_text()
    shoot(page, "replan-evaluation")
    assert problems == []


def test_sharing_early_asks_first_and_in_the_last_week_it_does_not(page, live_server, world, clock):
    clock.move_to(at_ten(date(2027, 3, 1)), tick=True)
    world.objective()
    problems = watch(page)
    sign_in(page, live_server, world.alice.email)
    page.goto(f"{live_server.url}/evaluation/{world.quarter.pk}/teams/growth/")
    page.get_by_label("What worked").fill("Door-to-door petitions\nand weekly check-ins")
    page.get_by_role("button", name="Share with the organisation").click()

    page.get_by_role("heading", name="Share the evaluation 30 days early?").wait_for()
    assert "cannot be undone" in page.inner_text("main")
    assert not Evaluation.objects.exists()  # asking changed nothing
    shoot(page, "confirm-share")

    page.get_by_role("button", name="Share now, 30 days early").click()
    page.get_by_text("Shared the evaluation with the organisation.").wait_for()
    shared = Evaluation.objects.get()
    assert shared.is_shared()
    assert shared.worked.splitlines() == ["Door-to-door petitions", "and weekly check-ins"]
    shoot(page, "confirm-share-done")
    assert problems == []


def test_closing_early_needs_the_box_ticked_and_after_the_end_it_does_not(
    page, live_server, world, clock
):
    clock.move_to(at_ten(date(2027, 3, 7)), tick=True)
    world.objective()
    problems = watch(page)
    sign_in(page, live_server, world.admin.email)
    page.goto(f"{live_server.url}/evaluation/{world.quarter.pk}/close/")
    early = "2027-Q1 ends on 31 Mar 2027: closing now is 24 days early"
    page.get_by_role("heading", name=early).wait_for()
    shoot(page, "confirm-close-early")

    button = page.get_by_role("button", name="Close 24 days early anyway")
    button.click()  # the box is not ticked: the browser keeps the form
    world.quarter.refresh_from_db()
    assert world.quarter.state == "active"
    page.get_by_label("Yes, close 2027-Q1 24 days before its end date").check()
    button.click()
    page.get_by_text("Closed 2027-Q1").wait_for()
    world.quarter.refresh_from_db()
    assert world.quarter.state == "closed"
    assert "not evaluated" in page.inner_text("main")
    shoot(page, "confirm-close-done")
    assert problems == []


def test_closing_after_the_end_takes_one_click(page, live_server, world, clock):
    clock.move_to(at_ten(date(2027, 4, 2)), tick=True)
    world.objective()
    sign_in(page, live_server, world.admin.email)
    page.goto(f"{live_server.url}/evaluation/{world.quarter.pk}/close/")
    assert page.locator('input[name="confirm"]').count() == 0
    shoot(page, "confirm-close-after-end")
    page.get_by_role("button", name="Close the cycle anyway").click()
    page.get_by_text("Closed 2027-Q1").wait_for()
