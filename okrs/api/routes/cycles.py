"""Cycles, and the alignment tree of a cycle."""

from collections.abc import Iterator

import orjson
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from okrs import clock
from okrs.api.common import (
    Paging,
    links,
    page,
    page_of,
    require_organization_writer,
)
from okrs.api.errors import ERRORS, READ_ERRORS
from okrs.api.schemas import CycleIn, CycleOut, CyclePatch, CycleState, Deleted, KeyResultOut, Pace
from okrs.cycles import actions
from okrs.cycles.models import Cycle
from okrs.domain.cycle_end import days_left, is_early_close
from okrs.objectives.tree import alignment_tree
from okrs.organizations.visibility import visibility_filter
from okrs.routers import replica_reads

router = Router(tags=["cycles"])
_ENCODER = DjangoJSONEncoder()
CHUNK = 64 * 1024  # bytes of the streamed tree per write
CyclePage = page_of(CycleOut)


class CycleFilters(Paging):
    """Filters of the cycle list."""

    state: CycleState | None = None


class TreeNode(Pace):
    """An objective in the tree, with the objectives that align to it."""

    id: int
    title: str
    team_id: int | None
    team_name: str | None
    level: str | None
    cycle_id: int
    status: str
    contributors: list[int]
    key_results: list[KeyResultOut]
    children: list["TreeNode"]


class Tree(Schema):
    """A cycle's alignment tree with roll-up progress."""

    cycle: CycleOut
    objectives: int
    roots: list[TreeNode]


@router.get("/cycles", response={200: CyclePage, **READ_ERRORS})
def list_cycles(request, filters: Query[CycleFilters]):
    """List the organisation's cycles, newest first."""
    cycles = Cycle.objects.of(request.organization).order_by("-start", "name")
    if filters.state:
        cycles = cycles.filter(state=filters.state)
    count, items = page(cycles, filters)
    return {"count": count, "items": items}


@router.get("/cycles/{cycle_id}", response={200: CycleOut, **READ_ERRORS})
def get_cycle(request, cycle_id: int):
    """Return one cycle."""
    return get_object_or_404(Cycle.objects.of(request.organization), pk=cycle_id)


@router.post(
    "/cycles",
    response={201: CycleOut, **ERRORS},
    openapi_extra=links(
        "cycle_id",
        "cycles.get_cycle",
        "cycles.update_cycle",
        "cycles.delete_cycle",
        "cycles.cycle_tree",
    ),
)
def create_cycle(request, payload: CycleIn):
    """Create a cycle (admins and OKR leaders)."""
    require_organization_writer(request)
    parent = None
    if payload.parent_id:
        parent = get_object_or_404(Cycle.objects.of(request.organization), pk=payload.parent_id)
    cycle = actions.create_cycle(
        request.organization,
        payload.name,
        payload.start,
        payload.end,
        payload.kind,
        parent,
        payload.state,
    )
    return 201, cycle


@router.patch("/cycles/{cycle_id}", response={200: CycleOut, **ERRORS})
def update_cycle(request, cycle_id: int, payload: CyclePatch):
    """Rename a cycle or move it to planning, active or closed (admins and OKR leaders)."""
    cycle = get_object_or_404(Cycle.objects.of(request.organization), pk=cycle_id)
    require_organization_writer(request)
    if payload.name is not None:
        cycle = actions.rename_cycle(cycle, payload.name)
    closing = payload.state == Cycle.State.CLOSED and cycle.state != Cycle.State.CLOSED
    if closing and is_early_close(cycle.end, clock.today()) and not payload.confirm:
        left = days_left(cycle.end, clock.today())
        raise ValidationError(
            {
                "confirm": f"{cycle} runs until {cycle.end.isoformat()}, {left} days from now: "
                "closing it now freezes its OKRs today. Send confirm: true to close it early."
            }
        )
    if payload.state is not None and payload.state != cycle.state:
        cycle = actions.set_cycle_state(cycle, payload.state)
    return cycle


@router.delete("/cycles/{cycle_id}", response={200: Deleted, **ERRORS})
def delete_cycle(request, cycle_id: int):
    """Delete a cycle that holds no objectives (admins and OKR leaders)."""
    cycle = get_object_or_404(Cycle.objects.of(request.organization), pk=cycle_id)
    require_organization_writer(request)
    actions.delete_cycle(cycle)
    return {"deleted": cycle_id}


def _pace(card, scale: str) -> dict:
    """Return the computed figures in the order of the Pace schema, confidence to fill in."""
    return {
        "progress": round(card.progress, 4),
        "expected_progress": round(card.expected, 4),
        "progress_status": card.status,
        "state": card.state,
        "score": card.score,
        "score_10": card.score if scale == "0-10" else round(card.score * 10, 1),
        "confidence": None,
    }


def _key_result(card, scale: str) -> dict:
    """Return a key result of the tree as KeyResultOut writes it."""
    kr = card.key_result
    data = _pace(card, scale)
    data["confidence"] = kr.confidence
    data.update(
        id=kr.id,
        ref=kr.ref,
        objective_id=kr.objective_id,
        title=kr.title,
        type=kr.type,
        unit=kr.unit,
        start=kr.start,
        target=kr.target,
        current=kr.current,
        direction=kr.effective_direction(),
        indicator=kr.indicator,
        kind=kr.kind,
        weight=kr.weight,
        balancing=kr.balancing,
        team_id=kr.team_id,
        linked_objective_id=kr.linked_objective_id,
        grade=kr.grade,
        checked_in_at=kr.checked_in_at,
        version=kr.version,
    )
    return data


def _node(card, scale: str) -> dict:
    """Return an objective of the tree as TreeNode writes it, all but its children (last)."""
    o = card.objective
    team = o.team
    data = _pace(card, scale)
    data["confidence"] = card.confidence
    data.update(
        id=o.pk,
        title=o.title,
        team_id=o.team_id,
        team_name=team.name if team else None,
        level=team.level if team else None,
        cycle_id=o.cycle_id,
        status=o.status,
        contributors=[t.pk for t in card.contributors],
        key_results=[_key_result(kr, scale) for kr in card.key_results],
    )
    return data


def _dumps(value) -> bytes:
    """Return value as JSON, written as django-ninja writes it (dates by Django's encoder)."""
    return orjson.dumps(value, default=_ENCODER.default, option=orjson.OPT_PASSTHROUGH_DATETIME)


def _tree_json(head: dict, roots: list, scale: str) -> Iterator[bytes]:
    """Yield the JSON of head plus its "roots" in pieces of about CHUNK bytes.

    Joined, the pieces are the bytes of one orjson dump of the whole tree, but only one
    objective's data is built at a time: each node is written without its children ("children"
    is its last key), which follow depth first before the node is closed.
    """
    out = [_dumps(head)[:-1] + b',"roots":[']
    size = 0
    stack = [iter(roots)]
    first = [True]
    while stack:
        card = next(stack[-1], None)
        if card is None:
            stack.pop()
            first.pop()
            out.append(b"]}")
            continue
        piece = _dumps(_node(card, scale))[:-1] + b',"children":['
        if first[-1]:
            first[-1] = False
        else:
            piece = b"," + piece
        out.append(piece)
        size += len(piece)
        stack.append(iter(card.children))
        first.append(True)
        if size >= CHUNK:
            yield b"".join(out)
            out, size = [], 0
    yield b"".join(out)


@router.get("/cycles/{cycle_id}/tree", response={200: Tree, **READ_ERRORS})
def cycle_tree(request, cycle_id: int):
    """Return the cycle's whole alignment tree with roll-up progress, in a fixed set of queries."""
    organization = request.organization
    with replica_reads():
        cycles = list(Cycle.objects.of(organization))
        cycle = next((c for c in cycles if c.pk == cycle_id), None)
        if cycle is None:
            return 404, {"detail": "Not found.", "errors": []}
        seen = visibility_filter(request.user)
        tree = alignment_tree(organization, cycle, cycles, clock.today(), seen)
    scale = organization.score_scale
    # Written directly as JSON, one objective at a time and streamed: validating thousands of
    # nodes through the Tree schema cost half the request, and the whole body at once cost the
    # worker tens of megabytes; the schema still documents the response.
    head = {
        "cycle": {f: getattr(cycle, f) for f in CycleOut.model_fields},
        "objectives": tree.count(),
    }
    body = _tree_json(head, tree.roots, scale)
    content_type = "application/json; charset=utf-8"
    if tree.streamed():
        return StreamingHttpResponse(body, content_type=content_type)
    return HttpResponse(b"".join(body), content_type=content_type)
