"""OKR Planning: the planning session of a cycle, teams' planning notes and their backlogs."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from okrs.cycles.models import Cycle
from okrs.domain.vocabulary import Ambition
from okrs.objectives.models import Objective
from okrs.organizations.models import Team, TenantModel


class PlanningSession(TenantModel):
    """Planning of one cycle, opened by leadership with the strategic objectives it communicates."""

    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="planning_session")
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(
        blank=True, help_text="What leadership tells the teams as they start drafting."
    )
    strategic_objectives = models.ManyToManyField(
        Objective, related_name="communicated_in", blank=True
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"Planning of {self.cycle}"

    def is_open(self) -> bool:
        """Return whether teams are still drafting and aligning."""
        return self.closed_at is None


class TeamPlanningNote(TenantModel):
    """A team's stated need, provision or dependency for a cycle, often towards another team."""

    class Kind(models.TextChoices):
        NEED = "need", "Need"
        PROVISION = "provision", "Provision"
        DEPENDENCY = "dependency", "Dependency"

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="planning_notes")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="planning_notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=300)
    other_team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="planning_notes_about",
        help_text="The team this is asked of, offered to or depended on.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team__name", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(team=models.F("other_team")), name="planning_note_other_team"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.kind}: {self.text}"

    def clean(self):
        if self.kind == self.Kind.DEPENDENCY and self.other_team_id is None:
            raise ValidationError({"other_team": "Say which team you depend on."})
        if self.other_team_id is not None and self.other_team_id == self.team_id:
            raise ValidationError({"other_team": "Choose another team than your own."})


class CandidateObjective(TenantModel):
    """An objective a team keeps in its backlog, in no cycle yet, until it is promoted."""

    AMBITION_CHOICES = Objective.AMBITION_CHOICES

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="backlog")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    hypothesis = models.TextField(blank=True)
    ambition = models.CharField(max_length=10, choices=AMBITION_CHOICES, default=Ambition.ROOFSHOT)
    notes = models.TextField(
        blank=True, help_text="Key result ideas, and why it waits; not copied when promoted."
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_to = models.OneToOneField(
        Objective,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promoted_from",
    )
    promoted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["team__name", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def is_waiting(self) -> bool:
        """Return whether it is still in the backlog."""
        return self.promoted_at is None
