"""The team's own: accepting a draft written for it, inviting coaches, finishing an objective."""

from datetime import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from okrs.api.common import require_writer
from okrs.api.errors import ERRORS, READ_ERRORS
from okrs.api.routes.objectives import _objectives, _one
from okrs.api.schemas import Input, ObjectiveOut, RowId
from okrs.objectives import co_creation, finishing
from okrs.objectives.models import DraftCoach
from okrs.organizations.models import Person

router = Router(tags=["objectives"])


class CoachOut(Schema):
    """Someone outside the team invited to read and coach its unshared draft."""

    person_id: int
    person: str
    invited_by_id: int | None
    invited_at: datetime


class CoachesIn(Input):
    """People to invite to coach the draft."""

    person_ids: Annotated[list[RowId], Field(max_length=50)]


def _coaches(objective) -> list[dict]:
    rows = DraftCoach.objects.filter(objective=objective).select_related("person")
    return [
        {
            "person_id": row.person_id,
            "person": str(row.person),
            "invited_by_id": row.invited_by_id,
            "invited_at": row.invited_at,
        }
        for row in rows
    ]


@router.post("/objectives/{objective_id}/accept", response={200: ObjectiveOut, **ERRORS})
def accept_objective(request, objective_id: int):
    """Accept a draft someone outside the team wrote for it (a member of the owning team)."""
    require_writer(request)
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    co_creation.accept_draft(objective, request.user)
    return _one(request, objective.pk)


@router.get("/objectives/{objective_id}/coaches", response={200: list[CoachOut], **READ_ERRORS})
def list_coaches(request, objective_id: int):
    """List the people the team invited to coach its draft."""
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    return _coaches(objective)


@router.post("/objectives/{objective_id}/coaches", response={200: list[CoachOut], **ERRORS})
def invite_coaches(request, objective_id: int, payload: CoachesIn):
    """Invite people outside the team to read and coach its unshared draft (a team member)."""
    require_writer(request)
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    if not payload.person_ids:
        raise ValidationError({"person_ids": "Name at least one person to invite."})
    people = [
        get_object_or_404(Person.objects.filter(organization=request.organization), pk=pk)
        for pk in payload.person_ids
    ]
    co_creation.invite_coaches(objective, people, request.user)
    return _coaches(objective)


@router.delete(
    "/objectives/{objective_id}/coaches/{person_id}", response={200: list[CoachOut], **ERRORS}
)
def revoke_coach(request, objective_id: int, person_id: int):
    """Take back a coach's invitation (a team member)."""
    require_writer(request)
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    person = get_object_or_404(
        Person.objects.filter(organization=request.organization), pk=person_id
    )
    co_creation.revoke_coach(objective, person, request.user)
    return _coaches(objective)


class FinishIn(Input):
    """Fulfil (achieved) or abandon an active objective, with the team's note."""

    state: Literal["achieved", "abandoned"]
    note: Annotated[str, Field(max_length=2000)]


@router.post("/objectives/{objective_id}/finish", response={200: ObjectiveOut, **ERRORS})
def finish_objective(request, objective_id: int, payload: FinishIn):
    """Set an active objective fulfilled or abandoned mid-cycle with a note (a team member)."""
    require_writer(request)
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    finishing.finish_objective(objective, payload.state, payload.note, request.user)
    return _one(request, objective.pk)
