"""Admin of reviews and evaluations: an unshared evaluation shows no scores or reflection."""

from django.contrib import admin

from okrs.evaluation.models import (
    Decision,
    Evaluation,
    EvaluationScore,
    HypothesisVerdict,
    Review,
)

REFLECTION = ("worked", "did_not_work", "why", "outside_factors", "improvement_plan")


class DecisionInline(admin.TabularInline):
    """The decisions taken in a review."""

    model = Decision
    extra = 0
    fields = ("objective", "key_result", "choice", "note", "decided_by")
    raw_id_fields = ("objective", "key_result", "decided_by")


class VerdictInline(admin.TabularInline):
    """The verdicts a review gave the hypotheses it tested."""

    model = HypothesisVerdict
    extra = 0
    fields = ("objective", "hypothesis", "verdict", "note", "decided_by", "decided_at")
    raw_id_fields = ("objective", "decided_by")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """OKR Reviews with their decisions."""

    list_display = ("team", "cycle", "held_on", "facilitator", "organization")
    list_filter = ("organization", "cycle")
    search_fields = ("team__name", "notes")
    raw_id_fields = ("team", "cycle", "facilitator", "created_by")
    filter_horizontal = ("invited",)
    inlines = [DecisionInline, VerdictInline]


@admin.register(HypothesisVerdict)
class HypothesisVerdictAdmin(admin.ModelAdmin):
    """Whether each objective's hypothesis held, review by review."""

    list_display = ("review", "objective", "verdict", "decided_at")
    list_filter = ("verdict", "organization")
    raw_id_fields = ("review", "objective", "decided_by")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Keep, adjust or abandon decisions of reviews."""

    list_display = ("review", "objective", "key_result", "choice", "decided_at")
    list_filter = ("choice", "organization")
    raw_id_fields = ("review", "objective", "key_result", "decided_by")


class ReadOnlyAdmin(admin.ModelAdmin):
    """An admin that shows rows and never writes them: teams write through the pages."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    """Team evaluations: the reflection shows only once the team has shared it."""

    list_display = ("team", "cycle", "state", "shared_at", "organization")
    list_filter = ("state", "organization")

    def get_fields(self, request, obj=None):
        shared = obj is not None and obj.is_shared()
        base = ("organization", "team", "cycle", "state", "shared_at", "shared_by")
        return base + REFLECTION if shared else base


@admin.register(EvaluationScore)
class EvaluationScoreAdmin(ReadOnlyAdmin):
    """Scores of shared evaluations only: a draft's scores stay with its team."""

    list_display = ("evaluation", "objective", "key_result", "score")
    fields = ("organization", "evaluation", "objective", "key_result", "score")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(evaluation__state=Evaluation.State.SHARED)
