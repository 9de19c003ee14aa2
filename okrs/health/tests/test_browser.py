"""The health page and the pulse in a real Chromium, at desktop and phone widths."""

from datetime import timedelta

import pytest
from django.utils import timezone

from okrs.health.actions import answer_pulse
from okrs.health.models import PulseAnswer
from okrs.health.targets import pulse_period
from okrs.health.tests.conftest import SCORES
from okrs.objectives.actions import align
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lively(world, running, growth_team):
    """Give the running cycle an aligned objective and Growth's answers of last month."""
    strategic = world.objective(world.marketing, "Become the voice of clean water", cycle=running)
    for objective in running.objectives.filter(team__in=[world.growth, world.support]):
        align(objective, strategic)
    last_month = pulse_period(timezone.localdate()) - timedelta(days=1)
    for person, comment in zip(growth_team, ["Fewer meetings", "", "A clearer why"], strict=True):
        answer_pulse(person, world.growth, SCORES, comment, last_month)
    return running


def test_a_member_answers_the_pulse_without_a_reload(page, live_server, world, growth_team):
    sign_in(page, live_server, "alice@acme.test")
    page.goto(f"{live_server.url}/health/pulse/")
    page.evaluate("window.notReloaded = true")
    form = page.locator(f"#pulse-team-{world.growth.pk}")
    for letter, score in [("Focus", 4), ("Alignment", 3), ("Commitment", 5), ("Tracking", 2)]:
        form.locator("fieldset", has_text=letter).get_by_label(str(score)).check()
    form.get_by_label("One thing that would help (optional)").fill("Fewer meetings")
    form.get_by_role("button", name="Send anonymously").click()
    form.get_by_text("Choose how much you agree, for Stretching.").wait_for()
    assert form.get_by_label("One thing that would help (optional)").input_value() == (
        "Fewer meetings"
    )
    form.locator("fieldset", has_text="Stretching").get_by_label("4").check()
    shoot(page, "health-pulse-form")
    form.get_by_role("button", name="Send anonymously").click()
    page.get_by_text("is stored without your name").wait_for()
    assert page.evaluate("window.notReloaded") is True
    answer = PulseAnswer.objects.get()
    assert (answer.focus, answer.stretching, answer.comment) == (4, 4, "Fewer meetings")
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "health-pulse-phone")


def test_the_health_page_at_desktop_and_phone_widths(page, live_server, world, lively):
    sign_in(page, live_server, "admin@acme.test")
    page.goto(f"{live_server.url}/health/?cycle={lively.pk}")
    page.get_by_role("heading", name="OKR health").wait_for()
    assert "check-in coverage" in page.inner_text("main").lower()
    page.get_by_text("2 comments for").click()
    assert "Fewer meetings" in page.locator("#pulse").inner_text()
    shoot(page, "health-desktop")
    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "health-phone")
