"""Publishing a draft: the coach's errors fixed or a reason given, the validation answers kept."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs.domain.coach.findings import Finding
from okrs.domain.publishing import (
    AnswerError,
    coach_errors,
    errors_message,
    read_answers,
    read_reason,
)
from okrs.objectives.actions import update_objective
from okrs.objectives.coaching import draft_findings
from okrs.objectives.models import Objective


def publish_errors(objective: Objective) -> list[Finding]:
    """Return the coach's errors on the saved objective: what publishing asks to fix first."""
    return coach_errors(draft_findings(None, objective, objective.organization))


def checked_publish(
    objective: Objective, validation: Mapping | None = None, despite: str | None = ""
) -> dict:
    """Return the fields publishing writes, or raise ValidationError naming what stops it.

    The coach's errors stop it unless `despite` says why; a "no" answer never does.
    """
    try:
        answers = read_answers(validation) if validation is not None else None
        reason = read_reason(despite)
    except AnswerError as error:
        if error.field == "publish_despite":
            raise ValidationError({"publish_despite": error.message}) from error
        raise ValidationError({"validation": f"{error.field}: {error.message}"}) from error
    if objective.awaits_acceptance():  # not the team's own yet: nothing else matters first
        raise ValidationError({"status": objective.acceptance_awaited()})
    errors = publish_errors(objective)
    if errors and not reason:
        raise ValidationError({"publish_despite": errors_message(errors)})
    fields: dict[str, object] = {"publish_reason": reason if errors else ""}
    if answers is not None:
        fields["validation"] = answers
    return fields


@transaction.atomic
def publish_objective(
    objective: Objective, validation: Mapping | None = None, despite: str | None = ""
) -> Objective:
    """Make the draft active: its errors fixed or a reason given, its validation answers kept."""
    fields = checked_publish(objective, validation, despite)
    return update_objective(objective, status=Objective.State.ACTIVE, **fields)
