"""Django admin for API tokens: see and revoke, never the key."""

from django.contrib import admin

from okrs.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "person",
        "hint",
        "created_at",
        "last_used_at",
        "revoked_at",
        "organization",
    ]
    list_filter = ["organization"]
    list_select_related = ["person", "organization"]
    search_fields = ["name", "person__email"]
    readonly_fields = ["person", "hint", "key_hash", "created_at", "last_used_at", "organization"]
    fields = ["name", "person", "hint", "created_at", "last_used_at", "revoked_at", "organization"]

    def has_add_permission(self, request):
        """Tokens are created by their person, who alone sees the key once."""
        return False
