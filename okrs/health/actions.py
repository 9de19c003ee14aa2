"""Writes of the F.A.C.T.S. pulse; each in one transaction."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from okrs import clock
from okrs.health.models import PulseAnswer, PulseReceipt
from okrs.health.targets import LETTER_FIELDS, pulse_period
from okrs.organizations.models import Membership, Person, Team


class AlreadyAnswered(ValidationError):
    """The person already answered the pulse for this team and period."""


@transaction.atomic
def answer_pulse(
    person: Person, team: Team, scores: dict[str, int], comment: str = "", on: date | None = None
) -> PulseReceipt:
    """Store an answer without the person's name, and a receipt without the scores."""
    if person.is_read_only() or person.organization_id != team.organization_id:
        raise ValidationError({"team": "Only the team's members answer its pulse."})
    if not Membership.objects.filter(person=person, team=team).exists():
        raise ValidationError({"team": "Only the team's members answer its pulse."})
    if set(scores) != set(LETTER_FIELDS):
        raise ValidationError(f"Give a score for each of {', '.join(LETTER_FIELDS)}.")
    period = pulse_period(on or clock.today())
    answer = PulseAnswer(
        organization_id=team.organization_id,
        team=team,
        period=period,
        comment=comment.strip(),
        **scores,
    )
    answer.full_clean(exclude=["organization", "team"])
    try:
        with transaction.atomic():
            receipt = PulseReceipt.objects.create(
                organization_id=team.organization_id, person=person, team=team, period=period
            )
    except IntegrityError as error:
        raise AlreadyAnswered(
            f"You already answered for {team} in {period:%B %Y}; the next pulse opens next month."
        ) from error
    answer.save(force_insert=True)
    return receipt


def answered_team_ids(person: Person, period: date) -> set[int]:
    """Return the ids of the teams the person already answered the pulse for in the period."""
    return set(
        PulseReceipt.objects.filter(person=person, period=period).values_list("team_id", flat=True)
    )
