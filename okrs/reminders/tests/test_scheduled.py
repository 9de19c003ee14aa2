"""Reminders from the worker: each team at its own check-in day and time, once a window."""

from datetime import datetime, timedelta

from django.core import mail

from okrs.cadence.actions import update_team_cadence
from okrs.reminders.actions import update_reminder_settings
from okrs.reminders.scheduled import remind_due


def local(world, day: int, hour: int, minute: int = 0) -> datetime:
    """Return a moment of February 2027 in Acme's time zone."""
    return datetime(2027, 2, day, hour, minute, tzinfo=world.org.zone())


def recipients() -> set[str]:
    """Return who was e-mailed so far."""
    return {message.to[0] for message in mail.outbox}


def test_a_team_is_reminded_at_its_check_in_time_not_before(world, growth, mailbox, clock):
    # The profile's cadence: Tuesdays at 10:00; 16 February 2027 is a Tuesday.
    before = local(world, 16, 9, 59)
    clock.move_to(before)
    assert remind_due(before) == {"e-mails": 0, "chat messages": 0, "failures": 0}
    at_ten = local(world, 16, 10, 5)
    clock.move_to(at_ten)
    assert remind_due(at_ten) == {"e-mails": 1, "chat messages": 0, "failures": 0}
    assert recipients() == {"alice@acme.test"}
    later = at_ten + timedelta(minutes=15)
    assert remind_due(later)["e-mails"] == 0  # not twice in the check-in window


def test_a_team_with_its_own_check_in_day_waits_for_it(world, growth, mailbox, clock):
    update_team_cadence(world.support, {"check_in_weekday": 3})  # Thursdays
    world.objective(team=world.support, title="Make support a joy")
    tuesday = local(world, 16, 10, 5)
    clock.move_to(tuesday)
    remind_due(tuesday)
    assert recipients() == {"alice@acme.test"}
    thursday = local(world, 18, 10, 5)
    clock.move_to(thursday)
    assert remind_due(thursday)["e-mails"] == 1
    assert recipients() == {"alice@acme.test", "bob@acme.test"}


def test_a_worker_that_was_down_at_check_in_time_reminds_within_a_day(
    world, growth, mailbox, clock
):
    next_morning = local(world, 17, 9, 0)
    clock.move_to(next_morning)
    assert remind_due(next_morning)["e-mails"] == 1


def test_more_than_a_day_after_check_in_time_waits_for_the_next_one(world, growth, mailbox, clock):
    two_days_late = local(world, 18, 10, 30)
    clock.move_to(two_days_late)
    assert remind_due(two_days_late)["e-mails"] == 0
    next_tuesday = local(world, 23, 10, 0)
    clock.move_to(next_tuesday)
    assert remind_due(next_tuesday)["e-mails"] == 1


def test_switched_off_reminders_send_nothing_at_check_in_time(world, growth, mailbox, clock):
    update_reminder_settings(world.org, False, "")
    at_ten = local(world, 16, 10, 5)
    clock.move_to(at_ten)
    assert remind_due(at_ten)["e-mails"] == 0
    assert mail.outbox == []
