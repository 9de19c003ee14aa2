"""Authentication decides before anything else: a write without working credentials is 401."""

import pytest
from django.test import Client

from conftest import PASSWORD
from okrs.api.actions import create_token, revoke_token
from okrs.cycles.models import Cycle

BODY = {"name": "2027-Q2", "start": "2027-04-01", "end": "2027-06-30"}


@pytest.fixture
def revoked(world):
    """Return the raw value of a token the admin revoked."""
    token, raw = create_token(world.admin, "old laptop")
    revoke_token(token)
    return raw


@pytest.mark.parametrize("credential", ["revoked", "invalid", "missing"])
def test_a_write_without_working_credentials_is_401(world, revoked, credential):
    raw = {"revoked": revoked, "invalid": "okrs_not-a-token", "missing": None}[credential]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    client = Client(enforce_csrf_checks=True)  # as a script's HTTP client: no CSRF exemption
    response = client.post("/api/v1/cycles", BODY, content_type="application/json", **headers)

    assert response.status_code == 401
    assert response.json()["detail"].startswith("Authentication required")
    assert not Cycle.objects.filter(name="2027-Q2").exists()


def test_a_bad_token_is_401_even_beside_a_signed_in_session(world):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=world.admin.email, password=PASSWORD)
    response = client.post(
        "/api/v1/cycles", BODY, content_type="application/json", HTTP_AUTHORIZATION="Bearer nope"
    )

    assert response.status_code == 401


def test_a_session_write_without_the_csrf_token_is_403(world):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=world.admin.email, password=PASSWORD)
    response = client.post("/api/v1/cycles", BODY, content_type="application/json")

    assert response.status_code == 403
    assert not Cycle.objects.filter(name="2027-Q2").exists()


def test_a_session_write_with_the_csrf_token_is_accepted(world):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=world.admin.email, password=PASSWORD)
    client.get("/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/cycles", BODY, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 201
