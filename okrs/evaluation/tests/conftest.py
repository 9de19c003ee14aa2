"""Fixtures of the review and evaluation tests: check-ins at known dates."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from okrs.objectives.actions import record_check_in


def at(day: date, hour: int = 10) -> datetime:
    """Return an aware moment on the day."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def check_in(key_result, value, confidence, day: date, author=None):
    """Record a check-in on the key result at ten o'clock on the day."""
    return record_check_in(key_result, value, confidence, author=author, at=at(day))


@pytest.fixture
def growth_objective(world):
    """Return Growth's objective in 2027-Q1: signatures 20,000 -> 100,000 and wait 9 -> 3 days."""
    return world.objective()


@pytest.fixture
def signatures(growth_objective):
    """Return the signatures key result."""
    return growth_objective.key_results.get(position=0)


@pytest.fixture
def wait_time(growth_objective):
    """Return the wait time key result."""
    return growth_objective.key_results.get(position=1)
