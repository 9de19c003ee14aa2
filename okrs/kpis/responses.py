"""Objectives that respond to KPIs: linking, unlinking and reading the links."""

from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs.kpis.actions import healthy_range
from okrs.kpis.models import KPI, KPIResponse
from okrs.organizations.audit import record_change
from okrs.organizations.models import Person


class Responding(Protocol):
    """What a link needs of an objective (the objectives app sits beside this one, not below)."""

    pk: int
    organization_id: int
    title: str


def _same_organization(kpi: KPI, objective: Responding) -> None:
    """Refuse a link across organisations."""
    if kpi.organization_id != objective.organization_id:
        raise ValidationError({"kpi": "No such KPI in this organisation."})


@transaction.atomic
def link_kpi(kpi: KPI, objective: Responding, *, by: Person | None = None) -> KPIResponse:
    """Record that the objective responds to the KPI; linking twice keeps one link."""
    _same_organization(kpi, objective)
    response, created = KPIResponse.objects.get_or_create(
        kpi=kpi, objective_id=objective.pk, defaults={"organization_id": kpi.organization_id}
    )
    if created:
        record_change(
            kpi.team.organization,
            by,
            "kpi.linked",
            f"“{objective.title}” responds to the KPI {kpi} of {kpi.team}",
            team=kpi.team,
            kpi=kpi.pk,
            objective=objective.pk,
        )
    return response


@transaction.atomic
def unlink_kpi(kpi: KPI, objective: Responding, *, by: Person | None = None) -> bool:
    """Remove the link between the KPI and the objective; return whether there was one."""
    _same_organization(kpi, objective)
    deleted, _ = KPIResponse.objects.filter(kpi=kpi, objective_id=objective.pk).delete()
    if deleted:
        record_change(
            kpi.team.organization,
            by,
            "kpi.unlinked",
            f"“{objective.title}” no longer responds to the KPI {kpi} of {kpi.team}",
            team=kpi.team,
            kpi=kpi.pk,
            objective=objective.pk,
        )
    return bool(deleted)


@transaction.atomic
def set_responses(objective: Responding, kpis: list[KPI], *, by: Person | None = None) -> None:
    """Make the objective respond to exactly these KPIs, linking and unlinking as needed."""
    wanted = {kpi.pk: kpi for kpi in kpis}
    for kpi in wanted.values():
        _same_organization(kpi, objective)
    linked = KPIResponse.objects.filter(objective_id=objective.pk).select_related(
        "kpi__team__organization"
    )
    for response in linked:
        if response.kpi_id not in wanted:
            unlink_kpi(response.kpi, objective, by=by)
        wanted.pop(response.kpi_id, None)
    for kpi in wanted.values():
        link_kpi(kpi, objective, by=by)


def kpis_responded_to(objective_ids: list[int]) -> dict[int, list[KPI]]:
    """Return, for each objective, the KPIs it responds to, in one query."""
    found: dict[int, list[KPI]] = {pk: [] for pk in objective_ids}
    links = (
        KPIResponse.objects.filter(objective_id__in=objective_ids)
        .select_related("kpi")
        .order_by("kpi__name", "kpi_id")
    )
    for link in links:
        found[link.objective_id].append(link.kpi)
    return found


def _with_unit(kpi: KPI, text: str) -> str:
    """Return the text followed by the KPI's unit, as people write it (98%, 12 days)."""
    return text + (kpi.unit if kpi.unit in ("", "%") else f" {kpi.unit}")


def draft_title(kpi: KPI) -> str:
    """Return a starting title for an objective answering the KPI: its name and its range.

    The numbers stay out of the title (an objective is qualitative); draft_description has them.
    """
    return f"Bring {kpi.name[:1].lower()}{kpi.name[1:]} back within its healthy range"


def draft_description(kpi: KPI) -> str:
    """Return a starting description naming the KPI, its latest value and its healthy range."""
    text = f"Responds to the KPI {kpi.name} of {kpi.team}: "
    if kpi.latest_value is not None:
        text += f"latest {_with_unit(kpi, f'{kpi.latest_value:g}')}, "
    return text + f"healthy {_with_unit(kpi, healthy_range(kpi))}."
