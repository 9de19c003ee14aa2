"""Django admin for KPIs and their measurements."""

from django.contrib import admin

from okrs.kpis.models import KPI, KPIResponse, Measurement


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    fields = ["value", "measured_at", "note", "organization"]


@admin.register(KPI)
class KPIAdmin(admin.ModelAdmin):
    list_display = ["name", "team", "lower_bound", "upper_bound", "latest_value", "organization"]
    list_filter = ["organization"]
    search_fields = ["name"]
    list_select_related = ["team", "organization"]
    autocomplete_fields = ["team"]
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["kpi", "value", "measured_at", "organization"]
    list_filter = ["organization"]
    list_select_related = ["kpi", "organization"]
    autocomplete_fields = ["kpi"]
    date_hierarchy = "measured_at"


@admin.register(KPIResponse)
class KPIResponseAdmin(admin.ModelAdmin):
    list_display = ["kpi", "objective", "created_at", "organization"]
    list_filter = ["organization"]
    list_select_related = ["kpi", "objective", "organization"]
    autocomplete_fields = ["kpi", "objective"]
