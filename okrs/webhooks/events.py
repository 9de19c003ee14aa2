"""Queue webhook deliveries for an event, inside the transaction of the change that caused it."""

from django.db.models import Exists, OuterRef

from okrs import clock
from okrs.webhooks.models import EVENTS, Delivery, Endpoint


def endpoints_exist(organization_id=None) -> Exists:
    """Return an expression true when the organisation has an active endpoint.

    Annotated on a row that a write reads anyway, it lets the write skip emit (and building the
    payload) without a query of its own when nobody could receive the event.
    """
    if organization_id is None:
        organization_id = OuterRef("organization_id")
    return Exists(Endpoint.objects.filter(organization_id=organization_id, active=True))


def emit(organization_id: int, event: str, data: dict) -> int:
    """Queue the event for every active endpoint of the organisation subscribed to it."""
    if event not in EVENTS:
        raise ValueError(f"Unknown webhook event {event!r}.")
    endpoints = [
        endpoint
        for endpoint in Endpoint.objects.filter(
            organization_id=organization_id, active=True
        ).select_related("organization")
        if endpoint.subscribes_to(event)
    ]
    if not endpoints:
        return 0
    now = clock.now()
    payload = {
        "event": event,
        "occurred_at": now.isoformat(),
        "organization": endpoints[0].organization.slug,
        "data": data,
    }
    Delivery.objects.bulk_create(
        Delivery(
            organization_id=organization_id,
            endpoint=endpoint,
            event=event,
            payload=payload,
            next_attempt_at=now,
            created_at=now,
        )
        for endpoint in endpoints
    )
    return len(endpoints)
