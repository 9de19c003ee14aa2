"""A failing source shows its error, waits for its next slot and tells its owner after three."""

from datetime import timedelta

from okrs import clock as okrs_clock
from okrs.sources.pull import pull_due

from .conftest import http_source


def test_three_failures_in_a_row_tell_the_owner_once(answers, signatures, clock, mailbox):
    source = http_source(signatures, answers.base + "/gone", schedule="hourly")
    for hour in range(4):
        clock.move_to(okrs_clock.now() + timedelta(hours=1) * (hour > 0))
        summary = pull_due(okrs_clock.now())
        assert summary.failed == 1
        assert summary.told == (1 if hour == 2 else 0)
    source.refresh_from_db()
    assert source.failures_in_row == 4
    assert source.last_error.endswith("answered HTTP 404 Not Found.")
    assert len(mailbox.messages) == 1
    assert mailbox.envelopes[0][1] == ["alice@acme.test"]  # Growth's lead
    assert "failed 3 times in a row" in mailbox.text()


def test_a_failure_waits_for_the_next_slot(answers, signatures):
    source = http_source(signatures, answers.base + "/gone", schedule="daily")
    now = okrs_clock.now()
    pull_due(now)
    assert pull_due(now + timedelta(minutes=1)).failed == 0
    source.refresh_from_db()
    assert source.next_pull_at > now + timedelta(hours=1)


def test_a_success_clears_the_failures(answers, signatures, clock):
    source = http_source(signatures, answers.base + "/search/issues", schedule="hourly")
    answers.routes["/search/issues"], good = (500, b"oops", {}), answers.routes["/search/issues"]
    pull_due(okrs_clock.now())
    answers.routes["/search/issues"] = good
    clock.move_to(okrs_clock.now() + timedelta(hours=1))
    pull_due(okrs_clock.now())
    source.refresh_from_db()
    assert (source.failures_in_row, source.last_error, source.last_value) == (0, "", 42)


def test_three_failures_are_posted_to_the_organisations_chat(answers, signatures, clock, mailbox):
    from okrs.reminders.models import ReminderSettings
    from tests.receiver import Receiver

    chat = Receiver("/services/T000/B000/XXXX", ok_status=200, ok_body=b"ok")
    try:
        ReminderSettings.objects.create(
            organization=signatures.organization, chat_webhook_url=chat.url
        )
        http_source(signatures, answers.base + "/gone", schedule="hourly", name="Nightly count")
        for hour in range(3):
            clock.move_to(okrs_clock.now() + timedelta(hours=1) * (hour > 0))
            pull_due(okrs_clock.now())
        assert len(chat.requests) == 1
        text = chat.json()["text"]
        assert "'Nightly count'" in text and "failed 3 times in a row" in text
    finally:
        chat.stop()
