"""Deliveries follow Standard Webhooks: the reference library verifies them as sent."""

import base64
import json

import pytest
from standardwebhooks.webhooks import WebhookVerificationError

from okrs.objectives.actions import record_check_in
from okrs.webhooks.actions import create_endpoint
from okrs.webhooks.delivery import deliver_due
from okrs.webhooks.models import Delivery
from okrs.webhooks.signing import standard_key, standard_secret, standard_signature
from okrs.webhooks.tests.conftest import SECRET
from tests.receiver import verify, verify_standard


def deliver_one_check_in(world, receiver, secret=None) -> dict:
    """Record a check-in, send its delivery to the receiver and return the request received."""
    endpoint = create_endpoint(world.org, receiver.url, ["checkin.created"], secret=secret)
    record_check_in(world.objective().key_results.first(), 30000, 6)
    assert deliver_due()["delivered"] == 1
    request = receiver.requests[-1]
    request["endpoint"] = endpoint
    return request


def test_a_generated_secret_is_a_standard_whsec_secret_the_library_verifies_with(world, receiver):
    request = deliver_one_check_in(world, receiver)
    secret = request["endpoint"].secret
    assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) == 32
    payload = verify_standard(secret, request)
    assert payload["event"] == "checkin.created"
    headers = request["headers"]
    assert headers["webhook-id"] == f"msg_okrs_{Delivery.objects.get().pk}"
    assert headers["webhook-timestamp"] == headers["X-Okrs-Timestamp"]
    assert headers["webhook-signature"].startswith("v1,")


def test_an_endpoint_with_a_chosen_secret_is_verified_with_its_whsec_form(world, receiver):
    request = deliver_one_check_in(world, receiver, secret=SECRET)
    assert standard_secret(SECRET) == "whsec_" + base64.b64encode(SECRET.encode()).decode()
    assert verify_standard(standard_secret(SECRET), request)["event"] == "checkin.created"


def test_the_older_x_okrs_signature_is_still_sent_for_one_release(world, receiver):
    request = deliver_one_check_in(world, receiver, secret=SECRET)
    headers = request["headers"]
    assert verify(SECRET, headers["X-Okrs-Timestamp"], request["body"], headers["X-Okrs-Signature"])


def test_the_library_refuses_a_changed_body_or_another_secret(world, receiver):
    request = deliver_one_check_in(world, receiver)
    changed = {**request, "body": request["body"].replace(b"30000", b"99999")}
    with pytest.raises(WebhookVerificationError):
        verify_standard(request["endpoint"].secret, changed)
    with pytest.raises(WebhookVerificationError):
        verify_standard(standard_secret("another-secret-entirely"), request)


def test_a_stale_delivery_is_refused_by_the_library(world, receiver, clock):
    request = deliver_one_check_in(world, receiver)
    clock.shift(600)  # the library accepts five minutes of skew
    with pytest.raises(WebhookVerificationError, match="too old"):
        verify_standard(request["endpoint"].secret, request)


def test_the_signature_is_base64_hmac_of_id_timestamp_and_body():
    body = json.dumps({"event": "cycle.closed"}).encode()
    secret = "whsec_" + base64.b64encode(b"k" * 24).decode()
    assert standard_key(secret) == b"k" * 24
    expected = "v1,yKBgiK4gmbmbLdGtCWRYTzhv8WwuR9kc0quzl7WGh/c="
    assert standard_signature(secret, "msg_1", 1_800_000_000, body) == expected


def test_a_whsec_looking_secret_that_is_not_base64_signs_with_its_own_bytes():
    assert standard_key("whsec_not base64!!") == b"whsec_not base64!!"
