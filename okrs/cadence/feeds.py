"""The iCalendar (RFC 5545) document of a calendar feed."""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event

from okrs.cadence.models import CadenceEvent, CalendarFeed
from okrs.cadence.queries import Cadences, followed_events

PRODID = "-//okrs//OKR cadence//EN"
HISTORY = timedelta(days=180)


def feed_events(feed: CalendarFeed, now: datetime) -> list[CadenceEvent]:
    """Return the events the feed serves: from half a year ago on, in time order."""
    if feed.team_id is None:
        events = CadenceEvent.objects.of(feed.organization).filter(team__isnull=True)
        events = events.select_related("team", "cycle")
    else:
        events = followed_events(Cadences.load(feed.organization), [feed.team_id])
    return list(events.filter(ends_at__gte=now - HISTORY).order_by("starts_at", "id"))


def feed_name(feed: CalendarFeed) -> str:
    """Return the name calendar apps show for the feed."""
    owner = feed.team.name if feed.team_id else feed.organization.name
    return f"{owner} · OKR cadence"


def event_uid(event: CadenceEvent) -> str:
    """Return the event's UID, the same in every feed and after every reschedule."""
    host = urlsplit(settings.BASE_URL).hostname or "okrs"
    return f"cadence-event-{event.pk}@{host}"


def _description(event: CadenceEvent) -> str:
    parts = [event.purpose()]
    if event.notes:
        parts.append(f"Notes:\n{event.notes}")
    parts.append(event.full_url())
    return "\n\n".join(parts)


def _vevent(event: CadenceEvent) -> Event:
    vevent = Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", event.updated_at)
    vevent.add("created", event.created_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("sequence", event.sequence)
    if event.all_day:
        vevent.add("dtstart", event.first_day())
        vevent.add("dtend", event.last_day() + timedelta(days=1))
    else:
        vevent.add("dtstart", event.starts_at)
        vevent.add("dtend", event.ends_at)
    vevent.add("summary", event.title)
    vevent.add("description", _description(event))
    vevent.add("url", event.full_url())
    vevent.add("categories", [event.kind_name()])
    vevent.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    if event.location:
        vevent.add("location", event.location)
    return vevent


def calendar_document(feed: CalendarFeed, events: list[CadenceEvent]) -> bytes:
    """Return the feed's events as an iCalendar document."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", feed_name(feed))
    calendar.add("x-wr-calname", feed_name(feed))
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for event in events:
        calendar.add_component(_vevent(event))
    return calendar.to_ical()
