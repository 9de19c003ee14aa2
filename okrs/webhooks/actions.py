"""Writes to webhook endpoints and deliveries; each in one transaction."""

import base64
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs import clock, outbound
from okrs.organizations.models import Organization, Person
from okrs.webhooks.models import EVENTS, Delivery, Endpoint
from okrs.webhooks.signing import STANDARD_PREFIX

ENDPOINT_FIELDS = {"url", "events", "secret", "active", "description"}


def new_secret() -> str:
    """Return a strong secret in the Standard Webhooks form: `whsec_` and 32 random bytes."""
    return STANDARD_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def _tidy(events):
    """Return the events without repeats, known ones first and in the documented order."""
    if not isinstance(events, list | tuple | set | frozenset):
        return events
    known = [name for name in EVENTS if name in events]
    return known + [name for name in events if not (isinstance(name, str) and name in EVENTS)]


def _check(endpoint: Endpoint, url_changed: bool = True) -> None:
    endpoint.events = _tidy(endpoint.events)
    endpoint.full_clean(exclude=["organization", "created_by"])
    problem = outbound.destination_problem(endpoint.url) if url_changed else ""
    if problem:
        raise ValidationError({"url": f"Refused: {problem}."})


@transaction.atomic
def create_endpoint(
    organization: Organization,
    url: str,
    events: list[str],
    secret: str | None = None,
    description: str = "",
    created_by: Person | None = None,
) -> Endpoint:
    """Register an endpoint for the events; a strong secret is generated when none is given."""
    if created_by is not None and created_by.organization_id != organization.id:
        raise ValidationError({"created_by": "The person belongs to another organisation."})
    endpoint = Endpoint(
        organization=organization,
        url=url,
        events=events,
        secret=secret or new_secret(),
        description=description,
        created_by=created_by,
    )
    _check(endpoint)
    endpoint.save()
    return endpoint


@transaction.atomic
def update_endpoint(endpoint: Endpoint, **fields) -> Endpoint:
    """Change the endpoint's URL, events, secret, description or whether it is active."""
    unknown = set(fields) - ENDPOINT_FIELDS
    if unknown:
        raise TypeError(f"Unknown endpoint fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(endpoint, name, value)
    _check(endpoint, url_changed="url" in fields)
    endpoint.save(update_fields=list(fields))
    return endpoint


@transaction.atomic
def delete_endpoint(endpoint: Endpoint) -> None:
    """Delete the endpoint and its deliveries."""
    endpoint.delete()


@transaction.atomic
def redeliver(delivery: Delivery) -> Delivery:
    """Queue the delivery again, due now, with a fresh set of attempts."""
    delivery.status = Delivery.Status.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = clock.now()
    delivery.delivered_at = None
    delivery.save(update_fields=["status", "attempts", "next_attempt_at", "delivered_at"])
    return delivery
