"""The administration's rows in Django admin, for the platform's operators."""

from django.contrib import admin

from okrs.administration.models import (
    Invitation,
    PeopleImport,
    ProvisionedPerson,
    ProvisionedTeam,
    ScimToken,
)


@admin.register(PeopleImport)
class PeopleImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "organization", "uploaded_by", "uploaded_at"]
    list_filter = ["organization"]
    list_select_related = ["organization", "uploaded_by"]
    exclude = ["content"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "invited_by", "created_at", "accepted_at"]
    list_filter = ["organization", "role"]
    list_select_related = ["organization", "invited_by"]
    exclude = ["token_hash", "replaced_token_hash"]


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
