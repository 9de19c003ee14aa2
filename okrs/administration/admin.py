"""The administration's rows in Django admin, for the platform's operators."""

from django.contrib import admin

from okrs.administration.models import Invitation, PeopleImport


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
