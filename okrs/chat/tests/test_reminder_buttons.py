"""The team reminder in the chat carries the same check-in buttons while the app is installed."""

from io import StringIO

import pytest
from django.core.management import call_command

from okrs.chat.actions import uninstall_chat_app
from okrs.chat.tests.slack import button_click, interaction, signed_headers
from okrs.reminders.actions import update_reminder_settings
from tests.receiver import Receiver


@pytest.fixture
def webhook():
    """Return a running stand-in for a Slack incoming webhook."""
    running = Receiver("/services/T0ACME/B000/XXXX", ok_status=200, ok_body=b"ok")
    yield running
    running.stop()


def remind():
    """Run `okrs remind` six weeks into 2027-Q1; return what it printed."""
    out = StringIO()
    call_command("remind", "--today", "2027-02-15", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_reminder_has_a_button_per_key_result_and_it_opens_the_dialog(
    client, installed, growth, webhook, slack, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    update_reminder_settings(installed.organization, True, webhook.url)
    assert "1 chat message" in remind()
    body = webhook.json()
    assert body["text"].startswith("Growth: 2 key results due a check-in")
    accessories = [b["accessory"] for b in body["blocks"] if "accessory" in b]
    assert [(a["action_id"], a["value"]) for a in accessories] == [
        ("okrs_check_in", str(kr.pk)) for kr in growth.key_results.order_by("position")
    ]
    assert "Grow petition signatures from 20,000 to 100,000" in body["blocks"][1]["text"]["text"]

    click = interaction(button_click("UALICE", accessories[0]["value"]))
    url = f"/chat/{installed.key}/interaction/"
    response = client.post(
        url, click, content_type="application/x-www-form-urlencoded", **signed_headers(click)
    )
    assert response.status_code == 200
    assert "Grow petition signatures" in str(slack.calls("views.open")[0]["view"])


def test_without_the_app_the_reminder_is_text_only(installed, growth, webhook, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    uninstall_chat_app(installed.organization)
    update_reminder_settings(installed.organization, True, webhook.url)
    remind()
    assert set(webhook.json()) == {"text"}
