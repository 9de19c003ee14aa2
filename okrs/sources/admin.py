"""The data sources of key results in Django's admin; secrets stay sealed or hashed."""

from django.contrib import admin

from okrs.sources.models import Push, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """A key result's source and how its last reads went."""

    list_display = ("name", "kind", "schedule", "key_result", "last_read_at", "failures_in_row")
    list_filter = ("kind", "schedule")
    search_fields = ("name", "url")
    readonly_fields = ("auth_header_sealed",)
    raw_id_fields = ("key_result",)


@admin.register(Push)
class PushAdmin(admin.ModelAdmin):
    """A reading pushed to a source, kept for its idempotency key."""

    list_display = ("source", "value", "received_at", "idempotency_key")
    raw_id_fields = ("source",)
