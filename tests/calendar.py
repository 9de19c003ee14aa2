"""The dates the tests tell their stories on."""

import os
from datetime import UTC, date, datetime, time

# The session's calendar: `make test-dates` moves it to awkward dates; a test about a date travels.
DEFAULT_TODAY = date.fromisoformat(os.environ.get("OKRS_TEST_TODAY") or "2026-12-07")
# The day the Acme Water story is told on: three weeks before its quarter starts.
WORLD_TODAY = date(2026, 12, 7)


def at_ten(day: date) -> datetime:
    """Return ten in the morning (UTC) of the day: a moment a test can travel to."""
    return datetime.combine(day, time(10, 0), tzinfo=UTC)
