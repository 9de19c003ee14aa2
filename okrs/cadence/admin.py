"""Django admin for cadence settings, events and calendar feeds."""

from django.contrib import admin

from okrs.cadence.models import CadenceEvent, CadenceSettings, CalendarFeed


@admin.register(CadenceSettings)
class CadenceSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organization", "team", "check_in_days", "daily_alignment"]
    list_filter = ["organization"]
    list_select_related = ["organization", "team"]


@admin.register(CadenceEvent)
class CadenceEventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "cycle", "team", "starts_at", "edited", "organization"]
    list_filter = ["kind", "edited", "organization"]
    search_fields = ["title", "notes"]
    list_select_related = ["cycle", "team", "organization"]
    readonly_fields = ["slot", "sequence", "created_at", "updated_at"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organization", "team", "created_at", "revoked_at"]
    list_filter = ["organization"]
    list_select_related = ["organization", "team"]
    readonly_fields = ["token", "created_at"]
    raw_id_fields = ["created_by"]
