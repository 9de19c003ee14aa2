"""Shared pieces of the API routes: paging, access checks and computed read models."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from ninja import Field, Schema
from pydantic import create_model

from okrs import clock
from okrs.domain.mix import indicator_mix
from okrs.kpis.models import KPI
from okrs.kpis.responses import kpis_responded_to
from okrs.objectives.models import Alignment, Contribution, Objective
from okrs.objectives.scorecards import (
    KeyResultCard,
    ObjectiveCard,
    scorecards_for,
    with_overrides,
)
from okrs.organizations.permissions import can_write_objective, can_write_team
from okrs.organizations.visibility import visibility_filter


class Paging(Schema):
    """Which page of a list to return."""

    limit: int = Field(50, ge=1, le=500, description="How many items (1-500).")
    offset: int = Field(0, ge=0, le=10_000_000, description="How many items to skip.")


def page_of(item: type) -> type:
    """Return the schema of a page of items: the total count and the items."""
    return create_model(
        f"{item.__name__.removesuffix('Out')}Page",
        __base__=Schema,
        count=(int, ...),
        items=(list[item], ...),
    )


def links(parameter: str, *operations: str, status: int = 201, field: str = "id") -> dict:
    """Return OpenAPI links: the answer's `field` names the row the operations take as parameter.

    Operations are named by module and function (`cycles.get_cycle`); clients and stateful
    testing follow the links from a created row to reading, changing and deleting it.
    """
    named = {}
    for operation in operations:
        module, function = operation.split(".")
        named[function] = {
            "operationId": f"okrs_api_routes_{module}_{function}",
            "parameters": {parameter: f"$response.body#/{field}"},
        }
    return {"responses": {status: {"links": named}}}


ARCHIVED = (
    "Which to list: `false` (the default) those in use, `true` only the archived ones, `all` both."
)


def archived_filter(queryset, archived: str):
    """Return the queryset's rows in use ("false"), archived ("true") or all of them ("all")."""
    if archived == "all":
        return queryset
    return queryset.filter(archived_at__isnull=archived == "false")


def page(queryset, paging: Paging) -> tuple[int, list]:
    """Return the total count and the requested slice of the queryset."""
    return queryset.count(), list(queryset[paging.offset : paging.offset + paging.limit])


def require_writer(request) -> None:
    """Refuse stakeholders, who read only."""
    if request.user.is_read_only():
        raise PermissionDenied("Stakeholders read OKRs; they do not change them.")


def require_organization_writer(request) -> None:
    """Refuse everyone but admins and OKR leaders."""
    if not request.user.writes_everything():
        raise PermissionDenied("Only admins and OKR leaders change this.")


def require_team_writer(request, team) -> None:
    """Refuse people who may not write the team's OKRs."""
    require_writer(request)
    if not can_write_team(request.user, team):
        raise PermissionDenied(
            f"Only members of {team} (or admins and OKR leaders) change its OKRs."
        )


def require_objective_writer(request, objective) -> None:
    """Refuse people who may not write the objective."""
    require_writer(request)
    if not can_write_objective(request.user, objective):
        raise PermissionDenied(
            "Only the owning team (or admins and OKR leaders) change this objective."
        )


def pace_data(card, scale: str) -> dict:
    """Return the computed figures of an objective or key result card."""
    return {
        "progress": round(card.progress, 4),
        "expected_progress": round(card.expected, 4),
        "progress_status": card.status,
        "state": card.state,
        "score": card.score,
        "score_10": card.score if scale == "0-10" else round(card.score * 10, 1),
    }


def key_result_data(card: KeyResultCard, scale: str) -> dict:
    """Return a key result with its computed figures."""
    kr = card.key_result
    return {
        **{
            f: getattr(kr, f)
            for f in ("id", "ref", "objective_id", "title", "type", "unit", "start", "target")
        },
        **{
            f: getattr(kr, f)
            for f in ("current", "indicator", "kind", "weight", "balancing", "team_id")
        },
        **{f: getattr(kr, f) for f in ("linked_objective_id", "grade", "checked_in_at", "version")},
        "direction": kr.effective_direction(),
        **pace_data(card, scale),
        "confidence": kr.confidence,
    }


def responds_to_data(kpi: KPI) -> dict:
    """Return a KPI an objective responds to, with its latest value and health."""
    fields = ("id", "name", "team_id", "unit", "latest_value")
    return {**{f: getattr(kpi, f) for f in fields}, "healthy": kpi.is_healthy()}


def objective_data(
    card: ObjectiveCard,
    scale: str,
    aligned: list[int],
    contributors: list[int],
    responds_to: Sequence[KPI] = (),
) -> dict:
    """Return an objective with its key results and computed figures."""
    o = card.objective
    mix = indicator_mix(kr.key_result.indicator for kr in card.key_results)
    return {
        **{
            f: getattr(o, f)
            for f in ("id", "ref", "title", "description", "cycle_id", "team_id", "owner_id")
        },
        **{f: getattr(o, f) for f in ("ambition", "hypothesis", "status", "grade", "version")},
        "drafted_by_id": o.drafted_by_id,
        "accepted_at": o.accepted_at,
        "aligned_to": aligned,
        "contributors": contributors,
        "responds_to": [responds_to_data(kpi) for kpi in responds_to],
        "indicators": {"leading": mix.leading, "lagging": mix.lagging, "unmarked": mix.unmarked},
        "key_results": [key_result_data(kr, scale) for kr in card.key_results],
        **pace_data(card, scale),
        "confidence": card.confidence,
        "override": override_data(card.override),
        "validation": o.validation or {},
        "publish_reason": o.publish_reason,
    }


def override_data(override) -> dict | None:
    """Return a status set by hand as plain data, or None when there is none."""
    if override is None:
        return None
    person = override.set_by
    return {
        "state": override.state,
        "reason": override.reason,
        "set_by_id": override.set_by_id,
        "set_by": person.get_full_name() if person is not None else "",
        "set_at": override.set_at,
    }


def objectives_data(objectives: list[Objective], organization, reader) -> list[dict]:
    """Return the objectives with their computed figures and links, in a fixed number of queries.

    Alignment names only the parents the reader may see.
    """
    cards = scorecards_for(objectives, organization.score_scale, clock.today())
    with_overrides(cards.values())
    ids = [o.pk for o in objectives]
    aligned: dict[int, list[int]] = {}
    parents = Alignment.objects.filter(visibility_filter(reader, prefix="parent__"))
    for child, parent in parents.filter(child_id__in=ids).values_list("child_id", "parent_id"):
        aligned.setdefault(child, []).append(parent)
    shared: dict[int, list[int]] = {}
    for objective, team in Contribution.objects.filter(objective_id__in=ids).values_list(
        "objective_id", "team_id"
    ):
        shared.setdefault(objective, []).append(team)
    kpis = kpis_responded_to(ids)
    return [
        objective_data(
            cards[o.pk],
            organization.score_scale,
            aligned.get(o.pk, []),
            shared.get(o.pk, []),
            kpis[o.pk],
        )
        for o in objectives
    ]
