"""Requests from Slack are verified by the signing secret before anything in them is read."""

from datetime import datetime

import pytest
from django.utils import timezone

from okrs.chat.models import ChatInstallation
from okrs.chat.tests.slack import (
    button_click,
    interaction,
    signed_headers,
    slash_command,
)
from okrs.objectives.models import CheckIn

NOW = timezone.make_aware(datetime(2027, 2, 15, 12, 0))
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def mid_quarter(world, clock):
    """Six weeks into 2027-Q1: Growth's key results are due a check-in."""
    clock.move_to(NOW)


def post(client, installation, name, body, headers):
    """POST the body to one of the installation's request URLs as Slack does."""
    url = f"/chat/{installation.key}/{name}/"
    return client.post(url, body, content_type=FORM, **headers)


def test_a_correctly_signed_command_is_answered(client, installed, growth):
    body = slash_command("UALICE")
    response = post(client, installed, "command", body, signed_headers(body))
    assert response.status_code == 200
    assert "due a check-in" in response.json()["text"]


def test_a_wrong_signature_is_refused_and_nothing_is_asked_of_slack(client, installed, slack):
    body = slash_command("UALICE")
    response = post(client, installed, "command", body, signed_headers(body, secret="not-it"))
    assert response.status_code == 401
    assert response.content == b"Refused: the request signature does not match."
    assert slack.requests == []


def test_a_body_changed_after_signing_is_refused(client, installed, slack):
    headers = signed_headers(slash_command("UALICE"))
    response = post(client, installed, "command", slash_command("UBOB"), headers)
    assert response.status_code == 401
    assert slack.requests == []


def test_a_stale_timestamp_is_refused_even_with_its_right_signature(client, installed, clock):
    body = slash_command("UALICE")
    headers = signed_headers(body, at=int(NOW.timestamp()) - 5 * 60 - 1)
    response = post(client, installed, "command", body, headers)
    assert response.status_code == 401
    assert b"more than 5 minutes" in response.content


def test_a_timestamp_within_five_minutes_is_accepted(client, installed, growth):
    body = slash_command("UALICE")
    headers = signed_headers(body, at=int(NOW.timestamp()) - 4 * 60)
    assert post(client, installed, "command", body, headers).status_code == 200


def test_an_unsigned_request_is_refused(client, installed):
    response = post(client, installed, "command", slash_command("UALICE"), {})
    assert response.status_code == 401
    assert response.content == b"Refused: the request is not signed."


def test_a_timestamp_that_is_not_a_number_is_refused(client, installed):
    body = slash_command("UALICE")
    headers = {**signed_headers(body), "HTTP_X_SLACK_REQUEST_TIMESTAMP": "yesterday"}
    assert post(client, installed, "command", body, headers).status_code == 401


def test_an_unsigned_interaction_records_nothing(client, installed, growth, slack):
    key_result = growth.key_results.first()
    body = interaction(button_click("UALICE", key_result.pk))
    response = post(client, installed, "interaction", body, signed_headers(body, "x"))
    assert response.status_code == 401
    assert slack.calls("views.open") == []
    assert not CheckIn.objects.exists()


def test_garbage_is_refused_for_its_signature_before_it_is_parsed(client, installed):
    body = b"payload=%7Bnot json"
    response = post(client, installed, "interaction", body, signed_headers(body, "x"))
    assert response.status_code == 401


def test_a_signed_payload_that_is_not_json_is_a_bad_request(client, installed):
    body = b"payload=%7Bnot json"
    response = post(client, installed, "interaction", body, signed_headers(body))
    assert response.status_code == 400


def test_an_unknown_installation_key_is_not_found(client, installed):
    body = slash_command("UALICE")
    response = client.post("/chat/nope/command/", body, content_type=FORM, **signed_headers(body))
    assert response.status_code == 404


def test_a_request_from_another_workspace_is_turned_away(client, installed, slack):
    body = slash_command("UALICE", team_id="T0EVIL")
    response = post(client, installed, "command", body, signed_headers(body))
    assert response.json()["text"] == "This okrs is installed for another workspace."
    assert slack.requests == []


def test_the_secrets_are_stored_encrypted(installed):
    stored = ChatInstallation.objects.values().get(pk=installed.pk)
    assert "8f742231b10e8888" not in str(stored)
    assert "xoxb-" not in str(stored)
    assert installed.signing_secret() == "8f742231b10e8888abcd99yyyzzz85a5"


def test_a_get_is_not_allowed(client, installed):
    assert client.get(f"/chat/{installed.key}/command/").status_code == 405
