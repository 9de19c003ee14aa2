"""The coach at the edges in a real browser: live drafting and the cycle's quality page."""

import pytest

from okrs.objectives.actions import align
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coach_reads_an_artefact_and_a_milestone_and_says_what_to_try(page, live_server, world):
    sign_in(page, live_server, "alice@acme.test")
    page.goto(f"{live_server.url}/objectives/new/")
    page.get_by_label("Title").first.fill("Build a mobile app so that patients can book visits")
    page.get_by_label("Hypothesis").fill("TBD")
    rows = page.locator("fieldset.kr-fieldset")
    rows.nth(0).get_by_label("Title").fill("Obtain the new pharmacy licence")
    rows.nth(1).get_by_label("Title").fill("Reduce average permit wait from 210 to 120 days")
    rows.nth(1).get_by_label("Start").fill("210")
    rows.nth(1).get_by_label("Target").fill("50")
    coach = page.locator("#coach")
    coach.get_by_text("kr-numbers-disagree").wait_for()
    text = coach.inner_text()
    for rule in ("objective-prescribes-how", "kr-binary-by-nature", "missing-hypothesis"):
        assert rule in text, rule
    assert "Patients can book visits" in text
    assert "`type: binary`" in text
    assert "'TBD' only holds its place" in text
    shoot(page, "coach-edges-draft")


def test_quality_page_finds_a_year_key_result_made_a_quarter_objective(page, live_server, world):
    year = world.objective(team=world.company, cycle=world.annual, title="Make water a topic")
    quarter = world.objective(title="Grow petition signatures")
    align(quarter, year)
    sign_in(page, live_server, "admin@acme.test")
    page.goto(f"{live_server.url}/quality/?cycle={world.quarter.pk}")
    page.get_by_role("heading", name="OKR quality").wait_for()
    row = page.locator("li, tr, article").filter(has_text="cascade-kr-as-objective").first
    row.wait_for()
    assert "Grow petition signatures" in row.inner_text()
    assert "try" in row.inner_text().lower()
    shoot(page, "quality-cascade-across-cycles")
