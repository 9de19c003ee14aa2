"""`okrs remind`: one e-mail per person with due key results, never twice in a window."""

import re

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError

from okrs.organizations.actions import add_person, join_team
from okrs.reminders.actions import update_reminder_settings
from okrs.reminders.links import read_token
from okrs.reminders.models import ReminderLog, ReminderSettings, UsedLink
from okrs.reminders.tests.conftest import NOW, check_in, remind

LINK = re.compile(r"https://okrs\.acme\.test/reminders/check-in/([^/\s\"]+)/")


def test_dry_run_prints_what_it_would_send_and_sends_and_stores_nothing(
    world, growth, mailbox, chat
):
    update_reminder_settings(world.org, True, chat.url)
    out, err = remind("--dry-run")
    assert out.splitlines() == [
        "Acme Water (acme), 2027-02-15 12:00 UTC: would send 1 e-mail and 1 chat message.",
        "E-mail to Alice Doe <alice@acme.test>",
        "  Subject: [Acme Water] 2 key results due a check-in",
        "  - Grow petition signatures from 20,000 to 100,000 (Growth; last check-in: never)"
        " + quick check-in link",
        "  - Reduce wait time from 9 to 3 days (Growth; last check-in: never)"
        " + quick check-in link",
        "Chat message to 127.0.0.1 about Growth:",
        "  | Growth: 2 key results due a check-in (none in the last 14 days)",
        "  | • Grow petition signatures from 20,000 to 100,000 (last check-in: never)",
        "  | • Reduce wait time from 9 to 3 days (last check-in: never)",
        "  | Responsible: Alice Doe",
        "  | Check in: https://okrs.acme.test/reminders/teams/growth/",
        "Dry run: nothing was sent and nothing was stored.",
    ]
    assert err == ""
    assert mail.outbox == []
    assert chat.requests == []
    assert not ReminderLog.objects.exists()
    assert not UsedLink.objects.exists()
    assert ReminderSettings.objects.get(organization=world.org).last_run_at is None


def test_dry_run_without_settings_stores_none(world, growth, mailbox):
    out, _ = remind("--dry-run")
    assert "would send 1 e-mail and 0 chat messages." in out
    assert not ReminderSettings.objects.exists()


def test_send_mails_each_person_their_due_key_results_with_quick_links(world, growth, mailbox):
    support = world.objective(team=world.support, title="Make support a joy")
    out, err = remind()
    assert out == "Acme Water: sent 2 e-mails and 0 chat messages.\n"
    assert err == ""
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"alice@acme.test", "bob@acme.test"}
    alice = by_recipient["alice@acme.test"]
    assert alice.subject == "[Acme Water] 2 key results due a check-in"
    assert alice.from_email == "okrs@acme.test"
    assert "Grow petition signatures from 20,000 to 100,000" in alice.body
    assert "Make support a joy" not in alice.body
    assert "Growth (no check-in in the last 14 days)" in alice.body
    assert "https://okrs.acme.test/reminders/\n" in alice.body
    tokens = LINK.findall(alice.body)
    links = [read_token(token) for token in tokens]
    assert {link.person_id for link in links} == {world.alice.pk}
    assert sorted(link.key_result_id for link in links) == sorted(
        growth.key_results.values_list("pk", flat=True)
    )
    html, mime = alice.alternatives[0]
    assert mime == "text/html"
    assert sorted(LINK.findall(html)) == sorted(tokens)
    bob_links = [read_token(t) for t in LINK.findall(by_recipient["bob@acme.test"].body)]
    assert {link.key_result_id for link in bob_links} == set(
        support.key_results.values_list("pk", flat=True)
    )


def test_send_records_what_went_out_and_the_run(world, growth, mailbox):
    remind()
    [log] = ReminderLog.objects.all()
    assert (log.channel, log.person, log.team, log.sent_at) == ("email", world.alice, None, NOW)
    assert log.key_result_ids == sorted(growth.key_results.values_list("pk", flat=True))
    assert ReminderSettings.objects.get(organization=world.org).last_run_at == NOW


def test_nobody_is_reminded_twice_within_the_window(world, growth, mailbox):
    remind()
    assert len(mail.outbox) == 1
    out, _ = remind()
    assert out == "Acme Water: sent 0 e-mails and 0 chat messages.\n"
    remind("--today", "2027-02-28")
    assert len(mail.outbox) == 1
    remind("--today", "2027-03-01")
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.count() == 2


def test_a_new_due_key_result_is_reminded_even_after_a_recent_reminder(world, growth, mailbox):
    remind()
    support = world.objective(team=world.growth, title="A second objective")
    remind()
    assert len(mail.outbox) == 2
    second = mail.outbox[1]
    assert second.subject == "[Acme Water] 2 key results due a check-in"
    ids = {read_token(t).key_result_id for t in LINK.findall(second.body)}
    assert ids == set(support.key_results.values_list("pk", flat=True))


def test_someone_who_just_checked_in_is_not_reminded_about_that_key_result(world, growth, mailbox):
    carol = add_person(world.org, "carol@acme.test", "Carol Lee")
    join_team(carol, world.growth)
    first, second = growth.key_results.order_by("position")
    check_in(first, 1, world.alice)
    remind()
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@acme.test", "carol@acme.test"]
    for message in mail.outbox:
        assert message.subject == "[Acme Water] 1 key result due a check-in"
        assert {read_token(t).key_result_id for t in LINK.findall(message.body)} == {second.pk}
        assert first.title not in message.body


def test_everything_checked_in_means_no_e_mail_at_all(world, growth, mailbox):
    for key_result in growth.key_results.all():
        check_in(key_result, 2, world.alice)
    out, _ = remind()
    assert out == "Acme Water: sent 0 e-mails and 0 chat messages.\n"
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_stakeholders_and_people_with_nothing_due_get_nothing(world, growth, mailbox):
    join_team(world.sam, world.growth)
    remind()
    assert [m.to for m in mail.outbox] == [["alice@acme.test"]]


def test_switched_off_organisation_gets_nothing(world, growth, mailbox):
    update_reminder_settings(world.org, False, "")
    out, _ = remind()
    assert out == "Acme Water: reminders are switched off; nothing to do.\n"
    assert mail.outbox == []


def test_organization_option_reminds_only_that_organisation(world, growth, other_world, mailbox):
    out, _ = remind("--organization", "globex")
    assert out == "Globex: sent 1 e-mail and 0 chat messages.\n"
    assert [m.to for m in mail.outbox] == [["gina@globex.test"]]
    assert "Globex secret key result" in mail.outbox[0].body
    assert ReminderLog.objects.get().organization == other_world["org"]


def test_all_organisations_by_default_and_each_only_their_own(world, growth, other_world, mailbox):
    remind()
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert set(bodies) == {"alice@acme.test", "gina@globex.test"}
    assert "Globex" not in bodies["alice@acme.test"]
    assert "petition" not in bodies["gina@globex.test"]


def test_unknown_organization_and_bad_date_are_refused(world):
    with pytest.raises(CommandError, match="No organisation with the slug 'nope'"):
        remind("--organization", "nope")
    with pytest.raises(CommandError, match="is not a date"):
        remind("--today", "15/02/2027")


class FailingForBob(EmailBackend):
    """Keeps mail in memory but refuses anything addressed to Bob, like a bouncing server."""

    def send_messages(self, messages):
        if any("bob@acme.test" in message.to for message in messages):
            raise OSError("550 mailbox unavailable")
        return super().send_messages(messages)


def test_a_failing_e_mail_is_reported_and_the_others_still_go_out(world, growth, mailbox, settings):
    settings.EMAIL_BACKEND = "okrs.reminders.tests.test_remind_command.FailingForBob"
    world.objective(team=world.support, title="Make support a joy")
    out, err = remind()
    assert out == "Acme Water: sent 1 e-mail and 0 chat messages; 1 failure.\n"
    assert err == "Acme Water: the e-mail to bob@acme.test failed: 550 mailbox unavailable\n"
    assert [m.to for m in mail.outbox] == [["alice@acme.test"]]
    assert list(ReminderLog.objects.values_list("person__email", flat=True)) == ["alice@acme.test"]
