"""The content security policy forbids inline scripts, and no page needs one: no violations."""

import re

import pytest

from okrs.cadence.models import CalendarFeed
from okrs.objectives.actions import align, record_check_in
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collect violations in the page itself as well: the console is one report of them, this the other.
WATCH = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched(page):
    """Return the page and a list that collects console errors and page errors."""
    problems = []
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.add_init_script(WATCH)
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page, problems


def no_violations(page, problems, where):
    """Assert the page reported no CSP violation and no error at all."""
    violations = page.evaluate("window.cspViolations")
    assert violations == [], f"{where}: {violations}"
    assert not [p for p in problems if "Content Security Policy" in p], f"{where}: {problems}"
    assert problems == [], f"{where}: {problems}"


@pytest.fixture
def acme(world):
    """Give Acme an aligned strategic and tactical objective with a check-in."""
    strategic = world.objective(
        team=world.marketing, title="Make our cause known", cycle=world.annual
    )
    tactical = world.objective(title="Win the hearts of young donors")
    align(tactical, strategic)
    record_check_in(tactical.key_results.get(position=1), 30000, 6, author=world.alice)
    return world, tactical


def test_main_pages_and_htmx_work_without_any_csp_violation(watched, live_server, acme):
    page, problems = watched
    world, tactical = acme
    header = page.request.get(f"{live_server.url}/login/").headers["content-security-policy"]
    assert "script-src 'self'" in header and "unsafe-inline' " not in header.split("style")[0]

    sign_in(page, live_server, "alice@acme.test")
    page.get_by_role("heading", name="My OKRs").wait_for()
    no_violations(page, problems, "home")

    row = page.locator("li.kr").filter(has_text="Reduce wait time").first
    row.get_by_label("Value").fill("7")
    row.get_by_label("Confidence").fill("7")
    row.get_by_role("button", name="Check in").click()
    page.locator("li.kr.saved").filter(has_text="Reduce wait time").wait_for()
    no_violations(page, problems, "check-in by htmx")

    page.goto(f"{live_server.url}/tree/?cycle={world.quarter.pk}")
    page.get_by_role("link", name="Win the hearts of young donors").wait_for()
    page.locator("#tree-search").press_sequentially("young")
    page.wait_for_url(re.compile(r"q=young"), wait_until="commit")
    no_violations(page, problems, "tree with htmx filter")

    page.goto(f"{live_server.url}/map/?cycle={world.annual.pk}")
    page.locator("svg.alignment-map").wait_for()
    no_violations(page, problems, "map")

    for path, heading in [
        ("/teams/growth/", "Growth"),
        (f"/objectives/{tactical.pk}/", "Win the hearts of young donors"),
        ("/dashboard/", "Cycle dashboard"),
        ("/quality/", None),
        ("/settings/account/", "Your account"),
        ("/settings/tokens/", "API tokens"),
    ]:
        page.goto(f"{live_server.url}{path}")
        if heading:
            page.get_by_role("heading", name=heading).first.wait_for()
        no_violations(page, problems, path)

    page.goto(f"{live_server.url}/objectives/new/")
    page.get_by_label("Title").first.fill("Increase donations by 20% by launching a referral plan")
    page.locator("#coach").get_by_text("objective-has-number").wait_for()
    no_violations(page, problems, "drafting with the live coach")
    shoot(page, "csp-drafting")


def test_the_calendar_copy_button_works_without_inline_handlers(watched, live_server, world):
    page, problems = watched
    sign_in(page, live_server, "alice@acme.test")
    page.get_by_role("heading", name="My OKRs").wait_for()
    page.goto(f"{live_server.url}/cadence/?cycle={world.quarter.pk}")
    feed = page.locator(f"#feed-team-{world.growth.pk}")
    feed.get_by_role("button", name="Get a calendar address").click()
    address = page.get_by_label("Calendar address: Growth")
    address.wait_for()

    feed.get_by_role("button", name="Copy").click()

    feed.get_by_role("button", name="Copied").wait_for()
    token = CalendarFeed.objects.get(team=world.growth).token
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"{token}.ics")
    address.focus()
    assert page.evaluate("window.getSelection().toString()") or page.evaluate(
        "document.activeElement.selectionEnd - document.activeElement.selectionStart"
    )
    no_violations(page, problems, "cadence feeds")


def test_the_lockout_page_and_sign_in_page_have_no_violations(watched, live_server, world):
    page, problems = watched
    page.goto(f"{live_server.url}/login/")
    for _ in range(5):
        page.get_by_label("E-mail").fill("bob@acme.test")
        page.get_by_label("Password").fill("not-his-password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
    page.get_by_role("heading", name="Too many attempts").wait_for()
    shoot(page, "locked-out")
    problems[:] = [p for p in problems if "429" not in p]
    no_violations(page, problems, "locked out")
