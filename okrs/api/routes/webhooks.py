"""Webhook endpoints and their deliveries, for organisation admins."""

from datetime import datetime
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from okrs.api.common import Paging, links, page, page_of
from okrs.api.errors import ERRORS, READ_ERRORS
from okrs.api.schemas import Deleted, Flag, Input
from okrs.organizations.models import Role
from okrs.webhooks import actions
from okrs.webhooks.models import Delivery, Endpoint

router = Router(tags=["webhooks"])
Event = Literal[
    "checkin.created",
    "objective.created",
    "objective.updated",
    "objective.status_changed",
    "key_result.updated",
    "initiative.created",
    "initiative.updated",
    "initiative.deleted",
    "cycle.closed",
]
Url = Annotated[str, Field(min_length=8, max_length=500)]


class EndpointOut(Schema):
    """A registered webhook endpoint (its secret is never shown again)."""

    id: int
    url: str
    events: list[str]
    active: bool
    description: str
    created_at: datetime


class EndpointCreated(EndpointOut):
    """A new endpoint, with its signing secret shown this once."""

    secret: str


class EndpointIn(Input):
    """A new endpoint: where to send which events."""

    url: Url
    events: Annotated[list[Event], Field(min_length=1, max_length=6)]
    secret: Annotated[str, Field(min_length=16, max_length=200)] | None = None
    description: Annotated[str, Field(max_length=200)] = ""


class EndpointPatch(Input):
    """Changes to an endpoint."""

    url: Url | None = None
    events: Annotated[list[Event], Field(min_length=1, max_length=6)] | None = None
    active: Flag | None = None
    description: Annotated[str, Field(max_length=200)] | None = None


class DeliveryOut(Schema):
    """One delivery of an event to an endpoint, and how it went."""

    id: int
    event: str
    status: str
    attempts: int
    last_status_code: int | None
    last_error: str
    created_at: datetime
    next_attempt_at: datetime | None
    delivered_at: datetime | None


EndpointPage = page_of(EndpointOut)
DeliveryPage = page_of(DeliveryOut)


def _admin(request) -> None:
    if request.user.role != Role.ADMIN:
        raise PermissionDenied("Only organisation admins manage webhooks.")


def _endpoint(request, endpoint_id: int) -> Endpoint:
    return get_object_or_404(Endpoint.objects.of(request.organization), pk=endpoint_id)


@router.get("/webhooks", response={200: EndpointPage, **ERRORS})
def list_endpoints(request, paging: Query[Paging]):
    """List the organisation's webhook endpoints (admins)."""
    _admin(request)
    count, items = page(Endpoint.objects.of(request.organization).order_by("pk"), paging)
    return {"count": count, "items": items}


@router.post(
    "/webhooks",
    response={201: EndpointCreated, **ERRORS},
    openapi_extra=links(
        "endpoint_id",
        "webhooks.get_endpoint",
        "webhooks.update_endpoint",
        "webhooks.delete_endpoint",
        "webhooks.list_deliveries",
    ),
)
def create_endpoint(request, payload: EndpointIn):
    """Register an endpoint; the answer shows its signing secret this once (admins)."""
    _admin(request)
    endpoint = actions.create_endpoint(
        request.organization, created_by=request.user, **payload.dict()
    )
    return 201, endpoint


@router.get("/webhooks/{endpoint_id}", response={200: EndpointOut, **ERRORS})
def get_endpoint(request, endpoint_id: int):
    """Return one endpoint (admins)."""
    _admin(request)
    return _endpoint(request, endpoint_id)


@router.patch("/webhooks/{endpoint_id}", response={200: EndpointOut, **ERRORS})
def update_endpoint(request, endpoint_id: int, payload: EndpointPatch):
    """Change an endpoint's URL, events, description or whether it is active (admins)."""
    _admin(request)
    endpoint = _endpoint(request, endpoint_id)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    return actions.update_endpoint(endpoint, **changes)


@router.delete("/webhooks/{endpoint_id}", response={200: Deleted, **ERRORS})
def delete_endpoint(request, endpoint_id: int):
    """Delete an endpoint and its deliveries (admins)."""
    _admin(request)
    actions.delete_endpoint(_endpoint(request, endpoint_id))
    return {"deleted": endpoint_id}


@router.get(
    "/webhooks/{endpoint_id}/deliveries",
    response={200: DeliveryPage, **READ_ERRORS, 403: ERRORS[403]},
)
def list_deliveries(request, endpoint_id: int, paging: Query[Paging]):
    """List an endpoint's deliveries, newest first: status, attempts, last error (admins)."""
    _admin(request)
    endpoint = _endpoint(request, endpoint_id)
    deliveries = Delivery.objects.filter(endpoint=endpoint).order_by("-created_at", "-pk")
    count, items = page(deliveries, paging)
    return {"count": count, "items": items}
