"""Key results and their check-ins."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from okrs import clock
from okrs.api.common import (
    Paging,
    key_result_data,
    links,
    page,
    page_of,
    require_organization_writer,
    require_writer,
)
from okrs.api.errors import ERRORS, READ_ERRORS
from okrs.api.schemas import (
    CheckInIn,
    CheckInOut,
    CheckInSaved,
    Deleted,
    Id,
    KeyResultIn,
    KeyResultOut,
    KeyResultPatch,
    Moment,
)
from okrs.domain.plausibility import question_for
from okrs.objectives import actions
from okrs.objectives.fields import KEY_RESULT_EDITABLE
from okrs.objectives.initiatives import check_in_with_initiatives
from okrs.objectives.models import CheckIn, KeyResult, Objective
from okrs.objectives.scorecards import scorecards_for
from okrs.organizations.models import Team
from okrs.organizations.permissions import (
    can_write_key_result,
    can_write_objective,
    memberships_found,
    to_check_in,
)
from okrs.organizations.visibility import visibility_filter

router = Router(tags=["key results and check-ins"])
# A null sent for a field the key result cannot hold empty leaves the field as it is.
NEVER_EMPTY = [name for name in KEY_RESULT_EDITABLE if not KeyResult._meta.get_field(name).null]
KeyResultPage = page_of(KeyResultOut)
CheckInPage = page_of(CheckInOut)


class KeyResultFilters(Paging):
    """Filters of the key result list."""

    objective_id: Id | None = None
    cycle_id: Id | None = None
    team_id: Id | None = None


class CheckInFilters(Paging):
    """Filters of a key result's check-ins."""

    since: Moment | None = None


def _key_results(request):
    seen = visibility_filter(request.user, prefix="objective__")
    return (
        KeyResult.objects.of(request.organization)
        .filter(seen)
        .select_related("objective__cycle", "objective__team", "team")
    )


def _data(request, key_results: list[KeyResult]) -> list[dict]:
    """Return the key results with their computed figures, in a fixed number of queries."""
    objectives = list({kr.objective_id: kr.objective for kr in key_results}.values())
    cards = scorecards_for(objectives, request.organization.score_scale, clock.today())
    by_id = {
        kr_card.key_result.pk: kr_card for card in cards.values() for kr_card in card.key_results
    }
    return [key_result_data(by_id[kr.pk], request.organization.score_scale) for kr in key_results]


def _writable(request, key_result: KeyResult, member_of: set[int] | None = None) -> None:
    require_writer(request)
    if not can_write_key_result(request.user, key_result, member_of):
        raise PermissionDenied(
            "Only the owning team (or admins and OKR leaders) change this key result."
        )


@router.get("/key-results", response={200: KeyResultPage, **READ_ERRORS})
def list_key_results(request, filters: Query[KeyResultFilters]):
    """List key results with their progress, pace, status, score and confidence."""
    key_results = _key_results(request).order_by("objective_id", "position", "pk")
    if filters.objective_id:
        key_results = key_results.filter(objective_id=filters.objective_id)
    if filters.cycle_id:
        key_results = key_results.filter(objective__cycle_id=filters.cycle_id)
    if filters.team_id:
        key_results = key_results.filter(objective__team_id=filters.team_id)
    count, items = page(key_results, filters)
    return {"count": count, "items": _data(request, items)}


@router.get("/key-results/{key_result_id}", response={200: KeyResultOut, **READ_ERRORS})
def get_key_result(request, key_result_id: int):
    """Return one key result with its computed figures."""
    return _data(request, [get_object_or_404(_key_results(request), pk=key_result_id)])[0]


@router.post(
    "/key-results",
    response={201: KeyResultOut, **ERRORS},
    openapi_extra=links(
        "key_result_id",
        "key_results.get_key_result",
        "key_results.update_key_result",
        "key_results.delete_key_result",
        "key_results.list_check_ins",
        "key_results.create_check_in",
    ),
)
def create_key_result(request, payload: KeyResultIn):
    """Add a key result to an objective you may change."""
    organization = request.organization
    objective = get_object_or_404(
        Objective.objects.of(organization).filter(visibility_filter(request.user)),
        pk=payload.objective_id,
    )
    require_writer(request)
    if not can_write_objective(request.user, objective):
        raise PermissionDenied(
            "Only the owning team (or admins and OKR leaders) change this objective."
        )
    fields = payload.dict(exclude={"objective_id", "team_id", "current"})
    if payload.type == "binary":
        fields["start"], fields["target"] = 0, 1
    elif payload.target is None:
        raise ValidationError({"target": "A metric key result needs a target."})
    team = (
        get_object_or_404(Team.objects.of(organization), pk=payload.team_id)
        if payload.team_id
        else None
    )
    key_result = actions.add_key_result(objective, current=payload.current, team=team, **fields)
    return 201, _data(request, [get_object_or_404(_key_results(request), pk=key_result.pk)])[0]


@router.patch("/key-results/{key_result_id}", response={200: KeyResultOut, **ERRORS})
def update_key_result(request, key_result_id: int, payload: KeyResultPatch):
    """Change a key result; a stale `version` answers 409 and changes nothing."""
    key_result = get_object_or_404(_key_results(request), pk=key_result_id)
    _writable(request, key_result)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    reason = changes.pop("reason", None) or ""
    linked = changes.pop("linked_objective_id", False)
    for field in NEVER_EMPTY:
        if field in changes and changes[field] is None:
            changes.pop(field)
    with transaction.atomic():
        actions.update_key_result(
            key_result, version=version, reason=reason, by=request.user, **changes
        )
        if linked is not False:
            child = (
                get_object_or_404(Objective.objects.of(request.organization), pk=linked)
                if linked
                else None
            )
            actions.link_key_result(key_result, child)
    return _data(request, [get_object_or_404(_key_results(request), pk=key_result.pk)])[0]


@router.delete(
    "/key-results/{key_result_id}",
    response={200: Deleted, **ERRORS},
    openapi_extra=links(
        "key_result_id", "key_results.restore_key_result", status=200, field="deleted"
    ),
)
def delete_key_result(request, key_result_id: int):
    """Move a key result with its check-ins to the trash, for 30 days."""
    key_result = get_object_or_404(_key_results(request), pk=key_result_id)
    _writable(request, key_result)
    actions.remove_key_result(key_result, by=request.user)
    return {"deleted": key_result_id}


@router.post("/key-results/{key_result_id}/restore", response={200: KeyResultOut, **ERRORS})
def restore_key_result(request, key_result_id: int):
    """Bring a key result deleted on its own back to its objective (admins, OKR leaders)."""
    require_organization_writer(request)
    key_result = get_object_or_404(
        KeyResult.all_objects.of(request.organization).filter(deleted_at__isnull=False),
        pk=key_result_id,
    )
    actions.restore_key_result(key_result, by=request.user)
    return _data(request, [get_object_or_404(_key_results(request), pk=key_result.pk)])[0]


@router.get("/key-results/{key_result_id}/check-ins", response={200: CheckInPage, **READ_ERRORS})
def list_check_ins(request, key_result_id: int, filters: Query[CheckInFilters]):
    """List a key result's check-ins, newest first."""
    key_result = get_object_or_404(_key_results(request), pk=key_result_id)
    check_ins = CheckIn.objects.filter(key_result=key_result).order_by("-checked_in_at", "-pk")
    if filters.since:
        check_ins = check_ins.filter(checked_in_at__gte=filters.since)
    count, items = page(check_ins, filters)
    return {"count": count, "items": items}


@router.post(
    "/key-results/{key_result_id}/check-ins",
    response={201: CheckInSaved, **ERRORS},
    openapi_extra=links(
        "key_result_id",
        "key_results.get_key_result",
        "key_results.list_check_ins",
        field="key_result_id",
    ),
)
def create_check_in(request, key_result_id: int, payload: CheckInIn):
    """Check in on a key result: its current value, your confidence (0-10) and a note."""
    # One locked read brings what the permission check and the check-in itself need.
    # Memberships ride along as subqueries: a team member's check-in costs what an admin's does.
    key_results = to_check_in(
        KeyResult.objects.of(request.organization).select_related("objective__team", "team"),
        request.user,
    )
    with transaction.atomic():
        key_result = get_object_or_404(actions.locked_for_check_in(key_results), pk=key_result_id)
        _writable(request, key_result, memberships_found(key_result))
        locked = actions.lock_read(key_result)
        fields = payload.dict(exclude={"initiatives"})
        moves = {move.id: move.status for move in payload.initiatives}
        if moves:
            check_in = check_in_with_initiatives(
                key_result, moves, author=request.user, locked=locked, **fields
            )
        else:
            check_in = actions.record_check_in(
                key_result, author=request.user, locked=locked, **fields
            )
    saved = CheckInOut.from_orm(check_in).dict()
    return 201, {**saved, "doubt": question_for(key_result, check_in.value)}
