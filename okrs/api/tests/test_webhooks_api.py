"""Webhook endpoints over the API: admins only, secrets shown once, deliveries visible."""

from okrs.api.tests.conftest import ApiClient
from okrs.objectives.actions import record_check_in
from okrs.webhooks.models import Delivery, Endpoint


def test_admin_registers_an_endpoint_and_sees_its_deliveries(world):
    client = ApiClient(world.admin)
    created = client.post(
        "/webhooks", {"url": "https://hooks.example.test/okrs", "events": ["checkin.created"]}
    )
    assert created.status_code == 201
    data = created.json()
    assert len(data["secret"]) >= 32 and data["events"] == ["checkin.created"]
    endpoint_id = data["id"]
    assert "secret" not in client.get(f"/webhooks/{endpoint_id}").json()
    kr = world.objective().key_results.first()
    record_check_in(kr, 30000, 7, author=world.alice)
    deliveries = client.get(f"/webhooks/{endpoint_id}/deliveries").json()
    assert deliveries["count"] == 1 and deliveries["items"][0]["event"] == "checkin.created"
    assert deliveries["items"][0]["status"] == "pending"
    patched = client.patch(f"/webhooks/{endpoint_id}", {"active": False})
    assert patched.json()["active"] is False
    assert client.delete(f"/webhooks/{endpoint_id}").status_code == 200
    assert not Endpoint.objects.exists() and not Delivery.objects.exists()


def test_unknown_events_and_bad_urls_are_422(world):
    client = ApiClient(world.admin)
    bad_event = client.post(
        "/webhooks", {"url": "https://x.test/h", "events": ["objective.exploded"]}
    )
    assert bad_event.status_code == 422 and bad_event.json()["errors"][0]["field"].startswith(
        "events"
    )
    bad_url = client.post("/webhooks", {"url": "ftp://files.test/hook", "events": ["cycle.closed"]})
    assert bad_url.status_code == 422


def test_only_admins_manage_webhooks(world):
    for person in (world.alice, world.sam):
        response = ApiClient(person).post(
            "/webhooks", {"url": "https://x.test/h", "events": ["cycle.closed"]}
        )
        assert response.status_code == 403
        assert ApiClient(person).get("/webhooks").status_code == 403


def test_other_organisations_endpoint_is_404(world, other_world):
    theirs = ApiClient(other_world["person"]).post(
        "/webhooks", {"url": "https://globex.test/h", "events": ["cycle.closed"]}
    )
    assert theirs.status_code == 201
    client = ApiClient(world.admin)
    assert client.get(f"/webhooks/{theirs.json()['id']}").status_code == 404
    assert client.delete(f"/webhooks/{theirs.json()['id']}").status_code == 404
    assert client.get("/webhooks").json()["count"] == 0
