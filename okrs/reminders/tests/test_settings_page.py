"""Admins switch reminders on or off and set the chat webhook; nobody else may."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.reminders.actions import record_reminder, update_reminder_settings
from okrs.reminders.models import ReminderSettings
from okrs.reminders.tests.conftest import NOW, remind

URL = "/reminders/settings/"
HOOK = "https://hooks.slack.com/services/T000/B000/XXXX"


def test_admin_sees_the_defaults_before_anything_is_stored(client, world):
    response = signed_in(world.admin, client).get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"]["enabled"].value() is True
    assert "Not run yet" in content and "No reminders sent yet." in content
    assert '<label for="id_chat_webhook_url">' in content


def test_admin_saves_the_settings(client, world):
    response = signed_in(world.admin, client).post(URL, {"chat_webhook_url": HOOK})
    assert response.status_code == 302 and response.url == URL
    stored = ReminderSettings.objects.get()
    assert (stored.organization, stored.enabled, stored.chat_webhook_url) == (
        world.org,
        False,
        HOOK,
    )
    client.post(URL, {"enabled": "on", "chat_webhook_url": ""})
    stored.refresh_from_db()
    assert (stored.enabled, stored.chat_webhook_url) == (True, "")


def test_a_bad_webhook_url_keeps_what_was_typed_and_says_why(client, world):
    response = signed_in(world.admin, client).post(
        URL, {"enabled": "on", "chat_webhook_url": "ftp://files.acme.test/hook"}
    )
    content = response.content.decode()
    assert response.status_code == 422
    assert 'value="ftp://files.acme.test/hook"' in content
    assert "Enter an http(s):// URL." in content
    assert not ReminderSettings.objects.exists()


@pytest.mark.parametrize("persona", ["alice", "bob", "sam"])
def test_only_admins_may_change_the_settings(client, world, persona):
    signed_in(getattr(world, persona), client)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"chat_webhook_url": HOOK}).status_code == 403
    assert not ReminderSettings.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_each_organisation_edits_only_its_own_settings(client, world, other_world):
    update_reminder_settings(world.org, True, HOOK)
    signed_in(other_world["person"], client).post(URL, {"chat_webhook_url": ""})
    assert ReminderSettings.objects.get(organization=world.org).enabled is True
    assert ReminderSettings.objects.get(organization=world.org).chat_webhook_url == HOOK
    assert ReminderSettings.objects.get(organization=other_world["org"]).enabled is False
    content = client.get(URL).content.decode()
    assert HOOK not in content


def test_the_last_run_and_recent_reminders_are_shown(client, world, growth, mailbox):
    remind()
    content = signed_in(world.admin, client).get(URL).content.decode()
    assert "15 Feb 2027, 12:00" in content
    assert "Alice Doe" in content and "alice@acme.test" in content


def test_settings_page_queries_do_not_grow_with_reminders(client, world, growth):
    signed_in(world.admin, client)
    record_reminder(world.org, "email", [1], NOW, person=world.alice)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _ in range(5):
        record_reminder(world.org, "email", [1, 2], NOW, person=world.bob)
        record_reminder(world.org, "chat", [1, 2], NOW, team=world.growth)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert len(response.context["recent"]) == 11
    assert len(few) == len(many) == 4
