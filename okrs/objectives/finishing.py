"""Fulfilling or abandoning an objective mid-cycle (P-OKR), which frees the team for the next."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from okrs.objectives.actions import update_objective
from okrs.objectives.co_creation import is_member
from okrs.objectives.models import Objective
from okrs.organizations.models import Person

FINISHED: dict[str, str] = {
    Objective.State.ACHIEVED.value: "fulfilled",
    Objective.State.ABANDONED.value: "abandoned",
}
NOTE_LIMIT = 2000


def can_finish(person: Person, objective: Objective) -> bool:
    """Return whether the person may fulfil or abandon the objective: a member of its team."""
    if person.is_read_only() or objective.team_id is None:
        return False
    return is_member(person, objective.team)


@transaction.atomic
def finish_objective(objective: Objective, state: str, note: str, by: Person) -> Objective:
    """Set the open objective achieved (fulfilled) or abandoned, with the team's note in history."""
    if not can_finish(by, objective):
        raise PermissionDenied(f"Only a member of {objective.team} fulfils or abandons it.")
    if state not in FINISHED:
        raise ValidationError({"state": "Choose achieved (fulfilled) or abandoned."})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": f"Say in a note why the objective is {FINISHED[state]}."})
    if len(note) > NOTE_LIMIT:
        raise ValidationError({"note": f"Keep the note under {NOTE_LIMIT} characters."})
    if objective.status != Objective.State.ACTIVE:
        raise ValidationError(
            f"“{objective}” is {objective.get_status_display().lower()}: only an active objective "
            "is fulfilled or abandoned."
        )
    for name, value in (("_change_reason", note), ("_history_user", by)):
        setattr(objective, name, value)  # read by the history record the save writes
    try:
        return update_objective(objective, status=state)
    finally:
        for name in ("_change_reason", "_history_user"):
            objective.__dict__.pop(name, None)
