"""Calendar feeds: the secret .ics address, and getting or replacing it on the cadence page."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from okrs import clock
from okrs.cadence.actions import create_feed, renew_feed
from okrs.cadence.feeds import calendar_document, feed_events
from okrs.cadence.models import CalendarFeed
from okrs.cadence.permissions import can_edit_organization_cadence, can_renew_feed
from okrs.organizations.access import organization_required
from okrs.organizations.models import Organization, Person, Team
from okrs.organizations.permissions import writable_team_ids


@dataclass
class FeedItem:
    """A calendar address on the cadence page: whose events, its live feed, who may replace it."""

    team: Team | None
    feed: CalendarFeed | None
    can_renew: bool

    def key(self) -> str:
        """Return the id of the item's element on the page."""
        return f"feed-team-{self.team.pk}" if self.team else "feed-organization"

    def label(self) -> str:
        """Return whose events the feed serves."""
        return self.team.name if self.team else "Whole organisation"


def feed_items(person: Person, organization: Organization, teams: list[Team]) -> list[FeedItem]:
    """Return the organisation's feed and the teams' feeds, in two queries."""
    live = {
        feed.team_id: feed
        for feed in CalendarFeed.objects.of(organization).filter(revoked_at__isnull=True)
    }
    writable = writable_team_ids(person)
    items = [FeedItem(None, live.get(None), can_edit_organization_cadence(person))]
    for team in teams:
        may = not person.is_read_only() and (writable is None or team.pk in writable)
        items.append(FeedItem(team, live.get(team.pk), may))
    return items


def _answer(request, item: FeedItem, renewed: bool = False):
    if request.htmx:
        return render(request, "cadence/_feed.html", {"item": item, "renewed": renewed})
    return redirect("cadence")


@require_POST
@organization_required
def feed_new(request):
    """Give the organisation or a team a calendar address (anyone in the organisation may)."""
    organization = request.organization
    team = None
    if request.POST.get("team"):
        team = get_object_or_404(Team.objects.of(organization), pk=request.POST["team"])
    feed = create_feed(organization, team, created_by=request.user)
    item = FeedItem(team, feed, can_renew_feed(request.user, feed))
    return _answer(request, item)


@require_POST
@organization_required
def feed_renew(request, pk):
    """Replace a calendar address: the old one stops answering at once."""
    feed = get_object_or_404(
        CalendarFeed.objects.of(request.organization).select_related("team"),
        pk=pk,
        revoked_at__isnull=True,
    )
    if not can_renew_feed(request.user, feed):
        raise PermissionDenied("Only those who may write the team replace its calendar address.")
    fresh = renew_feed(feed, created_by=request.user)
    return _answer(request, FeedItem(feed.team, fresh, True), renewed=True)


@require_safe
def calendar(request, token):
    """Serve a feed's events as iCalendar; an unknown or replaced address is 404."""
    feed = (
        CalendarFeed.objects.select_related("organization", "team")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
    if feed is None:
        raise Http404("No such calendar.")
    document = calendar_document(feed, feed_events(feed, clock.now()))
    response = HttpResponse(document, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="okrs-cadence.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
