"""One message per team to a real Slack/Teams-style incoming webhook; failures never crash."""

from django.core import mail

from okrs.objectives.actions import add_key_result
from okrs.reminders.actions import update_reminder_settings
from okrs.reminders.chat import post_to_chat
from okrs.reminders.models import ReminderLog, ReminderSettings
from okrs.reminders.tests.conftest import NOW, remind


def test_each_team_gets_one_message_with_a_text_body(world, growth, mailbox, chat):
    world.objective(team=world.support, title="Make support a joy")
    update_reminder_settings(world.org, True, chat.url)
    out, err = remind()
    assert out == "Acme Water: sent 2 e-mails and 2 chat messages.\n"
    assert err == ""
    assert [r["path"] for r in chat.requests] == ["/services/T000/B000/XXXX"] * 2
    assert {r["headers"]["Content-Type"] for r in chat.requests} == {"application/json"}
    bodies = [chat.json(0), chat.json(1)]
    assert [set(body) for body in bodies] == [{"text"}, {"text"}]
    assert bodies[0]["text"] == "\n".join(
        [
            "Growth: 2 key results due a check-in (none in the last 14 days)",
            "• Grow petition signatures from 20,000 to 100,000 (last check-in: never)",
            "• Reduce wait time from 9 to 3 days (last check-in: never)",
            "Responsible: Alice Doe",
            "Check in: https://okrs.acme.test/reminders/teams/growth/",
        ]
    )
    assert bodies[1]["text"].startswith("Support: 2 key results due a check-in")
    assert "Responsible: Bob Roe" in bodies[1]["text"]
    logs = ReminderLog.objects.filter(channel="chat").order_by("team__name")
    assert [(log.team, log.sent_at) for log in logs] == [(world.growth, NOW), (world.support, NOW)]


def test_team_messages_are_not_repeated_within_the_window(world, growth, mailbox, chat):
    update_reminder_settings(world.org, True, chat.url)
    remind()
    remind()
    remind("--today", "2027-02-22")
    assert len(chat.requests) == 1
    remind("--today", "2027-03-01")
    assert len(chat.requests) == 2


def test_slack_markup_characters_are_escaped(world, growth, mailbox, chat):
    add_key_result(growth, "Grow R&D <pilot> users from 1 to 5", start=1, target=5)
    update_reminder_settings(world.org, True, chat.url)
    remind()
    assert (
        "• Grow R&amp;D &lt;pilot&gt; users from 1 to 5 (last check-in: never)"
        in (chat.json()["text"])
    )


def test_a_chat_answering_500_is_reported_and_the_run_goes_on(world, growth, mailbox, chat):
    world.objective(team=world.support, title="Make support a joy")
    update_reminder_settings(world.org, True, chat.url)
    chat.answers = [500]
    out, err = remind()
    assert out == "Acme Water: sent 2 e-mails and 1 chat message; 1 failure.\n"
    assert err == (
        "Acme Water: the chat message about Growth failed: HTTP 500 Internal Server Error\n"
    )
    assert len(mail.outbox) == 2
    assert [log.team for log in ReminderLog.objects.filter(channel="chat")] == [world.support]
    assert ReminderSettings.objects.get().last_run_at == NOW


def test_a_failed_chat_message_is_tried_again_on_the_next_run(world, growth, mailbox, chat):
    update_reminder_settings(world.org, True, chat.url)
    chat.answers = [500]
    remind()
    out, err = remind()
    assert out == "Acme Water: sent 0 e-mails and 1 chat message.\n"
    assert err == ""
    assert len(chat.requests) == 2
    assert len(mail.outbox) == 1


def test_a_chat_nobody_listens_on_is_reported_without_crashing(
    world, growth, mailbox, closed_port_url
):
    update_reminder_settings(world.org, True, closed_port_url)
    out, err = remind()
    assert out == "Acme Water: sent 1 e-mail and 0 chat messages; 1 failure.\n"
    assert err.startswith("Acme Water: the chat message about Growth failed: could not connect")
    assert len(mail.outbox) == 1
    assert not ReminderLog.objects.filter(channel="chat").exists()


def test_post_to_chat_returns_nothing_when_taken_and_the_error_otherwise(chat, closed_port_url):
    assert post_to_chat(chat.url, {"text": "hello"}) == ""
    assert chat.json() == {"text": "hello"}
    chat.answers = [404]
    assert post_to_chat(chat.url, {"text": "again"}) == "HTTP 404 Not Found"
    assert post_to_chat(closed_port_url, {"text": "x"}).startswith("could not connect")
    assert post_to_chat("not a url", {"text": "x"}) == (
        "not sent: only http:// and https:// URLs with a host name are sent to"
    )


def test_no_webhook_means_e_mail_only(world, growth, mailbox, chat):
    remind()
    assert chat.requests == []
    assert not ReminderLog.objects.filter(channel="chat").exists()
    assert len(mail.outbox) == 1
