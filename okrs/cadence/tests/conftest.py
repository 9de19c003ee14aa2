"""Helpers of the cadence tests: cycles scheduled at a chosen moment."""

from datetime import UTC, datetime

import pytest

from okrs.cadence.actions import schedule_cycle
from okrs.cadence.models import CadenceEvent

# 2027-Q1 is still planned from here: its planning opens on 18 December 2026.
BEFORE_Q1 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def scheduled(cycle, now=BEFORE_Q1):
    """Schedule the cycle from scratch as of the moment, whatever create_cycle did already."""
    CadenceEvent.objects.filter(cycle=cycle).delete()
    return schedule_cycle(cycle, now)


@pytest.fixture
def quarter(world):
    """Return Acme's 2027-Q1, scheduled as of December 2026."""
    scheduled(world.quarter)
    return world.quarter
