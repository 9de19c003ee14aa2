"""Sign in, read the tree, check in from the home page, sign out: in a real browser."""

from datetime import date

import pytest

from conftest import PASSWORD
from okrs.objectives.actions import add_contributor, align, record_check_in
from tests.browser.conftest import shoot
from tests.calendar import at_ten

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def acme(world, clock):
    """Give Acme an aligned company, strategic and tactical objective with some check-ins.

    It is mid-quarter, so key results not checked in within the window are due.
    """
    clock.move_to(at_ten(date(2027, 2, 15)), tick=True)
    company = world.objective(
        team=world.company, title="Become the most trusted water charity", cycle=world.annual
    )
    strategic = world.objective(
        team=world.marketing, title="Make our cause known", cycle=world.annual
    )
    align(strategic, company)
    tactical = world.objective(title="Win the hearts of young donors")
    align(tactical, strategic)
    add_contributor(tactical, world.support)
    record_check_in(
        tactical.key_results.get(position=1),
        7,
        6,
        author=world.alice,
        progress_note="Queue shrinking",
    )
    return world


def sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_check_in_and_sign_out(page, live_server, acme):
    page.goto(f"{live_server.url}/")
    assert "/login/" in page.url
    shoot(page, "login")

    sign_in(page, live_server, "alice@acme.test")
    page.get_by_role("heading", name="My OKRs").wait_for()
    shoot(page, "home")

    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("heading", name="Cycle dashboard").wait_for()
    assert "1 of 2 active key results" in page.locator(".stat-grid").inner_text()
    page.get_by_role("link", name="My OKRs").click()

    row = page.locator("section.due li.kr").filter(has_text="Grow petition signatures")
    row.get_by_label("Value").fill("60000")
    row.get_by_label("Confidence").fill("8")
    row.get_by_label("Note").fill("Campaign went viral")
    row.get_by_role("button", name="Check in").click()
    page.locator("section.due li.kr.saved").filter(has_text="Grow petition signatures").wait_for()
    saved = page.locator("section.due li.kr").filter(has_text="Grow petition signatures")
    assert "60,000" in saved.inner_text()
    assert "Saved" in saved.inner_text()

    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("heading", name="Cycle dashboard").wait_for()
    assert "2 of 2 active key results" in page.locator(".stat-grid").inner_text()
    # The needs-attention panel arrives after the page's own figures.
    page.locator("#attention").get_by_text("across the open cycles").wait_for()
    assert page.locator("#attention[aria-busy]").count() == 0
    shoot(page, "dashboard")

    page.get_by_role("link", name="Organisation").click()
    page.get_by_role("link", name="Win the hearts of young donors").wait_for()
    # (0.5 + (9-7)/(9-3)) / 2 = 0.4167 -> 4.2
    node = page.locator("li.tree-node.level-tactical summary")
    assert "4.2" in node.inner_text()
    shoot(page, "tree")
    page.get_by_role("link", name="Alignment map").click()
    page.locator("svg.alignment-map").wait_for()
    assert page.locator("svg.alignment-map g.node").count() == 3
    shoot(page, "map")
    page.go_back()

    page.get_by_role("link", name="Win the hearts of young donors").click()
    page.get_by_role("heading", name="Key results").wait_for()
    assert page.locator("svg polyline.actual").count() == 2
    shoot(page, "objective")

    page.locator(".eyebrow a", has_text="Growth").first.click()
    page.get_by_role("heading", name="People").wait_for()
    shoot(page, "team")

    page.get_by_role("link", name="Quality").click()
    page.get_by_role("heading", name="OKR quality").wait_for()
    shoot(page, "quality")

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()


def test_phone_width_shows_the_tree_without_horizontal_scroll(browser, live_server, acme):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, live_server, "alice@acme.test")
    page.goto(f"{live_server.url}/tree/")
    page.get_by_role("link", name="Win the hearts of young donors").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "tree-phone")
    for path, name in [("/", "home-phone"), ("/dashboard/", "dashboard-phone")]:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        shoot(page, name)
    page.goto(f"{live_server.url}/tree/")
    page.get_by_role("link", name="Win the hearts of young donors").click()
    page.get_by_role("heading", name="Key results").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "objective-phone")
    context.close()
