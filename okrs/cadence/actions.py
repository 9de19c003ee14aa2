"""Writes to the cadence: scheduling cycles, settings, event edits and calendar feeds."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from okrs import clock
from okrs.cadence.models import (
    ORGANIZATION_FIELDS,
    TEAM_FIELDS,
    CadenceEvent,
    CadenceSettings,
    CalendarFeed,
)
from okrs.cadence.permissions import can_choose_daily_alignment
from okrs.cadence.queries import Cadences
from okrs.cycles.models import Cycle
from okrs.domain.cadence import (
    ALL_KINDS,
    CYCLE_KINDS,
    RHYTHM_KINDS,
    CadenceError,
    EventKind,
    PlannedEvent,
    plan_cycle,
    validate_cadence,
    with_overrides,
)
from okrs.organizations.models import Organization, Person, Team

SCHEDULED_FIELDS = ("title", "starts_at", "ends_at", "all_day", "time_zone")
# Longer "quarters" (made through the API, say) get planning and evaluation only.
MAX_RHYTHM_DAYS = 366


def _moment(value: date | datetime, zone: ZoneInfo) -> datetime:
    """Return a planned start or end as an aware datetime; a date means its midnight."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0), tzinfo=zone)


def _event(cycle: Cycle, team: Team | None, planned: PlannedEvent, zone: ZoneInfo):
    title = f"{team.name}: {planned.title}" if team is not None else planned.title
    return CadenceEvent(
        organization_id=cycle.organization_id,
        cycle=cycle,
        team=team,
        kind=planned.kind.value,
        slot=planned.slot,
        title=title[:200],
        starts_at=_moment(planned.start, zone),
        ends_at=_moment(planned.end, zone),
        all_day=planned.all_day,
        time_zone=str(zone.key),
    )


def _plan(cycle: Cycle, team: Team | None, cadence, kinds) -> list[CadenceEvent]:
    """Return the events of one scope; a cycle the cadence cannot schedule gets none."""
    try:
        planned = plan_cycle(cycle.start, cycle.end, cadence, cycle.name, kinds)
    except CadenceError:
        return []
    return [_event(cycle, team, event, cadence.zone()) for event in planned]


def planned_events(cycle: Cycle, cadences: Cadences, teams: list[Team]) -> list[CadenceEvent]:
    """Return the cycle's events as the cadence plans them, unsaved."""
    quarterly = (
        cycle.kind == Cycle.Kind.QUARTER and (cycle.end - cycle.start).days <= MAX_RHYTHM_DAYS
    )
    # Annual and multi-year objectives are checked in and reviewed in their quarters' events.
    kinds = ALL_KINDS - {EventKind.DAILY_ALIGNMENT} if quarterly else CYCLE_KINDS
    events = _plan(cycle, None, cadences.base, kinds)
    if not quarterly:
        return events
    for team in teams:
        cadence = cadences.for_team(team.pk)
        team_kinds = set(RHYTHM_KINDS) if cadences.own_rhythm(team.pk) else set()
        if cadence.daily_alignment:
            team_kinds.add(EventKind.DAILY_ALIGNMENT)
        if team_kinds:
            events += _plan(cycle, team, cadence, team_kinds)
    return events


@transaction.atomic
def schedule_cycle(cycle: Cycle, now: datetime | None = None) -> list[CadenceEvent]:
    """Schedule the cycle's OKR events; re-running replaces the future ones not edited by hand."""
    now = now or clock.now()
    organization = cycle.organization
    cadences = Cadences.load(organization)
    teams = list(Team.objects.of(organization))
    wanted = {(e.team_id, e.slot): e for e in planned_events(cycle, cadences, teams)}
    existing = list(CadenceEvent.objects.filter(cycle=cycle))
    first_time = not existing
    kept, changed, stale = [], [], []
    for event in existing:
        planned = wanted.pop((event.team_id, event.slot), None)
        if event.edited or event.starts_at < now:
            kept.append(event)
        elif planned is None or planned.starts_at < now:
            stale.append(event.pk)
        else:
            if _reschedule(event, planned, now):
                changed.append(event)
            kept.append(event)
    # Past events are history: they are made only when the cycle is scheduled the first time.
    new = [e for e in wanted.values() if first_time or e.starts_at >= now]
    CadenceEvent.objects.filter(pk__in=stale).delete()
    CadenceEvent.objects.bulk_update(changed, [*SCHEDULED_FIELDS, "sequence", "updated_at"])
    created = CadenceEvent.objects.bulk_create(new)
    return sorted([*kept, *created], key=lambda e: (e.starts_at, e.slot))


def _reschedule(event: CadenceEvent, planned: CadenceEvent, now: datetime) -> bool:
    """Copy the planned time and title onto the event; return whether anything changed."""
    differs = [f for f in SCHEDULED_FIELDS if getattr(event, f) != getattr(planned, f)]
    if not differs:
        return False
    if {"starts_at", "ends_at", "all_day"} & set(differs):
        event.sequence += 1
    for name in differs:
        setattr(event, name, getattr(planned, name))
    event.updated_at = now
    return True


def reschedule_open_cycles(organization: Organization, now: datetime | None = None) -> int:
    """Schedule again every cycle of the organisation that has not ended or closed."""
    now = now or clock.now()
    cycles = Cycle.objects.of(organization).exclude(state=Cycle.State.CLOSED)
    count = 0
    for cycle in cycles.filter(end__gte=timezone.localdate(now)):
        schedule_cycle(cycle, now)
        count += 1
    return count


def _clean_settings(organization: Organization, row: CadenceSettings, values: dict) -> None:
    """Raise ValidationError when the values are not a cadence okrs can schedule."""
    if "time_zone" in values and values["time_zone"]:
        try:
            ZoneInfo(values["time_zone"])
        except (ZoneInfoNotFoundError, ValueError) as error:
            message = "Unknown time zone; use a name such as Europe/Berlin."
            raise ValidationError({"time_zone": message}) from error
    weekdays = values.get("daily_weekdays", "")
    if any(d not in "0123456" for d in weekdays):
        raise ValidationError({"daily_weekdays": "Weekdays run from 0 (Monday) to 6 (Sunday)."})
    for name, value in values.items():
        setattr(row, name, value)
    row.full_clean(exclude=["organization", "team"])
    cadences = Cadences.load(organization)
    base = cadences.base if row.team_id else cadences.defaults
    try:
        validate_cadence(with_overrides(base, row.overrides()))
    except CadenceError as error:
        raise ValidationError(str(error)) from error


def _save_settings(organization, team, values, allowed, now) -> CadenceSettings:
    """Store the organisation's or team's settings and reschedule the open cycles."""
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValidationError(f"Unknown cadence settings: {', '.join(sorted(unknown))}.")
    values = dict(values)
    if "daily_weekdays" in values:
        values["daily_weekdays"] = "".join(sorted({str(d) for d in values["daily_weekdays"] or ()}))
    if values.get("time_zone", "") is None:
        values["time_zone"] = ""
    row = (
        CadenceSettings.objects.select_for_update()
        .filter(organization=organization, team=team)
        .first()
    ) or CadenceSettings(organization=organization, team=team)
    _clean_settings(organization, row, values)
    row.save()
    reschedule_open_cycles(organization, now)
    return row


@transaction.atomic
def update_organization_cadence(
    organization: Organization, values: dict, now: datetime | None = None
) -> CadenceSettings:
    """Change the organisation's cadence (empty values follow the profile) and reschedule."""
    return _save_settings(organization, None, values, ORGANIZATION_FIELDS, now)


@transaction.atomic
def update_team_cadence(team: Team, values: dict, now: datetime | None = None) -> CadenceSettings:
    """Change a team's override (empty values follow the organisation) and reschedule."""
    organization = Organization.objects.get(pk=team.organization_id)
    return _save_settings(organization, team, values, TEAM_FIELDS, now)


@transaction.atomic
def edit_event(
    event: CadenceEvent,
    *,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    notes: str | None = None,
    location: str | None = None,
) -> CadenceEvent:
    """Change an event's time, notes or place by hand; rescheduling then leaves it alone."""
    moved = False
    if starts_at is not None or ends_at is not None:
        new_start = starts_at or event.starts_at
        new_end = ends_at or event.ends_at
        if new_end <= new_start:
            raise ValidationError({"ends_at": "The event must end after it starts."})
        moved = (new_start, new_end) != (event.starts_at, event.ends_at)
        event.starts_at, event.ends_at = new_start, new_end
    if notes is not None:
        event.notes = notes.strip()
    if location is not None:
        event.location = location.strip()
    event.full_clean(exclude=["organization", "cycle", "team"])
    if moved:
        event.sequence += 1
    event.edited = True
    event.save()
    return event


@transaction.atomic
def create_feed(
    organization: Organization, team: Team | None = None, created_by: Person | None = None
) -> CalendarFeed:
    """Return the live calendar feed of the organisation or team, creating it if needed."""
    if team is not None and team.organization_id != organization.id:
        raise ValidationError({"team": "The team belongs to another organisation."})
    live = (
        CalendarFeed.objects.select_for_update()
        .filter(organization=organization, team=team, revoked_at__isnull=True)
        .first()
    )
    return live or CalendarFeed.objects.create(
        organization=organization, team=team, created_by=created_by
    )


@transaction.atomic
def renew_feed(feed: CalendarFeed, created_by: Person | None = None) -> CalendarFeed:
    """Revoke the feed's address and return a new feed with a fresh one."""
    CalendarFeed.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(revoked_at=clock.now())
    return CalendarFeed.objects.create(
        organization_id=feed.organization_id, team_id=feed.team_id, created_by=created_by
    )


@transaction.atomic
def choose_daily_alignment(
    team: Team, on: bool, by: Person, now: datetime | None = None
) -> CadenceSettings:
    """Record the team's own choice to hold Daily Alignment or not, and reschedule its events.

    A member of the team decides; the organisation may only suggest it.
    """
    if not can_choose_daily_alignment(by, team):
        raise PermissionDenied(f"Only a member of {team} decides whether it holds Daily Alignment.")
    organization = Organization.objects.get(pk=team.organization_id)
    return _save_settings(organization, team, {"daily_alignment": on}, TEAM_FIELDS, now)
