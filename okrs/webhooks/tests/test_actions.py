"""Endpoints are validated when created or changed; deliveries can be queued again."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from okrs.webhooks.actions import create_endpoint, delete_endpoint, redeliver, update_endpoint
from okrs.webhooks.events import emit
from okrs.webhooks.models import Delivery, Endpoint


def error_fields(error: ValidationError) -> set[str]:
    """Return the field names a validation error names."""
    return set(error.value.message_dict)


def test_created_endpoint_gets_a_strong_generated_secret(world):
    endpoint = create_endpoint(
        world.org, "https://hooks.example.com/okrs", ["cycle.closed"], created_by=world.admin
    )
    other = create_endpoint(world.org, "https://hooks.example.com/okrs2", ["cycle.closed"])
    assert len(endpoint.secret) >= 40
    assert endpoint.secret != other.secret
    assert endpoint.active
    assert endpoint.created_by == world.admin


def test_given_secret_is_kept(world):
    endpoint = create_endpoint(
        world.org, "http://127.0.0.1:9000/in", ["cycle.closed"], secret="s" * 20
    )
    assert endpoint.secret == "s" * 20


def test_events_are_stored_once_in_the_documented_order(world):
    events = ["cycle.closed", "checkin.created", "cycle.closed"]
    endpoint = create_endpoint(world.org, "https://hooks.example.com/okrs", events)
    assert endpoint.events == ["checkin.created", "cycle.closed"]


@pytest.mark.parametrize("url", ["ftp://files.example.com/in", "javascript:alert(1)", "nope", ""])
def test_url_must_be_http_or_https(world, url):
    with pytest.raises(ValidationError) as error:
        create_endpoint(world.org, url, ["cycle.closed"])
    assert error_fields(error) == {"url"}
    assert not Endpoint.objects.exists()


@pytest.mark.parametrize("events", [[], ["objective.exploded"], "cycle.closed", None])
def test_events_must_be_a_list_of_known_events(world, events):
    with pytest.raises(ValidationError) as error:
        create_endpoint(world.org, "https://hooks.example.com/okrs", events)
    assert error_fields(error) == {"events"}


def test_short_secret_is_refused(world):
    with pytest.raises(ValidationError) as error:
        create_endpoint(world.org, "https://hooks.example.com/okrs", ["cycle.closed"], "short")
    assert error_fields(error) == {"secret"}


def test_creator_must_belong_to_the_organisation(world, other_world):
    with pytest.raises(ValidationError):
        create_endpoint(
            world.org, "https://a.example.com/h", ["cycle.closed"], created_by=other_world["person"]
        )


def test_update_endpoint_validates_and_saves(world, endpoint):
    update_endpoint(endpoint, events=["cycle.closed"], description="Slack relay")
    endpoint.refresh_from_db()
    assert endpoint.events == ["cycle.closed"]
    assert endpoint.description == "Slack relay"
    with pytest.raises(ValidationError):
        update_endpoint(endpoint, url="gopher://old.example.com")
    with pytest.raises(TypeError):
        update_endpoint(endpoint, organization=None)


def test_delete_endpoint_takes_its_deliveries(world, endpoint):
    emit(world.org.pk, "cycle.closed", {})
    delete_endpoint(endpoint)
    assert not Endpoint.objects.exists()
    assert not Delivery.objects.exists()


def test_redeliver_queues_a_failed_delivery_now_with_fresh_attempts(world, endpoint):
    emit(world.org.pk, "cycle.closed", {})
    Delivery.objects.update(
        status="failed", attempts=8, next_attempt_at=None, last_error="HTTP 500"
    )
    before = timezone.now()
    delivery = redeliver(Delivery.objects.get())
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 0
    assert delivery.next_attempt_at >= before
    assert delivery.last_error == "HTTP 500"
