"""The anonymous F.A.C.T.S. pulse: answers without names, receipts without scores.

A PulseAnswer holds a team, a period and the scores, and nothing that points at a person: no
person, no author, no timestamp (the period is a calendar month, stored as its first day) and a
random UUID as key, so neither the clock nor the order of ids can tie it to the PulseReceipt
written with it. The receipt records only that a person answered for a team in a period, which
stops a second answer.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from okrs.health.targets import LETTER_FIELDS
from okrs.organizations.models import Team, TenantModel

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def _score_field(name: str):
    return models.PositiveSmallIntegerField(name, validators=SCORE_VALIDATORS)


class PulseAnswer(TenantModel):
    """One anonymous answer to the F.A.C.T.S. pulse: a team, a month and five scores of 1 to 5."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="pulse_answers")
    period = models.DateField(help_text="The month answered for, as its first day.")
    focus = _score_field("focus")
    alignment = _score_field("alignment")
    commitment = _score_field("commitment")
    tracking = _score_field("tracking")
    stretching = _score_field("stretching")
    comment = models.TextField("one thing that would help", blank=True, max_length=1000)

    class Meta:
        indexes = [models.Index(fields=["team", "period"], name="pulse_answer_team_period")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                name=f"pulse_{name}_1_to_5",
            )
            for name in LETTER_FIELDS
        ]

    def __str__(self) -> str:
        return f"Pulse of {self.team} for {self.period:%B %Y}"


class PulseReceipt(TenantModel):
    """The record that a person answered the pulse for a team in a period; it holds no scores."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pulse_receipts"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="pulse_receipts")
    period = models.DateField(help_text="The month answered for, as its first day.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "team", "period"], name="one_pulse_answer_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} answered for {self.team} in {self.period:%B %Y}"
