"""/okrs lists my key results due, a button opens the dialog, its answer is my check-in."""

from datetime import datetime

import pytest
from django.utils import timezone

from okrs.chat.tests.slack import (
    button_click,
    interaction,
    signed_headers,
    slash_command,
    submission,
)
from okrs.cycles.models import Cycle
from okrs.objectives.models import CheckIn
from okrs.organizations.actions import add_person, create_organization

NOW = timezone.make_aware(datetime(2027, 2, 15, 12, 0))
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def mid_quarter(world, clock):
    """Six weeks into 2027-Q1: Growth's key results are due a check-in."""
    clock.move_to(NOW)


def send(client, installation, name, body):
    """Send a signed request to the installation, as Slack does; return the answer."""
    url = f"/chat/{installation.key}/{name}/"
    return client.post(url, body, content_type=FORM, **signed_headers(body))


def command(client, installation, user_id):
    return send(client, installation, "command", slash_command(user_id))


def click(client, installation, user_id, key_result_id):
    return send(
        client, installation, "interaction", interaction(button_click(user_id, key_result_id))
    )


def answer(client, installation, user_id, view, answers):
    body = interaction(submission(user_id, view, answers))
    return send(client, installation, "interaction", body)


def told(slack) -> str:
    """Return what the last dialog opened says: why the person cannot check in."""
    view = slack.calls("views.open")[-1]["view"]
    assert view["callback_id"] == "okrs_cannot_check_in"
    return view["blocks"][0]["text"]["text"]


def buttons(message: dict) -> list[dict]:
    """Return the check-in buttons of a message's blocks."""
    return [
        block["accessory"]
        for block in message.get("blocks", [])
        if block.get("accessory", {}).get("action_id") == "okrs_check_in"
    ]


def test_the_full_flow_records_a_check_in_by_the_person(client, installed, growth, slack, world):
    signatures = growth.key_results.get(position=0)
    listed = command(client, installed, "UALICE").json()
    assert listed["response_type"] == "ephemeral"
    assert [b["value"] for b in buttons(listed)] == [
        str(kr.pk) for kr in growth.key_results.order_by("position")
    ]
    assert "Grow petition signatures" in str(listed["blocks"])

    assert click(client, installed, "UALICE", buttons(listed)[0]["value"]).status_code == 200
    opened = slack.calls("views.open")[-1]
    assert opened["trigger_id"] == "12466734323.1395872398"
    view = opened["view"]
    assert [b.get("block_id") for b in view["blocks"] if b["type"] == "input"] == [
        "value",
        "confidence",
        "progress_note",
        "keep_value",
    ]
    assert slack.requests[-1]["headers"]["Authorization"].startswith("Bearer xoxb-")

    done = answer(
        client,
        installed,
        "UALICE",
        view,
        {
            "value": {"value": "35000"},
            "confidence": {"selected_option": {"value": "7"}},
            "progress_note": {"value": "Street campaign in Lyon"},
        },
    )
    assert done.json()["response_action"] == "update"
    assert "Recorded" in str(done.json()["view"])
    check_in = CheckIn.objects.get(key_result=signatures)
    assert (check_in.value, check_in.confidence, check_in.author) == (35000, 7, world.alice)
    assert check_in.progress_note == "Street campaign in Lyon"
    signatures.refresh_from_db()
    assert signatures.current == 35000


def test_nothing_due_says_so(client, installed, world, slack):
    message = command(client, installed, "UBOB").json()
    assert message["text"].startswith("Nothing is due at Acme Water")
    assert buttons(message) == []


def test_an_unknown_slack_user_is_told_and_nothing_is_listed(client, installed, growth):
    message = command(client, installed, "UNOBODY").json()
    assert "could not read your e-mail address" in message["text"]
    assert "user_not_found" in message["text"]


def test_a_person_unknown_to_the_organisation_is_told_to_get_invited(client, installed, slack):
    slack.users["UCAROL"] = "carol@acme.test"
    message = command(client, installed, "UCAROL").json()
    assert message["text"] == (
        "Nobody at Acme Water in okrs has the e-mail address carol@acme.test. "
        "Ask an administrator to invite you with that address."
    )


def test_a_person_of_another_organisation_is_not_matched(client, installed, growth, slack):
    other = create_organization("Other Co", slug="other")
    add_person(other, "olga@other.test", "Olga Other", "admin", "pw-123456789")
    slack.users["UOLGA"] = "olga@other.test"
    message = command(client, installed, "UOLGA").json()
    assert "Nobody at Acme Water" in message["text"]
    body = interaction(button_click("UOLGA", growth.key_results.first().pk))
    assert send(client, installed, "interaction", body).status_code == 200
    assert "Nobody at Acme Water" in told(slack)


def test_a_missing_email_scope_is_explained(client, installed, slack):
    slack.users["UHIDDEN"] = ""
    message = command(client, installed, "UHIDDEN").json()
    assert "users:read.email" in message["text"]


def test_a_member_of_another_team_cannot_open_the_dialog(client, installed, growth, slack):
    key_result = growth.key_results.first()
    click(client, installed, "UBOB", key_result.pk)
    assert told(slack) == "Only members of the team that owns this key result may check in."


def test_a_key_result_that_is_gone_cannot_be_opened(client, installed, slack):
    click(client, installed, "UALICE", 999999)
    assert told(slack) == "This key result is gone, or not one you can see."


def opened_view(client, installed, slack, key_result):
    click(client, installed, "UALICE", key_result.pk)
    return slack.calls("views.open")[-1]["view"]


@pytest.mark.parametrize(
    ("answers", "block", "error"),
    [
        ({"value": {"value": "lots"}}, "value", "Enter a number."),
        ({"value": {"value": None}}, "value", "Enter the key result's current value."),
        ({"value": {"value": "30000"}}, "confidence", "Say how confident you are, from 0 to 10."),
        (
            {"value": {"value": "30000"}, "confidence": {"selected_option": {"value": "11"}}},
            "confidence",
            "Ensure this value is less than or equal to 10.",
        ),
    ],
)
def test_bad_answers_are_shown_under_their_field(
    client, installed, growth, slack, answers, block, error
):
    key_result = growth.key_results.get(position=0)
    view = opened_view(client, installed, slack, key_result)
    refused = answer(client, installed, "UALICE", view, answers).json()
    assert refused["response_action"] == "errors"
    assert refused["errors"][block] == error
    assert not CheckIn.objects.exists()


def test_a_value_that_looks_mistyped_asks_did_you_mean_then_is_kept(
    client, installed, growth, slack
):
    key_result = growth.key_results.get(position=0)  # 20,000 to 100,000 signatures
    view = opened_view(client, installed, slack, key_result)
    answers = {"value": {"value": "3500000"}, "confidence": {"selected_option": {"value": "6"}}}
    asked = answer(client, installed, "UALICE", view, answers).json()
    assert asked["response_action"] == "errors"
    assert "Did you mean 35,000?" in asked["errors"]["value"]
    assert "Keep it as I typed it" in asked["errors"]["value"]
    assert not CheckIn.objects.exists()
    kept = {**answers, "keep_value": {"selected_options": [{"value": "keep"}]}}
    assert answer(client, installed, "UALICE", view, kept).json()["response_action"] == "update"
    assert CheckIn.objects.get().value == 3500000


def test_a_closed_cycle_takes_no_check_in_from_the_dialog(client, installed, growth, slack, world):
    key_result = growth.key_results.get(position=0)
    view = opened_view(client, installed, slack, key_result)
    Cycle.objects.filter(pk=world.quarter.pk).update(state=Cycle.State.CLOSED)
    answers = {"value": {"value": "30000"}, "confidence": {"selected_option": {"value": "6"}}}
    refused = answer(client, installed, "UALICE", view, answers).json()
    assert refused["errors"]["value"] == "This key result's cycle is closed: its OKRs are frozen."
    assert not CheckIn.objects.exists()


def test_changed_private_metadata_opens_nothing_and_records_nothing(
    client, installed, growth, slack
):
    view = opened_view(client, installed, slack, growth.key_results.first())
    view = {**view, "private_metadata": '{"key_result": "x"}'}
    answers = {"value": {"value": "30000"}, "confidence": {"selected_option": {"value": "6"}}}
    refused = answer(client, installed, "UALICE", view, answers).json()
    assert refused["errors"]["value"] == "This key result is gone, or not one you can see."
    assert not CheckIn.objects.exists()


def test_a_binary_key_result_is_answered_done_or_not(client, installed, growth, slack, world):
    from okrs.objectives.actions import add_key_result

    launch = add_key_result(growth, "Launch the new petition page", type="binary", target=1)
    view = opened_view(client, installed, slack, launch)
    value = next(b for b in view["blocks"] if b.get("block_id") == "value")
    assert value["element"]["type"] == "static_select"
    answers = {
        "value": {"selected_option": {"value": "1"}},
        "confidence": {"selected_option": {"value": "9"}},
    }
    assert answer(client, installed, "UALICE", view, answers).json()["response_action"] == "update"
    assert CheckIn.objects.get(key_result=launch).value == 1


def test_when_slack_refuses_to_open_the_dialog_the_click_is_still_acknowledged(
    client, installed, growth, slack
):
    slack.failing["views.open"] = "expired_trigger_id"
    response = click(client, installed, "UALICE", growth.key_results.first().pk)
    assert response.status_code == 200
    assert not CheckIn.objects.exists()


def test_a_stakeholder_is_told_nothing_is_due_from_them(client, installed, growth, slack, world):
    from okrs.organizations.actions import join_team

    join_team(world.sam, world.growth)
    slack.users["USAM"] = "sam@acme.test"
    message = command(client, installed, "USAM").json()
    assert message["text"] == (
        "You follow the OKRs of Acme Water without checking in on them: nothing is due from you."
    )
    assert buttons(message) == []
