"""People create, see and revoke their API tokens in the app."""

from django.urls import reverse

from conftest import PASSWORD
from okrs.api.models import ApiToken, digest


def test_create_shows_the_token_once_and_stores_only_its_hash(client, world):
    client.login(username=world.alice.email, password=PASSWORD)
    response = client.post(reverse("tokens"), {"name": "Sales sync"})
    raw = response.context["raw"]
    assert raw.startswith("okrs_") and raw in response.content.decode()
    token = ApiToken.objects.get(person=world.alice)
    assert token.key_hash == digest(raw) and token.name == "Sales sync"
    again = client.get(reverse("tokens")).content.decode()
    assert raw not in again and "Sales sync" in again
    api = client.get("/api/v1/teams", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.status_code == 200


def test_token_needs_a_name(client, world):
    client.login(username=world.alice.email, password=PASSWORD)
    response = client.post(reverse("tokens"), {"name": " "})
    assert "Give the token a name" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_only_your_own_token(client, world):
    from okrs.api.actions import create_token

    mine, raw = create_token(world.alice, "mine")
    theirs, _ = create_token(world.bob, "theirs")
    client.login(username=world.alice.email, password=PASSWORD)
    assert client.post(reverse("token-revoke", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("token-revoke", args=[mine.pk])).status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None and theirs.revoked_at is None
    assert client.get("/api/v1/teams", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
