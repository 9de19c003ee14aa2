"""Django admin for provisioning: SCIM tokens (see and revoke, never the key) and their links."""

from django.contrib import admin

from okrs.administration.models import ProvisionedPerson, ProvisionedTeam, ScimToken


@admin.register(ScimToken)
class ScimTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "hint", "created_at", "last_used_at", "revoked_at", "organization"]
    list_filter = ["organization"]
    list_select_related = ["organization"]
    search_fields = ["name"]
    readonly_fields = ["hint", "created_by", "created_at", "last_used_at", "organization"]
    fields = [
        "name",
        "hint",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "organization",
    ]

    def has_add_permission(self, request):
        """Tokens are made by an admin of the organisation, who alone sees the key once."""
        return False


@admin.register(ProvisionedPerson)
class ProvisionedPersonAdmin(admin.ModelAdmin):
    list_display = ["person", "external_id", "given_name", "family_name", "organization"]
    list_filter = ["organization"]
    list_select_related = ["person", "organization"]
    search_fields = ["person__email", "external_id"]
    raw_id_fields = ["person"]


@admin.register(ProvisionedTeam)
class ProvisionedTeamAdmin(admin.ModelAdmin):
    list_display = ["team", "external_id", "released_at", "organization"]
    list_filter = ["organization"]
    list_select_related = ["team", "organization"]
    search_fields = ["team__name", "external_id"]
    raw_id_fields = ["team"]
