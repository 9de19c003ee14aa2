"""The weekly digest preference through the API: read it, switch it; off until asked."""

import json

from okrs.api.actions import create_token
from okrs.chat.models import DigestPreference


def bearer(person) -> dict:
    """Return the header of a new API token of the person."""
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(person, 'digest')[1]}"}


def test_the_digest_is_off_until_switched_on(client, world):
    headers = bearer(world.alice)
    assert client.get("/api/v1/me/digest", **headers).json() == {"weekly_email": False}
    body = json.dumps({"weekly_email": True})
    answer = client.put("/api/v1/me/digest", body, content_type="application/json", **headers)
    assert answer.status_code == 200
    assert answer.json() == {"weekly_email": True}
    assert DigestPreference.objects.get(person=world.alice).weekly_email
    assert client.get("/api/v1/me/digest", **headers).json() == {"weekly_email": True}


def test_a_value_that_is_not_a_boolean_is_refused_and_nothing_changes(client, world):
    body = json.dumps({"weekly_email": "yes please"})
    answer = client.put(
        "/api/v1/me/digest", body, content_type="application/json", **bearer(world.alice)
    )
    assert answer.status_code == 422
    assert "weekly_email" in json.dumps(answer.json())
    assert not DigestPreference.objects.exists()


def test_the_api_needs_a_token(client, world):
    assert client.get("/api/v1/me/digest").status_code == 401
