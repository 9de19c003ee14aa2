"""An admin installs the Slack app and gives Growth a channel; Alice asks for the weekly digest."""

import pytest

from okrs.chat.models import ChatInstallation, DigestPreference, TeamChannel
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_installs_the_chat_app_in_the_browser(page, live_server, world):
    sign_in(page, live_server, "admin@acme.test")
    page.goto(f"{live_server.url}/administration/")
    nav = page.get_by_role("navigation", name="Administration")
    nav.get_by_role("link", name="Chat app").click()
    page.wait_for_url("**/administration/chat/")
    assert "Not installed" in page.inner_text("main")
    page.get_by_label("Workspace (team) id").fill("T0ACME")
    page.get_by_label("Signing secret").fill("8f742231b10e8888abcd99yyyzzz85a5")
    page.get_by_label("Bot token").fill("xoxb-17653672481")
    page.get_by_role("button", name="Install").click()
    page.wait_for_load_state()
    installation = ChatInstallation.objects.get()
    main = page.inner_text("main")
    assert f"/chat/{installation.key}/command/" in main
    assert "8f742231" not in page.content()
    page.get_by_label("Channel id of Growth").fill("C0GROWTH")
    page.get_by_label("Channel id of Growth").press("Enter")
    page.wait_for_load_state()
    assert TeamChannel.objects.get().channel_id == "C0GROWTH"
    shoot(page, "administration-chat-app")


def test_a_person_asks_for_the_weekly_digest_on_their_account_page(page, live_server, world):
    sign_in(page, live_server, "alice@acme.test")
    page.goto(f"{live_server.url}/settings/account/")
    page.get_by_label("E-mail me the weekly digest").check()
    page.get_by_role("region", name="Weekly digest").get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "You will get the weekly digest by e-mail." in page.inner_text("main")
    assert DigestPreference.objects.get(person=world.alice).weekly_email
    shoot(page, "account-weekly-digest")
