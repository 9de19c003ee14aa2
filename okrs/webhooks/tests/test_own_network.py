"""An endpoint never makes okrs call its own network: refused when saved and when delivered."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import PASSWORD
from okrs.api.tests.conftest import ApiClient
from okrs.webhooks.actions import create_endpoint, update_endpoint
from okrs.webhooks.delivery import deliver_due
from okrs.webhooks.models import Endpoint
from okrs.webhooks.tests.test_delivery import queue_check_in
from tests.receiver import Flood

REFUSED = (
    "Refused: {}, on the server's own network; "
    "okrs sends nothing there unless OKRS_OUTBOUND_ALLOW allows it."
)


@pytest.fixture
def by_default(settings):
    """Run with no OKRS_OUTBOUND_ALLOW, as a fresh installation does."""
    settings.OUTBOUND_ALLOW = []


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://127.0.0.1:9000/in", "127.0.0.1 is a loopback address"),
        ("https://localhost/hook", "localhost (127.0.0.1) is a loopback address"),
        ("http://169.254.169.254/latest/", "169.254.169.254 is a cloud metadata address"),
        ("http://10.0.0.7/hook", "10.0.0.7 is a private address"),
        (
            "http://[::ffff:192.168.1.1]/",
            "::ffff:192.168.1.1 is a private address (192.168.1.1) in IPv6 form",
        ),
    ],
)
def test_an_endpoint_on_the_servers_own_network_is_refused_naming_the_address(
    world, by_default, url, shown
):
    with pytest.raises(ValidationError) as refused:
        create_endpoint(world.org, url, ["cycle.closed"])
    assert refused.value.message_dict == {"url": [REFUSED.format(shown)]}
    assert not Endpoint.objects.exists()


def test_moving_an_endpoint_to_the_servers_own_network_is_refused(world, by_default):
    endpoint = create_endpoint(world.org, "https://hooks.example.com/okrs", ["cycle.closed"])
    with pytest.raises(ValidationError, match="169.254.169.254 is a cloud metadata address"):
        update_endpoint(endpoint, url="http://169.254.169.254/")
    endpoint.refresh_from_db()
    assert endpoint.url == "https://hooks.example.com/okrs"


def test_an_endpoint_no_longer_allowed_can_still_be_paused(world, receiver, settings):
    endpoint = create_endpoint(world.org, receiver.url, ["cycle.closed"])
    settings.OUTBOUND_ALLOW = []
    update_endpoint(endpoint, active=False, description="Paused while we look")
    endpoint.refresh_from_db()
    assert not endpoint.active


def test_the_page_says_why_an_address_is_refused_and_keeps_the_input(client, world, by_default):
    assert client.login(username=world.admin.email, password=PASSWORD)
    url = "http://169.254.169.254/latest/meta-data/"
    form = {"url": url, "events": ["cycle.closed"], "secret": "", "description": ""}
    response = client.post(reverse("webhook-new"), form)
    content = response.content.decode()
    assert response.status_code == 422
    assert (
        "169.254.169.254 is a cloud metadata address, on the server&#x27;s own network" in content
    )
    assert f'value="{url}"' in content
    assert not Endpoint.objects.exists()


def test_the_api_answers_422_naming_the_address(world, by_default):
    response = ApiClient(world.admin).post(
        "/webhooks", {"url": "http://127.0.0.1:8080/admin", "events": ["cycle.closed"]}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "url", "message": REFUSED.format("127.0.0.1 is a loopback address")}
    ]
    assert not Endpoint.objects.exists()


def test_delivery_to_the_servers_own_network_is_refused_and_nothing_is_sent(
    world, receiver, settings
):
    delivery = queue_check_in(world, receiver.url)  # saved while the operator allowed loopback
    settings.OUTBOUND_ALLOW = []
    assert deliver_due() == {"retrying": 1}
    delivery.refresh_from_db()
    assert delivery.last_status_code is None
    assert delivery.last_error == REFUSED.format("127.0.0.1 is a loopback address").replace(
        "Refused:", "Not sent:"
    )
    assert receiver.requests == []


def test_delivery_succeeds_where_the_operator_allows_it(world, receiver, settings):
    settings.OUTBOUND_ALLOW = ["127.0.0.0/8"]
    queue_check_in(world, receiver.url)
    assert deliver_due() == {"delivered": 1}
    assert len(receiver.requests) == 1


def test_an_endless_answer_does_not_hold_the_worker(world):
    flood = Flood("endless")
    try:
        queue_check_in(world, flood.url)
        started = time.monotonic()
        assert deliver_due() == {"delivered": 1}
        assert time.monotonic() - started < 2
    finally:
        flood.stop()


def test_a_long_error_answer_is_kept_as_a_short_excerpt(world, receiver):
    delivery = queue_check_in(world, receiver.url)
    receiver.answers, receiver.error_body = [500], b"e" * 2000
    deliver_due()
    delivery.refresh_from_db()
    assert delivery.last_error == "HTTP 500 Internal Server Error: " + "e" * 300


def test_a_receiver_dripping_its_answer_is_cut_at_the_timeout(world, monkeypatch):
    monkeypatch.setattr("okrs.webhooks.delivery.TIMEOUT_SECONDS", 0.5)
    flood = Flood("drip-body")
    try:
        delivery = queue_check_in(world, flood.url)
        started = time.monotonic()
        assert deliver_due() == {"retrying": 1}
        assert time.monotonic() - started < 1.5
    finally:
        flood.stop()
    delivery.refresh_from_db()
    assert delivery.last_error == "No answer within 0.5 s."
