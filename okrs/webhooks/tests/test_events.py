"""emit queues deliveries for the organisation's subscribed active endpoints, in one transaction."""

from datetime import datetime

import pytest
from django.db import transaction

from okrs.objectives.actions import record_check_in
from okrs.webhooks.actions import create_endpoint, update_endpoint
from okrs.webhooks.events import emit
from okrs.webhooks.models import Delivery


def test_emit_queues_for_subscribed_active_endpoints_of_the_organisation_only(world, other_world):
    wanted = create_endpoint(world.org, "https://a.example.com/hook", ["cycle.closed"])
    create_endpoint(world.org, "https://b.example.com/hook", ["checkin.created"])
    paused = create_endpoint(world.org, "https://c.example.com/hook", ["cycle.closed"])
    update_endpoint(paused, active=False)
    create_endpoint(other_world["org"], "https://globex.example.com/hook", ["cycle.closed"])

    assert emit(world.org.pk, "cycle.closed", {"cycle": {"id": 1}}) == 1

    delivery = Delivery.objects.get()
    assert delivery.endpoint == wanted
    assert delivery.organization_id == world.org.pk
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 0
    assert delivery.next_attempt_at is not None


def test_payload_is_the_documented_envelope(world):
    create_endpoint(world.org, "https://a.example.com/hook", ["cycle.closed"])
    emit(world.org.pk, "cycle.closed", {"cycle": {"id": 7}})
    payload = Delivery.objects.get().payload
    assert set(payload) == {"event", "occurred_at", "organization", "data"}
    assert payload["event"] == "cycle.closed"
    assert payload["organization"] == "acme"
    assert payload["data"] == {"cycle": {"id": 7}}
    assert datetime.fromisoformat(payload["occurred_at"]).tzinfo is not None


def test_emit_without_subscribers_queues_nothing_in_one_query(world, django_assert_num_queries):
    create_endpoint(world.org, "https://a.example.com/hook", ["checkin.created"])
    with django_assert_num_queries(1):
        assert emit(world.org.pk, "cycle.closed", {}) == 0
    assert not Delivery.objects.exists()


def test_emit_finds_endpoints_in_one_query_however_many(world, django_assert_num_queries):
    for n in range(4):
        create_endpoint(world.org, f"https://{n}.example.com/hook", ["cycle.closed"])
    with django_assert_num_queries(2):
        assert emit(world.org.pk, "cycle.closed", {}) == 4


def test_unknown_event_is_refused(world):
    with pytest.raises(ValueError, match="Unknown webhook event"):
        emit(world.org.pk, "objective.exploded", {})


def test_nothing_is_queued_when_the_change_rolls_back(world, endpoint):
    key_result = world.objective().key_results.first()
    Delivery.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_check_in(key_result, 30000, 6, author=world.alice)
        assert Delivery.objects.filter(event="checkin.created").count() == 1
        raise RuntimeError("the request failed after the check-in")
    assert not Delivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_queue_commits_with_the_change(world, endpoint):
    key_result = world.objective().key_results.first()
    record_check_in(key_result, 30000, 6, author=world.alice)
    assert Delivery.objects.filter(event="checkin.created", endpoint=endpoint).count() == 1
