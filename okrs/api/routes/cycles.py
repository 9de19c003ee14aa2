"""Cycles, and the alignment tree of a cycle."""

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema

from okrs.api.common import (
    Paging,
    page,
    page_of,
    require_organization_writer,
)
from okrs.api.errors import ERRORS, READ_ERRORS
from okrs.api.schemas import CycleIn, CycleOut, CyclePatch, CycleState, Deleted, KeyResultOut, Pace
from okrs.cycles import actions
from okrs.cycles.models import Cycle
from okrs.objectives.tree import alignment_tree
from okrs.planning.visibility import visibility_filter
from okrs.routers import replica_reads

router = Router(tags=["cycles"])
_ENCODER = DjangoJSONEncoder()
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


@router.post("/cycles", response={201: CycleOut, **ERRORS})
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
    """Return an objective of the tree and its subtree as TreeNode writes it."""
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
        children=[_node(child, scale) for child in card.children],
    )
    return data


def _json(value) -> HttpResponse:
    """Return value as JSON, written as django-ninja writes it (dates by Django's encoder)."""
    body = orjson.dumps(value, default=_ENCODER.default, option=orjson.OPT_PASSTHROUGH_DATETIME)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


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
        tree = alignment_tree(organization, cycle, cycles, timezone.localdate(), seen)
    scale = organization.score_scale
    # Built as plain data and written directly: validating thousands of nodes through the
    # Tree schema cost half the request; the schema still documents the response.
    return _json(
        {
            "cycle": {f: getattr(cycle, f) for f in CycleOut.model_fields},
            "objectives": tree.count(),
            "roots": [_node(root, scale) for root in tree.roots],
        }
    )
