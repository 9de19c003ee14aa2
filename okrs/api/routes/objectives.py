"""Objectives: list, read, create, change and delete, with their computed figures."""

from datetime import datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from okrs import clock
from okrs.api.common import (
    Paging,
    links,
    objectives_data,
    page_of,
    require_objective_writer,
    require_organization_writer,
    require_team_writer,
)
from okrs.api.errors import ERRORS, READ_ERRORS
from okrs.api.explanations import ObjectiveExplainedOut, explanation_data
from okrs.api.schemas import (
    Deleted,
    Id,
    Level,
    ObjectiveIn,
    ObjectiveOut,
    ObjectivePatch,
    ObjectiveStatus,
    OverrideIn,
    Plain,
    PublishIn,
)
from okrs.cycles.models import Cycle
from okrs.objectives import actions
from okrs.objectives.co_creation import drafter_for
from okrs.objectives.explanations import explain
from okrs.objectives.history import objective_history, override_entry_count
from okrs.objectives.models import CheckIn, Initiative, KeyResult, Objective
from okrs.objectives.overrides import clear_override, override_status
from okrs.objectives.publishing import checked_publish
from okrs.objectives.sharing import set_contributors
from okrs.organizations.models import Team
from okrs.organizations.permissions import can_override_status
from okrs.organizations.visibility import visibility_filter
from okrs.planning.actions import publish_draft
from okrs.planning.permissions import can_publish

router = Router(tags=["objectives"])
ObjectivePage = page_of(ObjectiveOut)


class ChangeOut(Schema):
    """One field's value before and after a change (before is null on creation)."""

    field: str
    before: Any = None
    after: Any = None


class HistoryEntryOut(Schema):
    """One recorded change to the objective, one of its key results or check-ins."""

    at: datetime
    by_id: int | None
    by: str
    subject: str
    subject_id: int
    title: str
    action: str
    summary: str
    changes: list[ChangeOut]


HistoryPage = page_of(HistoryEntryOut)


class ObjectiveFilters(Paging):
    """Filters of the objective list."""

    cycle_id: Id | None = None
    team_id: Id | None = None
    status: ObjectiveStatus | None = None
    level: Level | None = None
    q: Annotated[Plain, Field(max_length=300)] | None = None


def _objectives(request):
    seen = visibility_filter(request.user)
    return (
        Objective.objects.of(request.organization)
        .filter(seen)
        .select_related("team", "owner", "cycle")
    )


def _one(request, objective_id: int) -> dict:
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    return objectives_data([objective], request.organization, request.user)[0]


@router.get("/objectives", response={200: ObjectivePage, **READ_ERRORS})
def list_objectives(request, filters: Query[ObjectiveFilters]):
    """List objectives with their key results, progress, pace, status, score and confidence."""
    objectives = _objectives(request).order_by("pk")
    if filters.cycle_id:
        objectives = objectives.filter(cycle_id=filters.cycle_id)
    if filters.team_id:
        objectives = objectives.filter(
            Q(team_id=filters.team_id) | Q(contributions__team_id=filters.team_id)
        ).distinct()
    if filters.status:
        objectives = objectives.filter(status=filters.status)
    if filters.level:
        objectives = objectives.filter(team__level=filters.level)
    if filters.q:
        objectives = objectives.filter(title__icontains=filters.q[:200])
    count = objectives.count()
    items = list(objectives[filters.offset : filters.offset + filters.limit])
    return {"count": count, "items": objectives_data(items, request.organization, request.user)}


class Explain(Schema):
    """Whether to explain the computed figures."""

    explain: bool = Field(
        False,
        description="Add `explanation`: each figure with the formula, values, weights, shares, "
        "expected pace and state rule that gave it (docs/math.md).",
    )


@router.get(
    "/objectives/{objective_id}",
    response={200: ObjectiveExplainedOut, **READ_ERRORS},
    exclude_unset=True,
)
def get_objective(request, objective_id: int, flags: Query[Explain]):
    """Return one objective with its key results and computed figures, explained on request."""
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    data = objectives_data([objective], request.organization, request.user)[0]
    if flags.explain:
        seen = visibility_filter(request.user)
        why = explain(objective, request.organization.score_scale, clock.today(), seen)
        data["explanation"] = explanation_data(why)
    return data


@router.post(
    "/objectives",
    response={201: ObjectiveOut, **ERRORS},
    openapi_extra=links(
        "objective_id",
        "objectives.get_objective",
        "objectives.update_objective",
        "objectives.delete_objective",
        "objectives.get_objective_history",
    ),
)
def create_objective(request, payload: ObjectiveIn):
    """Create an objective for a team you belong to (admins and OKR leaders: any team)."""
    organization = request.organization
    cycle = get_object_or_404(Cycle.objects.of(organization), pk=payload.cycle_id)
    team = get_object_or_404(Team.objects.of(organization), pk=payload.team_id)
    require_team_writer(request, team)
    parents = [get_object_or_404(_objectives(request), pk=pk) for pk in payload.aligned_to]
    shared = [
        get_object_or_404(Team.objects.of(organization), pk=pk) for pk in payload.contributors
    ]
    objective = actions.create_objective(
        cycle,
        payload.title,
        team=team,
        aligned_to=parents,
        contributing_teams=shared,
        description=payload.description,
        ambition=payload.ambition,
        hypothesis=payload.hypothesis,
        status=payload.status,
        drafted_by=drafter_for(request.user, team),
    )
    return 201, _one(request, objective.pk)


@router.patch("/objectives/{objective_id}", response={200: ObjectiveOut, **ERRORS})
def update_objective(request, objective_id: int, payload: ObjectivePatch):
    """Change an objective; a stale `version` answers 409 and changes nothing."""
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    require_objective_writer(request, objective)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    parents = changes.pop("aligned_to", None)
    sharing = changes.pop("contributors", None)
    for field in ("title", "ambition", "status"):
        if field in changes and changes[field] is None:
            changes.pop(field)
    for field in ("description", "hypothesis"):
        if field in changes and changes[field] is None:
            changes[field] = ""
    if (
        changes.get("status") == Objective.State.ACTIVE
        and objective.status == Objective.State.DRAFT
    ):
        # Publishing by a change of status asks what POST .../publish asks.
        changes |= checked_publish(objective)
    with transaction.atomic():
        actions.update_objective(objective, version=version, **changes)
        if parents is not None:
            found = [get_object_or_404(_objectives(request), pk=pk) for pk in parents]
            actions.set_alignment(objective, found)
        if sharing is not None:
            teams = Team.objects.of(request.organization)
            shared = [get_object_or_404(teams, pk=pk) for pk in sharing]
            set_contributors(objective, shared, by=request.user)
    return _one(request, objective.pk)


@router.delete(
    "/objectives/{objective_id}",
    response={200: Deleted, **ERRORS},
    openapi_extra=links(
        "objective_id", "objectives.restore_objective", status=200, field="deleted"
    ),
)
def delete_objective(request, objective_id: int):
    """Move an objective with its key results and check-ins to the trash, for 30 days."""
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    require_objective_writer(request, objective)
    actions.delete_objective(objective, by=request.user)
    return {"deleted": objective_id}


@router.post("/objectives/{objective_id}/publish", response={200: ObjectiveOut, **ERRORS})
def publish_objective(request, objective_id: int, payload: PublishIn):
    """Publish a draft (admins, OKR leaders, its team's lead), with the validation answers.

    When the coach marks errors in the draft, 422 names them unless `publish_despite` says why.
    """
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    if not can_publish(request.user, objective):
        raise PermissionDenied("Admins, OKR leaders or the team's lead publish drafts.")
    validation = (
        {key: answer.dict() for key, answer in payload.validation.items()}
        if payload.validation is not None
        else None
    )
    publish_draft(objective, validation, payload.publish_despite)
    return _one(request, objective.pk)


@router.get("/objectives/{objective_id}/history", response={200: HistoryPage, **READ_ERRORS})
def get_objective_history(request, objective_id: int, paging: Query[Paging]):
    """List the recorded changes to an objective, its key results, check-ins and initiatives."""
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    key_results = KeyResult.all_objects.filter(objective_id=objective.pk).values("pk")
    count = (
        Objective.history.filter(id=objective.pk).count()
        + KeyResult.history.filter(objective_id=objective.pk).count()
        + CheckIn.history.filter(key_result_id__in=key_results).count()
        + Initiative.history.filter(key_result_id__in=key_results).count()
        + override_entry_count(objective)
    )
    seen = visibility_filter(request.user)
    entries = objective_history(objective, paging.limit, paging.offset, seen)
    items = [
        {
            "at": e.at,
            "by_id": e.person.pk if e.person else None,
            "by": e.who(),
            "subject": e.subject,
            "subject_id": e.subject_id,
            "title": e.title,
            "action": e.action,
            "summary": e.summary(),
            "changes": [vars(c) for c in e.changes],
        }
        for e in entries
    ]
    return {"count": count, "items": items}


@router.post("/objectives/{objective_id}/restore", response={200: ObjectiveOut, **ERRORS})
def restore_objective(request, objective_id: int):
    """Bring a deleted objective back with the key results deleted with it (admins, OKR leaders)."""
    require_organization_writer(request)
    objective = get_object_or_404(
        Objective.all_objects.of(request.organization).filter(deleted_at__isnull=False),
        pk=objective_id,
    )
    actions.restore_objective(objective, by=request.user)
    return _one(request, objective.pk)


def _overridable(request, objective_id: int) -> Objective:
    """Return the objective the caller may set the status of; 404 unseen, 403 not its owner."""
    objective = get_object_or_404(_objectives(request), pk=objective_id)
    if not can_override_status(request.user, objective):
        raise PermissionDenied(
            "Only the objective's owner (its team's lead) or admins and OKR leaders set its status."
        )
    return objective


@router.post("/objectives/{objective_id}/override", response={200: ObjectiveOut, **ERRORS})
def set_override(request, objective_id: int, payload: OverrideIn):
    """Set the objective's status by hand with a reason, beside its computed state.

    The next check-in on any of its key results clears it; set it again to renew it.
    """
    objective = _overridable(request, objective_id)
    override_status(objective, payload.state, payload.reason, request.user)
    return _one(request, objective.pk)


@router.delete("/objectives/{objective_id}/override", response={200: ObjectiveOut, **ERRORS})
def delete_override(request, objective_id: int):
    """Remove the status set by hand (it stays in the history); 404 when none is set."""
    objective = _overridable(request, objective_id)
    if clear_override(objective, request.user) is None:
        raise HttpError(404, "No status is set by hand on this objective.")
    return _one(request, objective.pk)
