"""The cadence page: a cycle's events week by week, the next one first in mind."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from okrs import clock
from okrs.cadence.actions import schedule_cycle
from okrs.cadence.models import CadenceEvent
from okrs.cadence.permissions import can_edit_organization_cadence
from okrs.cadence.queries import Cadences, followed_events
from okrs.cadence.views.feeds import feed_items
from okrs.cycles.chosen import chosen_cycle
from okrs.cycles.models import Cycle
from okrs.domain.cadence import EventKind
from okrs.organizations.access import organization_required
from okrs.organizations.models import Membership, Team

ORGANIZATION_ONLY = "org"


@dataclass
class DailyRow:
    """One team's daily alignments in a week, shown as one line of days."""

    team: Team
    events: list[CadenceEvent] = field(default_factory=list)

    def has_next(self) -> bool:
        """Return whether the next event is one of these days."""
        return any(getattr(event, "is_next", False) for event in self.events)


@dataclass
class Week:
    """The events of one week, Monday to Sunday."""

    monday: date
    events: list[CadenceEvent] = field(default_factory=list)
    dailies: dict[int, DailyRow] = field(default_factory=dict)
    current: bool = False
    past: bool = False

    def daily_rows(self) -> list[DailyRow]:
        """Return the teams' daily alignments, by team name."""
        return sorted(self.dailies.values(), key=lambda row: row.team.name)


def weeks_of(events: list[CadenceEvent], now) -> list[Week]:
    """Group the events by the week they start in and mark the next one."""
    upcoming = [e for e in events if e.ends_at > now]
    if upcoming:
        upcoming[0].is_next = True
    today = timezone.localdate(now)
    this_monday = today - timedelta(days=today.weekday())
    weeks: dict[date, Week] = {}
    for event in events:
        day = event.first_day()
        monday = day - timedelta(days=day.weekday())
        week = weeks.setdefault(
            monday, Week(monday, current=monday == this_monday, past=monday < this_monday)
        )
        if event.kind == EventKind.DAILY_ALIGNMENT:
            week.dailies.setdefault(event.team_id, DailyRow(event.team)).events.append(event)
        else:
            week.events.append(event)
    return [weeks[monday] for monday in sorted(weeks)]


def _shown_teams(request, teams: list[Team], memberships: list[Membership]):
    """Return (choice, team ids) of whose events to show: mine, the organisation's or a team's."""
    wanted = request.GET.get("team", "")
    if wanted == ORGANIZATION_ONLY:
        return wanted, []
    if wanted:
        for team in teams:
            if str(team.pk) == wanted:
                return wanted, [team.pk]
        raise Http404("No such team.")
    return "", [m.team_id for m in memberships]


@organization_required
def cadence(request):
    """Show the chosen cycle's events for the organisation and the person's teams."""
    organization = request.organization
    cycles = list(Cycle.objects.of(organization))
    cycle = chosen_cycle(request, cycles)
    memberships = list(Membership.objects.filter(person=request.user).select_related("team"))
    teams = list(Team.objects.of(organization).order_by("name"))
    choice, team_ids = _shown_teams(request, teams, memberships)
    cadences = Cadences.load(organization)
    events = []
    if cycle is not None:
        events = list(followed_events(cadences, team_ids).filter(cycle=cycle))
    now = clock.now()
    by_id = {team.pk: team for team in teams}
    context = {
        "cycles": cycles,
        "cycle": cycle,
        "teams": teams,
        "choice": choice,
        "shown_teams": [by_id[pk] for pk in team_ids],
        "weeks": weeks_of(events, now),
        "next_event": next((e for e in events if getattr(e, "is_next", False)), None),
        "feeds": feed_items(request.user, organization, [by_id[pk] for pk in team_ids]),
        "may_schedule": cycle is not None and can_edit_organization_cadence(request.user),
        "has_events": bool(events),
    }
    return render(request, "cadence/cadence.html", context)


@require_POST
@organization_required
def schedule(request):
    """Schedule (again) the events of a cycle, e.g. one made before okrs kept a cadence."""
    if not can_edit_organization_cadence(request.user):
        raise PermissionDenied("Only admins and OKR leaders schedule cycles.")
    cycle = Cycle.objects.of(request.organization).filter(pk=request.POST.get("cycle")).first()
    if cycle is None:
        raise Http404("No such cycle.")
    schedule_cycle(cycle)
    return redirect(f"/cadence/?cycle={cycle.pk}")
