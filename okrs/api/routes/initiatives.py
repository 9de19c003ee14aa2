"""Action plans: the initiatives under key results, and moving an activity into one."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from okrs.api.common import Paging, links, page, page_of, require_writer
from okrs.api.errors import ERRORS, READ_ERRORS
from okrs.api.schemas import Day, Deleted, Input, Plain, RowId, Title
from okrs.domain.initiatives import INITIATIVE_LINK_LIMIT
from okrs.objectives import initiatives as actions
from okrs.objectives.models import Initiative, KeyResult
from okrs.organizations.models import Person
from okrs.organizations.permissions import can_write_key_result
from okrs.organizations.visibility import visibility_filter

router = Router(tags=["action plans"])
InitiativeStatus = Literal["planned", "doing", "done", "dropped"]
Link = Annotated[
    Plain,
    Field(
        max_length=INITIATIVE_LINK_LIMIT,
        description="A web address starting with http:// or https://, or empty.",
    ),
]


class InitiativeOut(Schema):
    """An initiative: work the team believes will move the key result; it never counts in it."""

    id: int
    key_result_id: int
    objective_id: int
    title: str
    owner_id: int | None
    status: InitiativeStatus
    due: date | None
    link: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_objective_id(initiative: Initiative) -> int:
        """Return the id of the objective the initiative's key result belongs to."""
        return initiative.key_result.objective_id


class InitiativeIn(Input):
    """A new initiative under the key result."""

    title: Title
    owner_id: RowId | None = None
    status: InitiativeStatus = "planned"
    due: Day | None = None
    link: Link = ""


class InitiativePatch(Input):
    """Changes to an initiative: a field left out stays; null clears the owner, due date or link."""

    title: Title | None = None
    owner_id: RowId | None = None
    status: InitiativeStatus | None = None
    due: Day | None = None
    link: Link | None = None


class MoveIn(Input):
    """Which key result of the objective takes the activity; by default the first measurable one."""

    under_id: RowId | None = None


InitiativePage = page_of(InitiativeOut)


def _key_results(request):
    """Return the key results the person sees (another team's unshared draft is not found)."""
    seen = visibility_filter(request.user, prefix="objective__")
    return (
        KeyResult.objects.of(request.organization)
        .filter(seen)
        .select_related("objective__cycle", "objective__team", "team")
    )


def _initiatives(request):
    seen = visibility_filter(request.user, prefix="key_result__objective__")
    return (
        Initiative.objects.of(request.organization)
        .filter(seen)
        .select_related("key_result__objective__cycle", "key_result__objective__team")
    )


def _writable(request, key_result: KeyResult) -> None:
    require_writer(request)
    if not can_write_key_result(request.user, key_result):
        raise PermissionDenied(
            "Only the owning team (or admins and OKR leaders) change this action plan."
        )


def _owner(request, owner_id: int | None) -> Person | None:
    if owner_id is None:
        return None
    return get_object_or_404(Person.objects.filter(organization=request.organization), pk=owner_id)


@router.get(
    "/key-results/{key_result_id}/initiatives",
    response={200: InitiativePage, **READ_ERRORS},
)
def list_initiatives(request, key_result_id: int, paging: Query[Paging]):
    """List the key result's action plan: its initiatives, in order."""
    key_result = get_object_or_404(_key_results(request), pk=key_result_id)
    rows = _initiatives(request).filter(key_result=key_result).order_by("position", "pk")
    count, items = page(rows, paging)
    return {"count": count, "items": items}


@router.post(
    "/key-results/{key_result_id}/initiatives",
    response={201: InitiativeOut, **ERRORS},
    openapi_extra=links(
        "initiative_id",
        "initiatives.get_initiative",
        "initiatives.update_initiative",
        "initiatives.delete_initiative",
    ),
)
def create_initiative(request, key_result_id: int, payload: InitiativeIn):
    """Add an initiative to the key result's action plan."""
    key_result = get_object_or_404(_key_results(request), pk=key_result_id)
    _writable(request, key_result)
    fields = payload.dict(exclude={"owner_id"})
    owner = _owner(request, payload.owner_id)
    initiative = actions.add_initiative(key_result, owner=owner, by=request.user, **fields)
    return 201, get_object_or_404(_initiatives(request), pk=initiative.pk)


@router.get("/initiatives/{initiative_id}", response={200: InitiativeOut, **READ_ERRORS})
def get_initiative(request, initiative_id: int):
    """Return one initiative."""
    return get_object_or_404(_initiatives(request), pk=initiative_id)


@router.patch("/initiatives/{initiative_id}", response={200: InitiativeOut, **ERRORS})
def update_initiative(request, initiative_id: int, payload: InitiativePatch):
    """Change an initiative's title, owner, status, due date or link."""
    initiative = get_object_or_404(_initiatives(request), pk=initiative_id)
    _writable(request, initiative.key_result)
    changes = payload.dict(exclude_unset=True)
    for never_empty in ("title", "status"):
        if changes.get(never_empty, "") is None:
            changes.pop(never_empty)
    if "owner_id" in changes:
        changes["owner"] = _owner(request, changes.pop("owner_id"))
    if "link" in changes and changes["link"] is None:
        changes["link"] = ""
    actions.update_initiative(initiative, by=request.user, **changes)
    return get_object_or_404(_initiatives(request), pk=initiative.pk)


@router.delete("/initiatives/{initiative_id}", response={200: Deleted, **ERRORS})
def delete_initiative(request, initiative_id: int):
    """Remove an initiative from its action plan; the objective's history keeps it."""
    initiative = get_object_or_404(_initiatives(request), pk=initiative_id)
    _writable(request, initiative.key_result)
    actions.remove_initiative(initiative, by=request.user)
    return {"deleted": initiative_id}


@router.post(
    "/key-results/{key_result_id}/move-to-action-plan",
    response={201: InitiativeOut, **ERRORS},
)
def move_to_action_plan(request, key_result_id: int, payload: MoveIn):
    """Turn an activity written as a key result into an initiative under another key result.

    The activity key result goes to the trash (restorable); both changes are in the history.
    """
    activity = get_object_or_404(_key_results(request), pk=key_result_id)
    _writable(request, activity)
    under = None
    if payload.under_id is not None:
        under = get_object_or_404(
            _key_results(request).filter(objective_id=activity.objective_id),
            pk=payload.under_id,
        )
    initiative = actions.move_to_action_plan(activity, under, by=request.user)
    return 201, get_object_or_404(_initiatives(request), pk=initiative.pk)
