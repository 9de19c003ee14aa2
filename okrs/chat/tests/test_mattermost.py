"""Mattermost: /okrs verified by the command's token, answered with one-click check-in links."""

import re
from datetime import datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from okrs.chat.actions import install_chat_app
from okrs.chat.tests.slack import button_click, interaction, signed_headers
from okrs.objectives.models import CheckIn

NOW = timezone.make_aware(datetime(2027, 2, 15, 12, 0))
FORM = "application/x-www-form-urlencoded"
TOKEN = "xr3j5x3p4pfjpq7mwy5tdaqmxo"


@pytest.fixture
def mattermost(world, slack, clock, settings):
    """Return Acme's Mattermost slash command; Alice is known to the Mattermost server."""
    clock.move_to(NOW)
    settings.BASE_URL = "http://testserver"
    slack.users["4xp9fdt77pncbef59f4k1qe83o"] = "alice@acme.test"
    return install_chat_app(
        world.org,
        world.admin,
        "mattermost",
        "",
        signing_secret=TOKEN,
        bot_token="mm-bot-token",
        api_url=slack.url,
    )


def command(client, installation, user_id="4xp9fdt77pncbef59f4k1qe83o", token=TOKEN):
    body = urlencode(
        {
            "channel_id": "cniah6qa73bjjjan6mzn11f4ie",
            "command": "/okrs",
            "team_id": "rdc9bgriktyx9p4kowh3dmgqyc",
            "text": "",
            "token": token,
            "user_id": user_id,
            "user_name": "alice",
        }
    )
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}
    return client.post(f"/chat/{installation.key}/command/", body, content_type=FORM, **headers)


def test_the_command_lists_due_key_results_with_quick_links(client, mattermost, slack, world):
    growth = world.objective()
    answer = command(client, mattermost).json()
    assert answer["response_type"] == "ephemeral"
    assert answer["text"].startswith("**2 key results due a check-in**")
    assert slack.requests[0]["headers"]["Authorization"] == "Bearer mm-bot-token"
    link = re.search(r"\]\(http://testserver(/reminders/check-in/[^)]+/)\)", answer["text"])
    signatures = growth.key_results.get(position=0)
    posted = client.post(link.group(1), {"value": "31000", "confidence": "7"})
    assert posted.status_code == 200
    assert CheckIn.objects.get(key_result=signatures).author == world.alice


def test_a_wrong_token_is_refused_before_anything_is_read(client, mattermost, slack):
    response = command(client, mattermost, token="not-the-token")
    assert response.status_code == 401
    assert response.content == b"Refused: the command token does not match."
    assert slack.requests == []


def test_a_request_without_the_token_header_is_refused(client, mattermost, slack):
    response = command(client, mattermost, token="")
    assert response.status_code == 401
    assert slack.requests == []


def test_a_slack_signature_does_not_open_a_mattermost_installation(client, mattermost, world):
    body = interaction(button_click("UALICE", 1))
    response = client.post(
        f"/chat/{mattermost.key}/interaction/",
        body,
        content_type=FORM,
        **signed_headers(body, TOKEN),
    )
    assert response.status_code == 401


def test_an_unknown_mattermost_user_is_told(client, mattermost):
    answer = command(client, mattermost, user_id="nobodyhere0000000000000000").json()
    assert "could not read your e-mail address" in answer["text"]
    assert "HTTP 404" in answer["text"]
