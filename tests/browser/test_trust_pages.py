"""An admin deletes an objective, finds it in Deleted OKRs, restores it and reads its history."""

import pytest

from okrs.objectives.models import Objective
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_delete_restore_and_history_in_the_browser(page, live_server, world):
    objective = world.objective(title="Win the hearts of young donors")
    sign_in(page, live_server, "admin@acme.test")
    page.goto(f"{live_server.url}/objectives/{objective.pk}/")
    page.get_by_text("Delete this objective").click()
    page.get_by_role("button", name="Delete").click()
    assert not Objective.objects.filter(pk=objective.pk).exists()

    page.goto(f"{live_server.url}/trash/")
    assert page.get_by_text("Win the hearts of young donors").is_visible()
    shoot(page, "trash")
    page.get_by_role("button", name="Restore").first.click()
    page.wait_for_load_state()
    assert Objective.objects.filter(pk=objective.pk).exists()

    page.goto(f"{live_server.url}/objectives/{objective.pk}/history/")
    text = page.inner_text("main")
    assert "Ada Admin deleted the objective" in text
    assert "Ada Admin restored the objective" in text
    shoot(page, "objective-history")


def test_the_account_page_offers_sign_out_everywhere(page, live_server, world):
    sign_in(page, live_server, "alice@acme.test")
    page.get_by_role("link", name="Your account").click()
    assert page.get_by_role("button", name="Sign out everywhere").is_visible()
    shoot(page, "account")
