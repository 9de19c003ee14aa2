"""Fixtures of the reminder tests: a fixed moment, e-mail in memory and a real chat receiver."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from okrs.objectives.actions import record_check_in
from tests.receiver import Receiver
from tests.receiver import closed_port_url as closed_port

# Six weeks into world.quarter (2027-Q1, active); the p-okr window is 14 days.
NOW = timezone.make_aware(datetime(2027, 2, 15, 12, 0))
TODAY = "2027-02-15"


def days_ago(days: float) -> datetime:
    """Return the moment that many days before NOW."""
    return NOW - timedelta(days=days)


def check_in(key_result, days: float, person=None, value=None):
    """Record a check-in on the key result that many days before NOW."""
    value = key_result.start if value is None else value
    return record_check_in(key_result, value, 6, author=person, at=days_ago(days))


def remind(*args) -> tuple[str, str]:
    """Run `okrs remind` as on TODAY and return what it printed on stdout and stderr."""
    out, err = StringIO(), StringIO()
    call_command("remind", "--today", TODAY, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def chat():
    """Return a running chat receiver; it is stopped after the test."""
    running = Receiver(
        "/services/T000/B000/XXXX", ok_status=200, ok_body=b"ok", error_body=b"invalid_payload"
    )
    yield running
    running.stop()


@pytest.fixture
def closed_port_url():
    """Return a loopback URL where nothing listens, so connecting is refused."""
    return closed_port(path="/hooks/nobody-home")


@pytest.fixture
def mailbox(settings):
    """Keep sent e-mail in django.core.mail.outbox and give links a known base URL."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.BASE_URL = "https://okrs.acme.test"
    settings.DEFAULT_FROM_EMAIL = "okrs@acme.test"


@pytest.fixture
def growth(world):
    """Return Growth's active objective; its two key results have never been checked in."""
    return world.objective()
