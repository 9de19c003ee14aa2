"""Cadence settings, the scheduled OKR events of each cycle, and their calendar feeds."""

import secrets
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from okrs.cycles.models import Cycle
from okrs.domain.cadence import EVENT_NAMES, EVENT_PURPOSES, WEEKDAY_NAMES, EventKind
from okrs.organizations.models import Team, TenantModel

WEEKDAY_CHOICES = list(enumerate(WEEKDAY_NAMES))
RHYTHM_FIELDS = (
    "check_in_days",
    "check_in_weekday",
    "check_in_time",
    "check_in_minutes",
    "review_months",
    "time_zone",
)
DAILY_FIELDS = ("daily_alignment", "daily_weekdays", "daily_time", "daily_minutes")
TEAM_FIELDS = RHYTHM_FIELDS + DAILY_FIELDS
ORGANIZATION_FIELDS = (*TEAM_FIELDS, "planning_weeks")


class CadenceSettings(TenantModel):
    """The organisation's cadence (no team) or one team's override; empty fields inherit."""

    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="cadence_settings"
    )
    check_in_days = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(56)]
    )
    check_in_weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=WEEKDAY_CHOICES
    )
    check_in_time = models.TimeField(null=True, blank=True)
    check_in_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    review_months = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    planning_weeks = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(8)]
    )
    daily_alignment = models.BooleanField(null=True, blank=True)
    daily_weekdays = models.CharField(
        max_length=7, blank=True, help_text="Weekday digits, 0 Monday to 6 Sunday, e.g. 01234."
    )
    daily_time = models.TimeField(null=True, blank=True)
    daily_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(5), MaxValueValidator(120)]
    )
    time_zone = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "cadence settings"
        verbose_name_plural = "cadence settings"
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(team__isnull=True),
                name="one_cadence_per_organization",
            ),
            models.UniqueConstraint(
                fields=["organization", "team"],
                condition=models.Q(team__isnull=False),
                name="one_cadence_per_team",
            ),
        ]

    def __str__(self) -> str:
        return f"Cadence of {self.team or self.organization}"

    def overrides(self) -> dict:
        """Return the values set here, by cadence setting name, ready for the domain."""
        names = TEAM_FIELDS if self.team_id else ORGANIZATION_FIELDS
        values = {name: getattr(self, name) for name in names}
        values["daily_weekdays"] = tuple(int(d) for d in self.daily_weekdays)
        return {k: v for k, v in values.items() if v is not None and v not in ("", ())}

    def has_own_rhythm(self) -> bool:
        """Return whether the team holds its own check-ins and reviews, not the organisation's."""
        return any(getattr(self, name) not in (None, "") for name in RHYTHM_FIELDS)


class CadenceEvent(TenantModel):
    """One scheduled OKR event of a cycle, for the whole organisation or for one team."""

    KIND_CHOICES = [(kind.value, EVENT_NAMES[kind]) for kind in EventKind]

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="cadence_events")
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cadence_events",
        help_text="Empty for an organisation-wide event.",
    )
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    slot = models.CharField(
        max_length=40, help_text="Where the cadence put it, e.g. check-in:2027-01-19."
    )
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    time_zone = models.CharField(max_length=64, default="UTC")
    notes = models.TextField(blank=True)
    location = models.CharField(max_length=300, blank=True, help_text="A room or a video link.")
    edited = models.BooleanField(
        default=False, help_text="Changed by hand: rescheduling leaves it as it is."
    )
    sequence = models.PositiveIntegerField(default=0, help_text="Times its time has changed.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["organization", "cycle", "starts_at"], name="cadence_event_when"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "slot"],
                condition=models.Q(team__isnull=True),
                name="one_organization_event_per_slot",
            ),
            models.UniqueConstraint(
                fields=["cycle", "team", "slot"],
                condition=models.Q(team__isnull=False),
                name="one_team_event_per_slot",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="cadence_event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        """Return the address of the event's page."""
        return reverse("cadence-event", args=[self.pk])

    def full_url(self) -> str:
        """Return the event page's address with the site's base URL, for calendars and e-mail."""
        return settings.BASE_URL + self.get_absolute_url()

    def zone(self) -> ZoneInfo:
        """Return the time zone the event was scheduled in."""
        return ZoneInfo(self.time_zone)

    def first_day(self) -> date:
        """Return the local date the event starts on."""
        return timezone.localtime(self.starts_at, self.zone()).date()

    def last_day(self) -> date:
        """Return the local date the event ends on (the day before the end of an all-day event)."""
        ends = timezone.localtime(self.ends_at, self.zone()).date()
        return ends - timedelta(days=1) if self.all_day else ends

    def purpose(self) -> str:
        """Return what the event is for, in the practice's words."""
        return EVENT_PURPOSES[EventKind(self.kind)]

    def kind_name(self) -> str:
        """Return the event's name in the practice."""
        return EVENT_NAMES[EventKind(self.kind)]


def new_feed_token() -> str:
    """Return a fresh, unguessable calendar feed token."""
    return secrets.token_urlsafe(32)


class CalendarFeed(TenantModel):
    """A secret address serving the cadence of the organisation or of one team as iCalendar."""

    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(team__isnull=True, revoked_at__isnull=True),
                name="one_live_organization_feed",
            ),
            models.UniqueConstraint(
                fields=["organization", "team"],
                condition=models.Q(team__isnull=False, revoked_at__isnull=True),
                name="one_live_team_feed",
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar of {self.team or self.organization}"

    def path(self) -> str:
        """Return the feed's path on this site."""
        return reverse("cadence-calendar", args=[self.token])

    def url(self) -> str:
        """Return the address calendar apps subscribe to."""
        return settings.BASE_URL + self.path()

    def webcal_url(self) -> str:
        """Return the address with the webcal scheme, which opens calendar apps directly."""
        return "webcal://" + self.url().split("://", 1)[1]
