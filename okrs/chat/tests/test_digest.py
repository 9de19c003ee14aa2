"""The weekly digest: an e-mail to each person who asked, a message to each team channel, once."""

import re
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from okrs.chat.actions import set_digest_preference, set_team_channel
from okrs.chat.digest import send_weekly_digests, week_of
from okrs.chat.models import DigestLog
from okrs.objectives.actions import record_check_in
from tests.mailbox import Mailbox

NOW = timezone.make_aware(datetime(2027, 2, 17, 9, 0))  # a Wednesday, seven weeks into 2027-Q1


@pytest.fixture
def mailbox(settings):
    """Run an SMTP receiver and point Django's SMTP backend at it."""
    box = Mailbox()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", box.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.BASE_URL = "http://testserver"
    settings.DEFAULT_FROM_EMAIL = "okrs@acme.test"
    yield box
    box.stop()


@pytest.fixture
def week(world, growth, clock):
    """Growth's week: signatures moved from 20,000 to 30,000 three days ago; wait time never."""
    clock.move_to(NOW)
    signatures = growth.key_results.get(position=0)
    record_check_in(signatures, 30000, 4, author=world.alice, at=NOW - timedelta(days=3))
    return growth


def test_no_one_gets_an_email_unless_they_asked(world, week, mailbox):
    summary = send_weekly_digests(NOW)
    assert (summary.emails, summary.chats) == (0, 0)
    assert mailbox.messages == []


def test_a_person_who_asked_gets_what_moved_needs_attention_and_is_due(
    world, week, mailbox, client
):
    set_digest_preference(world.alice, True)
    summary = send_weekly_digests(NOW)
    assert (summary.emails, summary.failures) == (1, [])
    message = mailbox.messages[0]
    assert message["To"] == "alice@acme.test"
    assert message["Subject"] == "[Acme Water] Your OKRs this week"
    text = mailbox.text().replace("\r\n", "\n")
    moved = text.split("What moved this week:\n")[1].split("\n\n")[0]
    assert (
        moved
        == "- Grow petition signatures from 20,000 to 100,000: from 20,000 to 30,000 (1 check-in)"
    )
    attention = text.split("Needs your attention:\n")[1].split("\n\n")[0]
    assert "- Reduce wait time from 9 to 3 days (" in attention
    due = text.split("Due a check-in")[1]
    assert "- Reduce wait time from 9 to 3 days: now –, last check-in never" in due
    assert "Grow petition signatures" not in due  # checked in three days ago
    link = re.search(r"Check in: http://testserver(/reminders/check-in/\S+/)", due).group(1)
    page = client.get(link)
    assert page.status_code == 200
    assert "Reduce wait time" in page.content.decode()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "What moved this week" in html


def test_a_person_gets_no_digest_of_other_teams(world, week, mailbox):
    set_digest_preference(world.bob, True)  # Support has no OKRs: nothing to say
    summary = send_weekly_digests(NOW)
    assert (summary.emails, summary.nothing_to_say) == (0, 1)
    assert mailbox.messages == []


def test_the_digest_goes_out_once_a_week_however_often_it_runs(world, week, mailbox, clock):
    set_digest_preference(world.alice, True)
    send_weekly_digests(NOW)
    again = send_weekly_digests(NOW + timedelta(days=2))  # Friday, same week
    assert (again.emails, again.already_sent) == (0, 1)
    assert len(mailbox.messages) == 1
    clock.move_to(NOW + timedelta(days=6))
    assert send_weekly_digests(NOW + timedelta(days=6)).emails == 1  # Tuesday of the next week
    assert len(mailbox.messages) == 2
    assert list(DigestLog.objects.values_list("week", flat=True).order_by("week")) == [
        week_of(NOW),
        week_of(NOW + timedelta(days=6)),
    ]


def test_a_person_who_switched_it_off_gets_nothing(world, week, mailbox):
    set_digest_preference(world.alice, True)
    set_digest_preference(world.alice, False)
    assert send_weekly_digests(NOW).emails == 0


def test_a_team_channel_gets_the_digest_by_default_with_buttons(world, week, installed, slack):
    channel = set_team_channel(world.growth, "C0GROWTH", weekly_digest=True)
    assert channel.weekly_digest
    summary = send_weekly_digests(NOW)
    assert (summary.chats, summary.failures) == (1, [])
    posted = slack.calls("chat.postMessage")[0]
    assert posted["channel"] == "C0GROWTH"
    assert posted["text"].startswith("Growth: the week in OKRs")
    assert "from 20,000 to 30,000" in posted["text"]
    buttons = [b["accessory"]["value"] for b in posted["blocks"] if "accessory" in b]
    assert buttons == [str(week.key_results.get(position=1).pk)]
    assert send_weekly_digests(NOW).chats == 0


def test_a_team_channel_with_the_digest_off_gets_nothing(world, week, installed, slack):
    set_team_channel(world.growth, "C0GROWTH", weekly_digest=False)
    assert send_weekly_digests(NOW).chats == 0
    assert slack.calls("chat.postMessage") == []


def test_a_failed_chat_message_is_reported_and_sent_on_the_next_run(world, week, installed, slack):
    set_team_channel(world.growth, "C0GROWTH", weekly_digest=True)
    slack.failing["chat.postMessage"] = "not_in_channel"
    failed = send_weekly_digests(NOW)
    assert failed.failures == ["the digest of Growth failed: chat.postMessage: not_in_channel"]
    del slack.failing["chat.postMessage"]
    assert send_weekly_digests(NOW).chats == 1


def test_the_send_digest_command_says_what_it_sent(world, week, mailbox):
    set_digest_preference(world.alice, True)
    out = StringIO()
    call_command("send-digest", stdout=out)
    assert out.getvalue() == (
        "1 e-mail(s) and 0 chat message(s) sent; 0 already sent this week; "
        "0 with nothing to say; 0 failed.\n"
    )
    assert len(mailbox.messages) == 1


def test_the_week_s_digest_waits_for_monday_morning_where_the_organisation_is(world):
    from okrs.chat.digest import is_too_early

    monday_night = datetime(2027, 2, 22, 3, 0, tzinfo=world.org.zone())
    monday_morning = datetime(2027, 2, 22, 7, 30, tzinfo=world.org.zone())
    assert is_too_early(monday_night, world.org)
    assert not is_too_early(monday_morning, world.org)
    assert not is_too_early(monday_night + timedelta(days=1), world.org)
