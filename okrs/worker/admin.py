"""Django admin for the scheduled jobs' state (the operators' view; admins have Background jobs)."""

from django.contrib import admin

from okrs.worker.models import ScheduledJob


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    list_display = ["name", "last_started_at", "last_outcome", "next_run_at", "runs"]
    list_filter = ["last_outcome"]
    readonly_fields = ["last_enqueued_at", "last_started_at", "last_finished_at", "runs"]
