"""A chat webhook never makes okrs call its own network: refused when saved and when posted."""

import pytest
from django.core.exceptions import ValidationError

from conftest import PASSWORD
from okrs.reminders.actions import update_reminder_settings
from okrs.reminders.chat import post_to_chat
from okrs.reminders.models import ReminderLog, ReminderSettings
from okrs.reminders.tests.conftest import remind

URL = "/reminders/settings/"
OWN_NETWORK = "on the server's own network; okrs sends nothing there unless OKRS_OUTBOUND_ALLOW"


def test_a_chat_url_on_the_servers_own_network_is_refused_naming_the_address(world, settings):
    settings.OUTBOUND_ALLOW = []
    with pytest.raises(ValidationError) as refused:
        update_reminder_settings(world.org, True, "http://169.254.169.254/latest/meta-data/")
    assert refused.value.message_dict == {
        "chat_webhook_url": [
            f"Refused: 169.254.169.254 is a cloud metadata address, {OWN_NETWORK} allows it."
        ]
    }
    assert not ReminderSettings.objects.exists()


def test_the_settings_page_says_why_and_keeps_what_was_typed(client, world, settings):
    settings.OUTBOUND_ALLOW = []
    assert client.login(username=world.admin.email, password=PASSWORD)
    response = client.post(URL, {"enabled": "on", "chat_webhook_url": "http://localhost:8080/x"})
    content = response.content.decode()
    assert response.status_code == 422
    assert (
        "localhost (127.0.0.1) is a loopback address, on the server&#x27;s own network" in content
    )
    assert 'value="http://localhost:8080/x"' in content
    assert not ReminderSettings.objects.exists()


def test_reminders_can_be_switched_off_with_a_url_no_longer_allowed(world, chat, settings):
    update_reminder_settings(world.org, True, chat.url)
    settings.OUTBOUND_ALLOW = []
    stored = update_reminder_settings(world.org, False, chat.url)
    assert (stored.enabled, stored.chat_webhook_url) == (False, chat.url)


def test_a_chat_message_to_the_servers_own_network_is_not_sent(
    world, growth, mailbox, chat, settings
):
    update_reminder_settings(world.org, True, chat.url)  # saved while the operator allowed it
    settings.OUTBOUND_ALLOW = []
    out, err = remind()
    assert out == "Acme Water: sent 1 e-mail and 0 chat messages; 1 failure.\n"
    assert err == (
        "Acme Water: the chat message about Growth failed: not sent: "
        f"127.0.0.1 is a loopback address, {OWN_NETWORK} allows it\n"
    )
    assert chat.requests == []
    assert not ReminderLog.objects.filter(channel="chat").exists()


def test_post_to_chat_reaches_an_address_the_operator_allows(chat, settings):
    settings.OUTBOUND_ALLOW = []
    assert post_to_chat(chat.url, {"text": "hi"}).startswith("not sent: 127.0.0.1 is a loopback")
    settings.OUTBOUND_ALLOW = ["127.0.0.1"]
    assert post_to_chat(chat.url, {"text": "hi"}) == ""
    assert len(chat.requests) == 1
