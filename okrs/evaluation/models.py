"""OKR Reviews with their decisions, and each team's end-of-cycle Evaluation with its scores."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from okrs.cycles.models import Cycle
from okrs.objectives.models import KeyResult, Objective
from okrs.organizations.models import Team, TenantModel

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]


def _one_per_subject(parent: str, name: str) -> list[models.UniqueConstraint]:
    """Return constraints allowing one row per key result, and one per objective without one."""
    return [
        models.UniqueConstraint(
            fields=[parent, "key_result"],
            condition=models.Q(key_result__isnull=False),
            name=f"{name}_one_per_key_result",
        ),
        models.UniqueConstraint(
            fields=[parent, "objective"],
            condition=models.Q(key_result__isnull=True),
            name=f"{name}_one_per_objective",
        ),
    ]


class Review(TenantModel):
    """A team's monthly OKR Review in a cycle: its date, facilitator and discussion notes."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="reviews")
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField("date")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_reviews",
    )
    notes = models.TextField("discussion notes", blank=True)
    invited = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="review_invitations",
        help_text="Stakeholders invited to take part; they read, they do not write.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "team__name", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "cycle", "held_on"], name="one_review_per_team_and_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} review of {self.held_on:%Y-%m-%d}"


class Decision(TenantModel):
    """What a review decided about one key result, or about a whole objective."""

    class Choice(models.TextChoices):
        KEEP = "keep", "Keep"
        ADJUST = "adjust", "Adjust"
        ABANDON = "abandon", "Abandon"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="decisions")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="+")
    key_result = models.ForeignKey(
        KeyResult, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    choice = models.CharField(max_length=8, choices=Choice.choices)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review_id", "objective_id", "key_result_id"]
        constraints = _one_per_subject("review", "decision")

    def __str__(self) -> str:
        return f"{self.get_choice_display()}: {self.key_result or self.objective}"


class HypothesisVerdict(TenantModel):
    """What a review found about an objective's hypothesis: supported, refuted, or too early."""

    class Verdict(models.TextChoices):
        SUPPORTED = "supported", "Supported"
        REFUTED = "refuted", "Refuted"
        TOO_EARLY = "too-early", "Too early to tell"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="verdicts")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="+")
    hypothesis = models.TextField(help_text="The hypothesis as the review tested it.")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    note = models.TextField(blank=True, help_text="What the review saw: the learning.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["review_id", "objective_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "objective"], name="one_verdict_per_review_and_objective"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()}: {self.objective}"


class Evaluation(TenantModel):
    """A team's end-of-cycle scores and reflection: private to the team until it shares them."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft, seen by the team only"
        SHARED = "shared", "Shared with the organisation"

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="evaluations")
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="evaluations")
    state = models.CharField(max_length=8, choices=State.choices, default=State.DRAFT)
    worked = models.TextField("what worked", blank=True)
    did_not_work = models.TextField("what did not work", blank=True)
    why = models.TextField("why", blank=True)
    outside_factors = models.TextField("factors outside the team's control", blank=True)
    improvement_plan = models.TextField(
        "improvement plan agreed with stakeholders",
        blank=True,
        help_text="What the team and its stakeholders agreed to change in the next cycle.",
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "team__name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "cycle"], name="one_evaluation_per_team"),
        ]

    def __str__(self) -> str:
        return f"{self.team} evaluation of {self.cycle}"

    def is_shared(self) -> bool:
        """Return whether the team has shared its evaluation with the organisation."""
        return self.state == self.State.SHARED


class EvaluationScore(TenantModel):
    """The score, 0-10, a team gives one of its objectives or key results at evaluation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="+")
    key_result = models.ForeignKey(
        KeyResult, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField(validators=SCORE_VALIDATORS, help_text="0-10 whatever the scale.")

    class Meta:
        ordering = ["evaluation_id", "objective_id", "key_result_id"]
        constraints = [
            *_one_per_subject("evaluation", "evaluation_score"),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=10), name="evaluation_score_0_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key_result or self.objective}: {self.score}"
