"""Django admin for objectives, key results, check-ins and alignment."""

from django.contrib import admin

from okrs.objectives.models import (
    Alignment,
    CheckIn,
    Contribution,
    DraftCoach,
    Initiative,
    KeyResult,
    KeyResultPlan,
    Objective,
    StatusOverride,
)


class KeyResultInline(admin.TabularInline):
    model = KeyResult
    fk_name = "objective"
    extra = 0
    fields = [
        "title",
        "type",
        "start",
        "target",
        "current",
        "unit",
        "direction",
        "weight",
        "organization",
    ]


class AlignmentInline(admin.TabularInline):
    model = Alignment
    fk_name = "child"
    extra = 0
    autocomplete_fields = ["parent"]
    verbose_name = "aligned to"


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["title", "team", "owner", "cycle", "status", "ambition", "organization"]
    list_filter = ["status", "ambition", "cycle", "organization"]
    search_fields = ["title", "description"]
    list_select_related = ["team", "owner", "cycle", "organization"]
    autocomplete_fields = ["team", "owner", "cycle"]
    inlines = [KeyResultInline, AlignmentInline]
    readonly_fields = ["version", "created_at", "updated_at"]


@admin.register(KeyResult)
class KeyResultAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "objective",
        "type",
        "start",
        "target",
        "current",
        "confidence",
        "organization",
    ]
    list_filter = ["type", "direction", "indicator", "kind", "organization"]
    search_fields = ["title"]
    list_select_related = ["objective", "organization"]
    autocomplete_fields = ["objective", "team", "linked_objective"]
    readonly_fields = ["confidence", "checked_in_at", "version", "created_at", "updated_at"]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["key_result", "value", "confidence", "author", "checked_in_at"]
    list_filter = ["organization"]
    search_fields = ["key_result__title", "progress_note", "problems_note", "plans_note"]
    list_select_related = ["key_result", "author"]
    autocomplete_fields = ["key_result", "author"]
    date_hierarchy = "checked_in_at"

    def has_add_permission(self, request):
        """Check-ins are made in the app, where they update the key result."""
        return False

    def has_change_permission(self, request, obj=None):
        """Check-ins are history: read-only here."""
        return False

    def has_delete_permission(self, request, obj=None):
        """Check-ins are history: kept."""
        return False


@admin.register(Alignment)
class AlignmentAdmin(admin.ModelAdmin):
    list_display = ["child", "parent", "organization"]
    list_select_related = ["child", "parent", "organization"]
    autocomplete_fields = ["child", "parent"]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["objective", "team", "organization"]
    list_select_related = ["objective", "team", "organization"]
    autocomplete_fields = ["objective", "team"]


@admin.register(KeyResultPlan)
class KeyResultPlanAdmin(admin.ModelAdmin):
    """Baselines and re-plans of key results: read-only, a re-plan is made in the app."""

    list_display = ["key_result", "start", "target", "set_at", "set_by", "reason", "organization"]
    list_filter = ["organization"]
    list_select_related = ["key_result", "set_by", "organization"]
    search_fields = ["key_result__title", "reason"]
    date_hierarchy = "set_at"

    def has_add_permission(self, request):
        """Re-plans are made in the app, with a reason."""
        return False

    def has_change_permission(self, request, obj=None):
        """A kept plan is history: read-only."""
        return False


@admin.register(StatusOverride)
class StatusOverrideAdmin(admin.ModelAdmin):
    """Statuses set by hand: read-only, set and cleared in the app, kept as history."""

    list_display = ["objective", "state", "reason", "set_by", "set_at", "cleared_at", "ending"]
    list_filter = ["state", "ending", "organization"]
    list_select_related = ["objective", "set_by", "organization"]
    search_fields = ["objective__title", "reason"]
    date_hierarchy = "set_at"

    def has_add_permission(self, request):
        """A status is set by hand in the app, with a reason."""
        return False

    def has_change_permission(self, request, obj=None):
        """A status set by hand is history: read-only."""
        return False


@admin.register(DraftCoach)
class DraftCoachAdmin(admin.ModelAdmin):
    """Who each team invited to coach its unshared drafts."""

    list_display = ["objective", "person", "invited_by", "invited_at", "organization"]
    list_filter = ["organization"]
    list_select_related = ["objective", "person", "invited_by", "organization"]


class HistoryRecordAdmin(admin.ModelAdmin):
    """A recorded change: read-only, the audit trail is never edited by hand."""

    list_display = ["history_date", "history_type", "history_user", "id", "organization"]
    list_filter = ["history_type", "organization"]
    list_select_related = ["history_user", "organization"]
    date_hierarchy = "history_date"

    def has_add_permission(self, request):
        """History is written by the changes themselves."""
        return False

    def has_change_permission(self, request, obj=None):
        """History is read-only."""
        return False

    def has_delete_permission(self, request, obj=None):
        """History is kept."""
        return False


for tracked in (Objective, KeyResult, CheckIn, Initiative):
    admin.site.register(tracked.history.model, HistoryRecordAdmin)


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "key_result", "status", "owner", "due", "organization"]
    list_filter = ["status", "organization"]
    search_fields = ["title"]
    list_select_related = ["key_result", "owner", "organization"]
    autocomplete_fields = ["key_result", "owner"]
