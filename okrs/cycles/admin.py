"""Django admin for cycles."""

from django.contrib import admin

from okrs.cycles.models import Cycle


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "start", "end", "state", "parent", "organization"]
    list_filter = ["kind", "state", "organization"]
    search_fields = ["name"]
    list_select_related = ["parent", "organization"]
