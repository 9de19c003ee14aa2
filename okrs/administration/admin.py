"""The administration's rows in Django admin, for the platform's operators."""

from django.contrib import admin

from okrs.administration.models import PeopleImport


@admin.register(PeopleImport)
class PeopleImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "organization", "uploaded_by", "uploaded_at"]
    list_filter = ["organization"]
    list_select_related = ["organization", "uploaded_by"]
    exclude = ["content"]
