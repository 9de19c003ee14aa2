"""Django admin for chat installations (never their secrets), team channels and digests."""

from django.contrib import admin

from okrs.chat.models import ChatInstallation, DigestLog, DigestPreference, TeamChannel


@admin.register(ChatInstallation)
class ChatInstallationAdmin(admin.ModelAdmin):
    list_display = ["organization", "platform", "workspace_id", "installed_at"]
    list_filter = ["platform"]
    list_select_related = ["organization"]
    fields = ["organization", "platform", "workspace_id", "api_url", "installed_at"]
    readonly_fields = ["organization", "installed_at"]


@admin.register(TeamChannel)
class TeamChannelAdmin(admin.ModelAdmin):
    list_display = ["team", "channel_id", "weekly_digest", "organization"]
    list_filter = ["weekly_digest"]
    list_select_related = ["team", "organization"]
    raw_id_fields = ["team"]


@admin.register(DigestPreference)
class DigestPreferenceAdmin(admin.ModelAdmin):
    list_display = ["person", "weekly_email", "organization"]
    list_filter = ["weekly_email"]
    list_select_related = ["person", "organization"]
    raw_id_fields = ["person"]


@admin.register(DigestLog)
class DigestLogAdmin(admin.ModelAdmin):
    list_display = ["week", "sent_at", "person", "team", "organization"]
    list_select_related = ["person", "team", "organization"]
    raw_id_fields = ["person", "team"]
