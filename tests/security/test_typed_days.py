"""Days typed on the pages (an event's, a review's) lie within 1970-01-01..2200-12-31.

At each end they are taken and the calendar feed still renders; beyond, the field says the range
and nothing changes. An all-day event ending on 9999-12-31 once answered 500.
"""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from okrs.cadence.actions import create_feed
from okrs.cadence.models import CadenceEvent
from okrs.evaluation.models import Review


@pytest.fixture
def admin(world):
    """Return a client signed in as Ada, the admin."""
    client = Client()
    assert client.login(username=world.admin.email, password=PASSWORD)
    return client


def _event(world, all_day: bool) -> CadenceEvent:
    event = CadenceEvent.objects.filter(cycle=world.quarter, all_day=all_day).first()
    assert event is not None
    return event


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1969-12-31", "2201-01-01"])
@pytest.mark.parametrize("all_day", [True, False])
def test_an_event_day_outside_the_range_is_refused(world, admin, day, all_day):
    event = _event(world, all_day)
    before = (event.starts_at, event.ends_at)
    body = {"day": day, "last_day": day, "starts": "10:00", "ends": "11:00"}
    response = admin.post(reverse("cadence-event-time", args=[event.pk]), body)

    assert response.status_code == 422
    assert "1970-01-01..2200-12-31" in response.content.decode()
    event.refresh_from_db()
    assert (event.starts_at, event.ends_at) == before


@pytest.mark.parametrize("day", ["1970-01-01", "2200-12-31"])
def test_an_event_at_each_end_of_the_range_is_taken_and_the_feed_renders(world, admin, day):
    for all_day in (True, False):
        event = _event(world, all_day)
        body = {"day": day, "last_day": day, "starts": "00:00", "ends": "23:59"}
        response = admin.post(reverse("cadence-event-time", args=[event.pk]), body)
        assert response.status_code in (200, 302)
    feed = create_feed(world.org, created_by=world.admin)
    calendar = admin.get(reverse("cadence-calendar", args=[feed.token]))
    assert calendar.status_code == 200
    assert "BEGIN:VEVENT" in calendar.content.decode()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_review_day_outside_the_range_is_refused(world, admin, day):
    body = {"team": world.growth.pk, "cycle": world.quarter.pk, "held_on": day}
    response = admin.post(reverse("evaluation:review-new"), body)

    assert response.status_code == 422
    assert "1970-01-01..2200-12-31" in response.content.decode()
    assert not Review.objects.exists()
