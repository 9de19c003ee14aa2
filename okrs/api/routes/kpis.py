"""KPIs (health metrics, kept apart from OKRs) and their measurements."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router

from okrs.api.common import (
    ARCHIVED,
    Paging,
    archived_filter,
    links,
    page,
    page_of,
    require_objective_writer,
    require_team_writer,
)
from okrs.api.errors import ERRORS, READ_ERRORS
from okrs.api.schemas import (
    Archived,
    Deleted,
    Id,
    KPIIn,
    KPIOut,
    KPIPatch,
    KPIResponseOut,
    MeasurementIn,
    MeasurementOut,
)
from okrs.kpis import actions
from okrs.kpis.models import KPI
from okrs.kpis.responses import link_kpi, unlink_kpi
from okrs.objectives.models import Objective
from okrs.organizations.models import Team
from okrs.organizations.visibility import visibility_filter

router = Router(tags=["kpis"])
KPIPage = page_of(KPIOut)
MeasurementPage = page_of(MeasurementOut)


class KPIFilters(Paging):
    """Filters of the KPI list."""

    team_id: Id | None = None
    archived: Archived = Field("false", description=ARCHIVED)


def _data(kpi: KPI) -> dict:
    fields = ("id", "name", "description", "unit", "team_id", "lower_bound", "upper_bound")
    return {
        **{f: getattr(kpi, f) for f in fields},
        "latest_value": kpi.latest_value,
        "latest_measured_at": kpi.latest_measured_at,
        "healthy": kpi.is_healthy(),
        "archived": kpi.archived_at is not None,
        "archived_at": kpi.archived_at,
    }


def _kpi(request, kpi_id: int) -> KPI:
    return get_object_or_404(KPI.objects.of(request.organization).select_related("team"), pk=kpi_id)


@router.get("/kpis", response={200: KPIPage, **READ_ERRORS})
def list_kpis(request, filters: Query[KPIFilters]):
    """List the organisation's KPIs, latest value and health: the watched ones by default."""
    kpis = archived_filter(KPI.objects.of(request.organization), filters.archived)
    kpis = kpis.order_by("name", "pk")
    if filters.team_id:
        kpis = kpis.filter(team_id=filters.team_id)
    count, items = page(kpis, filters)
    return {"count": count, "items": [_data(k) for k in items]}


@router.get("/kpis/{kpi_id}", response={200: KPIOut, **READ_ERRORS})
def get_kpi(request, kpi_id: int):
    """Return one KPI."""
    return _data(_kpi(request, kpi_id))


@router.post(
    "/kpis",
    response={201: KPIOut, **ERRORS},
    openapi_extra=links(
        "kpi_id",
        "kpis.get_kpi",
        "kpis.update_kpi",
        "kpis.delete_kpi",
        "kpis.list_measurements",
        "kpis.create_measurement",
    ),
)
def create_kpi(request, payload: KPIIn):
    """Create a KPI for a team you belong to."""
    team = get_object_or_404(Team.objects.of(request.organization), pk=payload.team_id)
    require_team_writer(request, team)
    fields = payload.dict(exclude={"team_id"})
    return 201, _data(actions.add_kpi(team, **fields, by=request.user))


@router.patch("/kpis/{kpi_id}", response={200: KPIOut, **ERRORS})
def update_kpi(request, kpi_id: int, payload: KPIPatch):
    """Change a KPI's name, description, unit or healthy range; archive it or watch it again."""
    kpi = _kpi(request, kpi_id)
    require_team_writer(request, kpi.team)
    changes = payload.dict(exclude_unset=True)
    archived = changes.pop("archived", None)
    with transaction.atomic():
        if archived is True:
            kpi = actions.archive_kpi(kpi, by=request.user)
        elif archived is False:
            kpi = actions.unarchive_kpi(kpi, by=request.user)
        if changes:
            kpi = actions.update_kpi(kpi, by=request.user, **changes)
    return _data(kpi)


@router.delete("/kpis/{kpi_id}", response={200: Deleted, **ERRORS})
def delete_kpi(request, kpi_id: int):
    """Delete a KPI and its measurements."""
    kpi = _kpi(request, kpi_id)
    require_team_writer(request, kpi.team)
    actions.delete_kpi(kpi)
    return {"deleted": kpi_id}


@router.get("/kpis/{kpi_id}/measurements", response={200: MeasurementPage, **READ_ERRORS})
def list_measurements(request, kpi_id: int, filters: Query[Paging]):
    """List a KPI's measurements, newest first."""
    kpi = _kpi(request, kpi_id)
    count, items = page(kpi.measurements.order_by("-measured_at", "-pk"), filters)
    return {"count": count, "items": items}


@router.post("/kpis/{kpi_id}/measurements", response={201: MeasurementOut, **ERRORS})
def create_measurement(request, kpi_id: int, payload: MeasurementIn):
    """Record a reading of a KPI."""
    kpi = _kpi(request, kpi_id)
    require_team_writer(request, kpi.team)
    return 201, actions.record_measurement(
        kpi, payload.value, at=payload.measured_at, note=payload.note
    )


def _responding(request, kpi_id: int, objective_id: int) -> tuple[KPI, Objective]:
    """Return the KPI and the objective the person may write, else 404 or 403."""
    kpi = _kpi(request, kpi_id)
    objectives = Objective.objects.of(request.organization).filter(visibility_filter(request.user))
    objective = get_object_or_404(objectives.select_related("team"), pk=objective_id)
    require_objective_writer(request, objective)
    return kpi, objective


@router.put("/kpis/{kpi_id}/objectives/{objective_id}", response={200: KPIResponseOut, **ERRORS})
def link_objective(request, kpi_id: int, objective_id: int):
    """Record that an objective you may change responds to the KPI; linking twice is harmless."""
    kpi, objective = _responding(request, kpi_id, objective_id)
    link_kpi(kpi, objective, by=request.user)
    return {"kpi_id": kpi.pk, "objective_id": objective.pk, "linked": True}


@router.delete("/kpis/{kpi_id}/objectives/{objective_id}", response={200: KPIResponseOut, **ERRORS})
def unlink_objective(request, kpi_id: int, objective_id: int):
    """Remove the link between the KPI and an objective you may change."""
    kpi, objective = _responding(request, kpi_id, objective_id)
    unlink_kpi(kpi, objective, by=request.user)
    return {"kpi_id": kpi.pk, "objective_id": objective.pk, "linked": False}


@router.get("/kpis/{kpi_id}/objectives", response={200: list[int], **READ_ERRORS})
def list_responding_objectives(request, kpi_id: int):
    """List the ids of the objectives you may see that respond to the KPI."""
    kpi = _kpi(request, kpi_id)
    objectives = (
        Objective.objects.of(request.organization)
        .filter(kpi_responses__kpi=kpi)
        .filter(visibility_filter(request.user))
        .order_by("pk")
    )
    return list(objectives.values_list("pk", flat=True))
