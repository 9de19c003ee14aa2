"""Django admin for reminder settings, the reminders sent and the quick links used."""

from django.contrib import admin

from okrs.reminders.models import ReminderLog, ReminderSettings, UsedLink


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(admin.ModelAdmin):
    list_display = ["organization", "enabled", "chat_webhook_url", "last_run_at"]
    list_filter = ["enabled"]
    list_select_related = ["organization"]
    readonly_fields = ["last_run_at"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "channel", "person", "team", "organization"]
    list_filter = ["channel", "organization"]
    list_select_related = ["person", "team", "organization"]
    raw_id_fields = ["person", "team"]


@admin.register(UsedLink)
class UsedLinkAdmin(admin.ModelAdmin):
    list_display = ["used_at", "person", "key_result", "organization"]
    list_select_related = ["person", "key_result", "organization"]
    raw_id_fields = ["person", "key_result", "check_in"]
    readonly_fields = ["used_at"]
