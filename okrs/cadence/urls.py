"""Routes of the cadence pages."""

from django.urls import path

from okrs.cadence.views import calendar, daily_alignment, events, feeds, settings_page

urlpatterns = [
    path("", calendar.cadence, name="cadence"),
    path("schedule/", calendar.schedule, name="cadence-schedule"),
    path("events/<int:pk>/", events.event_detail, name="cadence-event"),
    path("events/<int:pk>/notes/", events.event_notes, name="cadence-event-notes"),
    path("events/<int:pk>/time/", events.event_time, name="cadence-event-time"),
    path("settings/", settings_page.cadence_settings, name="cadence-settings"),
    path(
        "settings/organization/",
        settings_page.organization_settings,
        name="cadence-organization-settings",
    ),
    path("settings/teams/<slug:slug>/", settings_page.team_settings, name="cadence-team-settings"),
    path(
        "teams/<slug:slug>/daily-alignment/",
        daily_alignment.team_daily_alignment,
        name="cadence-team-daily-alignment",
    ),
    path("feeds/", feeds.feed_new, name="cadence-feed-new"),
    path("feeds/<int:pk>/renew/", feeds.feed_renew, name="cadence-feed-renew"),
    path("calendar/<str:token>.ics", feeds.calendar, name="cadence-calendar"),
]
