"""Calendar feeds: secret iCalendar addresses per organisation and team, parsed back in tests."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from conftest import signed_in
from okrs.cadence.actions import (
    create_feed,
    edit_event,
    renew_feed,
    update_organization_cadence,
    update_team_cadence,
)
from okrs.cadence.models import CadenceEvent, CalendarFeed
from okrs.cadence.tests.conftest import BEFORE_Q1, scheduled
from okrs.cycles.actions import create_cycle
from okrs.organizations.actions import create_team

HTMX = {"HTTP_HX_REQUEST": "true"}


def fetch(client, feed):
    response = client.get(reverse("cadence-calendar", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(v["UID"]): v for v in calendar.walk("VEVENT")}


def by_summary(calendar, summary):
    return [v for v in calendar.walk("VEVENT") if str(v["SUMMARY"]) == summary]


def test_the_organisation_feed_is_a_valid_calendar_of_its_events(client, world, quarter):
    feed = create_feed(world.org)

    calendar = fetch(client, feed)

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//okrs//OKR cadence//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Acme Water · OKR cadence"
    events = CadenceEvent.objects.filter(organization=world.org, team__isnull=True)
    assert events.filter(cycle=quarter).count() == 10
    found = vevents(calendar)
    assert set(found) == {f"cadence-event-{e.pk}@127.0.0.1" for e in events}
    for vevent in found.values():
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL"):
            assert prop in vevent, prop


def test_timed_events_carry_times_and_all_day_events_dates(client, world, quarter):
    calendar = fetch(client, create_feed(world.org))

    planning = by_summary(calendar, "OKR Planning for 2027-Q1")[0]
    assert planning["DTSTART"].dt == date(2026, 12, 18)
    assert planning["DTEND"].dt == date(2027, 1, 1)
    assert planning["DTSTART"].params.get("VALUE") == "DATE"
    first = min(by_summary(calendar, "OKR Check-in"), key=lambda v: v["DTSTART"].dt)
    assert first["DTSTART"].dt == datetime(2027, 1, 19, 10, 0, tzinfo=UTC)
    assert first["DTEND"].dt == datetime(2027, 1, 19, 10, 30, tzinfo=UTC)


def test_each_event_links_to_its_page_and_describes_its_purpose(client, world, quarter, settings):
    settings.BASE_URL = "https://okrs.acme.test"
    review = CadenceEvent.objects.get(cycle=quarter, slot="review:1", team=None)
    edit_event(review, notes="Invite the water board", location="Board room")

    found = vevents(fetch(client, create_feed(world.org)))[
        f"cadence-event-{review.pk}@okrs.acme.test"
    ]

    assert str(found["URL"]) == f"https://okrs.acme.test/cadence/events/{review.pk}/"
    assert "assess their confidence" in str(found["DESCRIPTION"])
    assert "Invite the water board" in str(found["DESCRIPTION"])
    assert str(found["LOCATION"]) == "Board room"


def test_uids_stay_the_same_when_the_cadence_moves_an_event(client, world, quarter):
    feed = create_feed(world.org)
    review = CadenceEvent.objects.get(cycle=quarter, slot="review:2", team=None)
    uid = f"cadence-event-{review.pk}@127.0.0.1"
    before = vevents(fetch(client, feed))[uid]

    update_organization_cadence(world.org, {"check_in_weekday": 3}, now=BEFORE_Q1)

    after = vevents(fetch(client, feed))[uid]
    assert before["DTSTART"].dt == datetime(2027, 2, 23, 10, 0, tzinfo=UTC)
    assert after["DTSTART"].dt == datetime(2027, 2, 25, 10, 0, tzinfo=UTC)
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 1)


def test_a_team_feed_has_the_teams_own_events_and_the_organisations_it_keeps(
    client, world, quarter
):
    update_team_cadence(world.growth, {"check_in_days": 7, "daily_alignment": True}, BEFORE_Q1)

    calendar = fetch(client, create_feed(world.org, world.growth))

    summaries = {str(v["SUMMARY"]) for v in calendar.walk("VEVENT")}
    # Saving the override scheduled the annual cycle too: its planning and evaluation show.
    assert summaries == {
        "OKR Planning for 2027",
        "OKR Evaluation of 2027",
        "OKR Planning for 2027-Q1",
        "Growth: OKR Check-in",
        "Growth: OKR Review",
        "Growth: Daily Alignment",
        "OKR Evaluation of 2027-Q1",
    }
    assert str(calendar["X-WR-CALNAME"]) == "Growth · OKR cadence"


def test_the_organisation_feed_leaves_out_team_events(client, world, quarter):
    update_team_cadence(world.growth, {"daily_alignment": True}, now=BEFORE_Q1)

    calendar = fetch(client, create_feed(world.org))

    assert not any("Growth" in str(v["SUMMARY"]) for v in calendar.walk("VEVENT"))


def test_events_ended_more_than_half_a_year_ago_are_left_out(client, world):
    old = create_cycle(world.org, "2025-Q1", date(2025, 1, 1), date(2025, 3, 31))
    scheduled(old, now=datetime(2025, 1, 1, tzinfo=UTC))
    recent = create_cycle(world.org, "2026-Q3", date(2026, 7, 1), date(2026, 9, 30))
    scheduled(recent, now=datetime(2026, 7, 1, tzinfo=UTC))

    summaries = {str(v["SUMMARY"]) for v in fetch(client, create_feed(world.org)).walk("VEVENT")}

    assert "OKR Evaluation of 2026-Q3" in summaries
    assert "OKR Evaluation of 2025-Q1" not in summaries


def test_an_unknown_token_is_404(client, world, quarter):
    create_feed(world.org)

    assert client.get(reverse("cadence-calendar", args=["not-a-real-token"])).status_code == 404


def test_a_new_url_revokes_the_old_one(client, world, quarter):
    old = create_feed(world.org)

    new = renew_feed(old)

    assert new.token != old.token
    assert client.get(reverse("cadence-calendar", args=[old.token])).status_code == 404
    assert client.get(reverse("cadence-calendar", args=[new.token])).status_code == 200
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).get() == new


def test_asking_for_a_feed_twice_gives_the_same_address(world):
    assert create_feed(world.org, world.growth) == create_feed(world.org, world.growth)
    assert create_feed(world.org) != create_feed(world.org, world.growth)


def test_anyone_in_the_organisation_gets_the_address_on_the_cadence_page(client, world, quarter):
    sam = signed_in(world.sam, client)
    assert "Get a calendar address" in sam.get(reverse("cadence")).content.decode()

    response = sam.post(reverse("cadence-feed-new"), {"team": ""}, **HTMX)

    assert response.status_code == 200
    feed = CalendarFeed.objects.get(team=None)
    content = response.content.decode()
    assert f'value="http://127.0.0.1:8000/cadence/calendar/{feed.token}.ics"' in content
    assert "New URL" not in content
    assert feed.token in sam.get(reverse("cadence")).content.decode()


def test_a_team_member_replaces_the_teams_address_in_place(client, world, quarter):
    old = create_feed(world.org, world.growth)
    alice = signed_in(world.alice, client)

    response = alice.post(reverse("cadence-feed-renew", args=[old.pk]), **HTMX)

    assert response.status_code == 200
    fresh = CalendarFeed.objects.get(team=world.growth, revoked_at__isnull=True)
    assert fresh.token in response.content.decode() and old.token not in response.content.decode()
    old.refresh_from_db()
    assert old.revoked_at is not None


@pytest.mark.parametrize("person", ["bob", "sam"])
def test_others_cannot_replace_a_teams_address(client, world, quarter, person):
    feed = create_feed(world.org, world.growth)

    response = signed_in(getattr(world, person), client).post(
        reverse("cadence-feed-renew", args=[feed.pk])
    )

    assert response.status_code == 403
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_only_admins_and_okr_leaders_replace_the_organisations_address(client, world):
    feed = create_feed(world.org)

    assert (
        signed_in(world.alice, client)
        .post(reverse("cadence-feed-renew", args=[feed.pk]))
        .status_code
        == 403
    )
    response = signed_in(world.admin, client).post(reverse("cadence-feed-renew", args=[feed.pk]))
    assert response.status_code == 302
    feed.refresh_from_db()
    assert feed.revoked_at is not None


def test_another_organisations_feed_cannot_be_replaced_or_asked_for(client, world, other_world):
    theirs = create_feed(other_world["org"], other_world["team"])
    admin = signed_in(world.admin, client)

    assert admin.post(reverse("cadence-feed-renew", args=[theirs.pk])).status_code == 404
    response = admin.post(reverse("cadence-feed-new"), {"team": other_world["team"].pk})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert not CalendarFeed.objects.filter(organization=world.org).exists()


def test_a_feed_serves_only_its_own_organisation(client, world, quarter, other_world):
    scheduled(other_world["cycle"])

    calendar = fetch(client, create_feed(world.org))

    assert {e.organization_id for e in CadenceEvent.objects.all()} == {
        world.org.pk,
        other_world["org"].pk,
    }
    ours = CadenceEvent.objects.filter(organization=world.org, team__isnull=True)
    assert len(calendar.walk("VEVENT")) == ours.count() >= 10


def test_feed_queries_do_not_grow_with_events_or_objectives(client, world, quarter):
    feed = create_feed(world.org, world.growth)
    world.objective()
    with CaptureQueriesContext(connection) as few:
        fetch(client, feed)
    for n in range(4):
        world.objective(title=f"Objective number {n}")
        create_team(world.org, f"Squad {n}", "tactical", world.marketing)
    update_team_cadence(world.growth, {"daily_alignment": True}, now=BEFORE_Q1)
    with CaptureQueriesContext(connection) as many:
        calendar = fetch(client, feed)

    assert len(calendar.walk("VEVENT")) > 60
    assert len(many) == len(few)


def test_a_moved_planning_window_keeps_whole_days(client, world, quarter):
    planning = CadenceEvent.objects.get(cycle=quarter, slot="planning")
    edit_event(
        planning,
        starts_at=planning.starts_at - timedelta(days=7),
        ends_at=planning.ends_at,
    )

    found = by_summary(fetch(client, create_feed(world.org)), "OKR Planning for 2027-Q1")[0]

    assert (found["DTSTART"].dt, found["DTEND"].dt) == (date(2026, 12, 11), date(2027, 1, 1))
