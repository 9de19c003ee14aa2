"""Django admin for planning sessions, teams' planning notes and backlogs."""

from django.contrib import admin

from okrs.planning.models import CandidateObjective, PlanningSession, TeamPlanningNote


@admin.register(PlanningSession)
class PlanningSessionAdmin(admin.ModelAdmin):
    list_display = ["cycle", "opened_at", "opened_by", "closed_at", "organization"]
    list_filter = ["organization"]
    list_select_related = ["cycle", "opened_by", "organization"]
    autocomplete_fields = ["cycle", "strategic_objectives"]
    raw_id_fields = ["opened_by", "closed_by"]


@admin.register(TeamPlanningNote)
class TeamPlanningNoteAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "team", "other_team", "cycle", "organization"]
    list_filter = ["kind", "organization"]
    search_fields = ["text"]
    list_select_related = ["team", "other_team", "cycle", "organization"]
    autocomplete_fields = ["cycle", "team", "other_team"]
    raw_id_fields = ["author"]


@admin.register(CandidateObjective)
class CandidateObjectiveAdmin(admin.ModelAdmin):
    list_display = ["title", "team", "created_at", "promoted_at", "organization"]
    list_filter = ["organization"]
    search_fields = ["title", "description"]
    list_select_related = ["team", "organization"]
    autocomplete_fields = ["team", "promoted_to"]
    raw_id_fields = ["added_by"]
    readonly_fields = ["created_at"]
