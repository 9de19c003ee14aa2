"""Organisation admins manage webhook endpoints in the settings pages; nobody else may."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.webhooks.actions import create_endpoint
from okrs.webhooks.events import emit
from okrs.webhooks.models import Delivery, Endpoint

NEW = {
    "url": "https://hooks.example.com/okrs",
    "events": ["checkin.created", "cycle.closed"],
    "secret": "",
    "description": "Team chat relay",
}


@pytest.fixture
def admin(client, world):
    """Return a client signed in as Acme's admin."""
    return signed_in(world.admin, client)


def test_admin_sees_endpoints_with_events_and_recent_deliveries(admin, world, endpoint):
    emit(world.org.pk, "cycle.closed", {})
    Delivery.objects.update(status="failed", attempts=8, last_status_code=502, last_error="Bad gw")
    content = admin.get(reverse("webhooks")).content.decode()
    assert endpoint.url in content
    assert "objective.status_changed" in content
    assert "Failed" in content
    assert "502" in content
    assert "Bad gw" in content
    assert "Redeliver" in content
    assert endpoint.secret not in content


def test_list_queries_do_not_grow_with_endpoints_or_deliveries(admin, world, endpoint):
    emit(world.org.pk, "cycle.closed", {})
    with CaptureQueriesContext(connection) as few:
        admin.get(reverse("webhooks"))
    for n in range(3):
        create_endpoint(world.org, f"https://{n}.example.com/hook", ["cycle.closed"])
    for _ in range(3):
        emit(world.org.pk, "cycle.closed", {})
    with CaptureQueriesContext(connection) as many:
        admin.get(reverse("webhooks"))
    assert len(few) == len(many)


def test_admin_adds_an_endpoint_and_sees_its_secret_once(admin, world):
    response = admin.post(reverse("webhook-new"), NEW)
    assert response.status_code == 302
    endpoint = Endpoint.objects.get()
    assert endpoint.organization == world.org
    assert endpoint.events == ["checkin.created", "cycle.closed"]
    assert endpoint.description == "Team chat relay"
    assert endpoint.created_by == world.admin
    first = admin.get(response.url).content.decode()
    assert endpoint.secret in first
    assert "not shown again" in first
    assert endpoint.secret not in admin.get(reverse("webhooks")).content.decode()


def test_bad_url_keeps_the_input_and_says_what_is_wrong(admin):
    response = admin.post(reverse("webhook-new"), NEW | {"url": "ftp://files.example.com/in"})
    assert response.status_code == 422
    content = response.content.decode()
    assert 'value="ftp://files.example.com/in"' in content
    assert "Enter an http:// or https:// URL." in content
    assert re.search(r'value="cycle\.closed"[^>]*checked', content)
    assert not re.search(r'value="objective\.created"[^>]*checked', content)
    assert 'value="Team chat relay"' in content
    assert not Endpoint.objects.exists()


def test_no_event_chosen_is_an_error_next_to_the_events(admin):
    response = admin.post(reverse("webhook-new"), NEW | {"events": []})
    assert response.status_code == 422
    assert "Choose at least one event." in response.content.decode()


def test_short_secret_is_an_error_next_to_the_secret(admin):
    response = admin.post(reverse("webhook-new"), NEW | {"secret": "abc"})
    assert response.status_code == 422
    assert "at least 16 characters" in response.content.decode()
    assert 'value="abc"' in response.content.decode()


def test_admin_deletes_an_endpoint(admin, endpoint):
    response = admin.post(reverse("webhook-delete", args=[endpoint.pk]))
    assert response.status_code == 302
    assert not Endpoint.objects.exists()


def test_admin_pauses_and_resumes_an_endpoint(admin, endpoint):
    admin.post(reverse("webhook-active", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert not endpoint.active
    admin.post(reverse("webhook-active", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert endpoint.active


def test_admin_redelivers_a_failed_delivery(admin, world, endpoint):
    emit(world.org.pk, "cycle.closed", {})
    Delivery.objects.update(status="failed", attempts=8, next_attempt_at=None)
    delivery = Delivery.objects.get()
    assert admin.post(reverse("webhook-redeliver", args=[delivery.pk])).status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 0)


@pytest.mark.parametrize("persona", ["alice", "sam"])
def test_member_and_stakeholder_are_refused(client, world, endpoint, persona):
    signed_in(getattr(world, persona), client)
    assert client.get(reverse("webhooks")).status_code == 403
    assert client.get(reverse("webhook-new")).status_code == 403
    assert client.post(reverse("webhook-new"), NEW).status_code == 403
    assert client.post(reverse("webhook-delete", args=[endpoint.pk])).status_code == 403
    assert Endpoint.objects.count() == 1


def test_signed_out_visitor_is_sent_to_sign_in(client, world):
    response = client.get(reverse("webhooks"))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_other_organisations_endpoint_and_delivery_are_404(admin, other_world):
    theirs = create_endpoint(
        other_world["org"], "https://globex.example.com/hook", ["cycle.closed"]
    )
    emit(other_world["org"].pk, "cycle.closed", {})
    delivery = Delivery.objects.get()
    assert admin.post(reverse("webhook-delete", args=[theirs.pk])).status_code == 404
    assert admin.post(reverse("webhook-active", args=[theirs.pk])).status_code == 404
    assert admin.post(reverse("webhook-redeliver", args=[delivery.pk])).status_code == 404
    assert Endpoint.objects.filter(pk=theirs.pk, active=True).exists()
    assert "globex" not in admin.get(reverse("webhooks")).content.decode()


def test_changes_need_a_post(admin, endpoint):
    assert admin.get(reverse("webhook-delete", args=[endpoint.pk])).status_code == 405
    assert Endpoint.objects.exists()
