"""Objectives' `responds_to` in OKRs-as-code: the KPIs each objective responds to."""

from collections import Counter

from django.db.models import Exists, OuterRef

from okrs.domain import document as d
from okrs.kpis.models import KPI, KPIResponse
from okrs.objectives.models import Objective
from okrs.organizations.models import Organization


class UnknownKPI(ValueError):
    """A `responds_to` entry names no KPI of the organisation, or more than one."""


def _resolve(reference: str, objective: Objective, kpis: list[KPI], label: str) -> KPI:
    """Return the KPI a `responds_to` entry names: an id, else a name (the team's own first)."""
    if reference.isdigit():
        found = [k for k in kpis if str(k.pk) == reference]
    else:
        found = [k for k in kpis if k.name == reference]
        own = [k for k in found if k.team_id == objective.team_id]
        found = own or found
    if len(found) == 1:
        return found[0]
    if not found:
        names = ", ".join(sorted({repr(k.name) for k in kpis})[:10]) or "none yet"
        raise UnknownKPI(
            f"objective {label}: responds_to names no KPI {reference!r} (the KPIs are: {names})."
        )
    teams = ", ".join(sorted(str(k.team) for k in found))
    raise UnknownKPI(
        f"objective {label}: responds_to {reference!r} names KPIs of several teams ({teams}); "
        "give the KPI's id instead."
    )


def import_responses(
    organization: Organization,
    documents: list[d.ObjectiveDoc],
    rows: dict[str, Objective],
    counts: Counter,
) -> None:
    """Make each objective of the document respond to exactly the KPIs it names."""
    kpis = list(KPI.objects.of(organization).select_related("team"))
    wanted: set[tuple[int, int]] = set()
    for objective in documents:
        row = rows[objective.id]
        for reference in objective.responds_to:
            wanted.add((_resolve(reference, row, kpis, objective.id).pk, row.pk))
    ids = [rows[o.id].pk for o in documents]
    current = set(
        KPIResponse.objects.of(organization)
        .filter(objective_id__in=ids)
        .values_list("kpi_id", "objective_id")
    )
    for kpi, objective in current - wanted:
        KPIResponse.objects.filter(kpi_id=kpi, objective_id=objective).delete()
    KPIResponse.objects.bulk_create(
        KPIResponse(organization=organization, kpi_id=kpi, objective_id=objective)
        for kpi, objective in sorted(wanted - current)
    )
    if wanted - current:
        counts["KPI responses created"] += len(wanted - current)


def exported_responses(organization: Organization, objective_ids) -> dict[int, list[str]]:
    """Return, per objective, the KPIs it responds to as the file names them, in one query.

    A KPI is named by its name, or by its id when another KPI of the organisation has that name.
    """
    namesake = KPI.objects.of(organization).filter(name=OuterRef("kpi__name"))
    links = (
        KPIResponse.objects.of(organization)
        .filter(objective_id__in=objective_ids)
        .annotate(shared_name=Exists(namesake.exclude(pk=OuterRef("kpi_id"))))
        .order_by("kpi__name", "kpi_id")
        .values_list("objective_id", "kpi_id", "kpi__name", "shared_name")
    )
    found: dict[int, list[str]] = {}
    for objective, kpi, name, shared_name in links:
        found.setdefault(objective, []).append(str(kpi) if shared_name else name)
    return found
