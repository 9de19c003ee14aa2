"""The one place okrs reads the wall clock: the current moment and today's date."""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def now() -> datetime:
    """Return the current moment, time-zone aware."""
    return timezone.now()


def today() -> date:
    """Return today's date in the configured time zone (the system's without settings)."""
    if settings.configured:
        return timezone.localdate()
    return date.today()


def timestamp() -> float:
    """Return the current moment as seconds since the epoch."""
    return now().timestamp()
