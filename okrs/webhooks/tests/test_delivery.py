"""deliver_due sends signed deliveries to real receivers, and retries failures with backoff."""

import json
import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from okrs.objectives.actions import record_check_in
from okrs.webhooks import delivery as worker
from okrs.webhooks.actions import create_endpoint, update_endpoint
from okrs.webhooks.delivery import MAX_ATTEMPTS, deliver_due, retry_delay
from okrs.webhooks.models import Delivery
from okrs.webhooks.tests.conftest import SECRET
from tests.receiver import verify


def queue_check_in(world, url: str) -> Delivery:
    """Subscribe the URL to check-ins, record one, and return its queued delivery."""
    key_result = world.objective().key_results.first()
    create_endpoint(world.org, url, ["checkin.created"], secret=SECRET)
    record_check_in(key_result, 30000, 6, author=world.alice)
    return Delivery.objects.get()


@pytest.mark.django_db(transaction=True)
def test_receiver_gets_a_signed_delivery_it_can_verify(world, receiver):
    delivery = queue_check_in(world, receiver.url)

    assert deliver_due() == {"delivered": 1}

    [request] = receiver.requests
    headers, body = request["headers"], request["body"]
    assert request["path"] == "/okrs-hook"
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Okrs-Event"] == "checkin.created"
    assert headers["X-Okrs-Delivery"] == str(delivery.pk)
    assert verify(SECRET, headers["X-Okrs-Timestamp"], body, headers["X-Okrs-Signature"])
    assert not verify(
        "another-secret-of-some-length",
        headers["X-Okrs-Timestamp"],
        body,
        headers["X-Okrs-Signature"],
    )
    assert body == json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    assert receiver.json()["data"]["check_in"]["author_email"] == "alice@acme.test"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.attempts == 1
    assert delivery.last_status_code == 204
    assert delivery.last_error == ""
    assert delivery.delivered_at is not None
    assert delivery.next_attempt_at is None


def test_answer_500_is_retried_after_the_backoff_and_then_delivered(world, receiver):
    delivery = queue_check_in(world, receiver.url)
    receiver.answers = [500]
    now = timezone.now()

    assert deliver_due(now=now) == {"retrying": 1}
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.PENDING
    assert (delivery.attempts, delivery.last_status_code) == (1, 500)
    assert delivery.last_error.startswith("HTTP 500")
    assert delivery.next_attempt_at == now + timedelta(seconds=30)

    assert deliver_due(now=now + timedelta(seconds=29)) == {}
    assert deliver_due(now=now + timedelta(seconds=30)) == {"delivered": 1}
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.attempts == 2
    assert delivery.last_status_code == 204
    ids = [r["headers"]["X-Okrs-Delivery"] for r in receiver.requests]
    assert ids == [str(delivery.pk)] * 2
    for request in receiver.requests:
        headers = request["headers"]
        assert verify(
            SECRET, headers["X-Okrs-Timestamp"], request["body"], headers["X-Okrs-Signature"]
        )


def test_refused_connection_is_retried_until_it_fails_after_eight_attempts(world, closed_port_url):
    delivery = queue_check_in(world, closed_port_url)
    now = timezone.now()
    for attempt in range(1, MAX_ATTEMPTS):
        assert deliver_due(now=now) == {"retrying": 1}
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
        assert delivery.last_status_code is None
        assert "refused" in delivery.last_error.lower()
        assert delivery.next_attempt_at == now + retry_delay(attempt)
        now = delivery.next_attempt_at

    assert deliver_due(now=now) == {"failed": 1}
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == MAX_ATTEMPTS
    assert delivery.next_attempt_at is None
    assert deliver_due(now=now + timedelta(days=1)) == {}


def test_backoff_doubles_from_30_seconds_up_to_an_hour():
    waits = [retry_delay(n).total_seconds() for n in range(1, 10)]
    assert waits == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_slow_receiver_times_out_and_is_retried(world, receiver, monkeypatch):
    monkeypatch.setattr(worker, "TIMEOUT_SECONDS", 0.2)
    receiver.delay = 1
    delivery = queue_check_in(world, receiver.url)
    assert deliver_due() == {"retrying": 1}
    delivery.refresh_from_db()
    assert "0.2 s" in delivery.last_error


def test_redirect_is_not_followed(world, receiver):
    delivery = queue_check_in(world, receiver.url)
    receiver.answers = [302]
    assert deliver_due() == {"retrying": 1}
    delivery.refresh_from_db()
    assert delivery.last_status_code == 302
    assert len(receiver.requests) == 1


def test_unreachable_host_name_never_raises(world):
    delivery = queue_check_in(world, "http://no-such-host.invalid/hook")
    assert deliver_due() == {"retrying": 1}
    delivery.refresh_from_db()
    assert delivery.last_error.startswith("Could not connect")


def test_delivery_to_a_paused_endpoint_fails_without_being_sent(world, receiver):
    delivery = queue_check_in(world, receiver.url)
    update_endpoint(delivery.endpoint, active=False)
    assert deliver_due() == {"failed": 1}
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert "paused" in delivery.last_error
    assert receiver.requests == []


def test_a_claimed_delivery_is_not_claimed_again(world, receiver):
    queue_check_in(world, receiver.url)
    now = timezone.now()
    assert worker._claim_next(now) is not None
    assert worker._claim_next(now) is None
    assert deliver_due(now=now) == {}
    assert deliver_due(now=now + worker.LEASE) == {"delivered": 1}


def test_limit_bounds_one_run(world, receiver):
    key_result = world.objective().key_results.first()
    create_endpoint(world.org, receiver.url, ["checkin.created"], secret=SECRET)
    for value in (1, 2, 3):
        record_check_in(key_result, value, 5)
    assert deliver_due(limit=2) == {"delivered": 2}
    assert deliver_due(limit=2) == {"delivered": 1}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_the_same_delivery(world, receiver):
    key_result = world.objective().key_results.first()
    create_endpoint(world.org, receiver.url, ["checkin.created"], secret=SECRET)
    for value in range(30):
        record_check_in(key_result, value, 5)

    def work():
        try:
            deliver_due()
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work) for _ in range(3)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()

    sent = [r["headers"]["X-Okrs-Delivery"] for r in receiver.requests]
    assert len(sent) == len(set(sent)) == 30
    assert Delivery.objects.filter(status=Delivery.Status.DELIVERED, attempts=1).count() == 30
