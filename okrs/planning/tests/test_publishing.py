"""Publishing a draft: the validation test's answers kept, the coach's errors fixed or explained."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import signed_in
from okrs.objectives.history import objective_history
from okrs.objectives.models import Objective
from okrs.planning.actions import publish_draft
from okrs.planning.tests.helpers import SOUND, draft

ONE_KR = (("Grow monthly donors from 400 to 900", 400, 900),)
ALL_YES = {
    "complete_answer": "yes",
    "ambitious_answer": "yes",
    "measurable_answer": "yes",
    "influence_answer": "yes",
}


def test_publishing_keeps_the_validation_answers_with_their_notes(world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, key_results=SOUND)
    publish_draft(
        objective,
        {
            "complete": "yes",
            "ambitious": {"answer": "no", "note": "  Retention at 75 is what we reach anyway. "},
        },
    )
    stored = Objective.objects.get(pk=objective.pk)
    assert stored.status == Objective.State.ACTIVE
    assert stored.validation == {
        "complete": {"answer": "yes", "note": ""},
        "ambitious": {"answer": "no", "note": "Retention at 75 is what we reach anyway."},
    }
    [complete, ambitious] = stored.validation_answers()
    assert not complete.to_work_on() and ambitious.to_work_on()


def test_a_draft_with_a_coach_error_is_refused_naming_the_finding(world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, key_results=ONE_KR)
    with pytest.raises(ValidationError) as refused:
        publish_draft(objective)
    message = refused.value.message_dict["publish_despite"][0]
    assert "only 1 key result" in message and "say why" in message
    assert Objective.objects.get(pk=objective.pk).status == Objective.State.DRAFT


def test_a_reason_publishes_despite_the_error_and_is_kept_in_history(world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, key_results=ONE_KR)
    publish_draft(objective, despite="The second key result waits for the donor survey in May.")
    stored = Objective.objects.get(pk=objective.pk)
    assert stored.status == Objective.State.ACTIVE
    assert stored.publish_reason == "The second key result waits for the donor survey in May."
    [latest, *_] = objective_history(stored, 5, 0)
    changed = {change.label: change.after for change in latest.changes}
    assert changed["status"] == "Active"
    assert changed["reason to publish despite errors"].startswith("The second key result")


def test_a_reason_without_errors_is_not_kept(world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, key_results=SOUND)
    publish_draft(objective, despite="Just in case")
    assert Objective.objects.get(pk=objective.pk).publish_reason == ""


def test_an_unknown_question_or_answer_is_refused_and_nothing_changes(world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, key_results=SOUND)
    with pytest.raises(ValidationError, match="Unknown validation question “bold”"):
        publish_draft(objective, {"bold": "yes"})
    with pytest.raises(ValidationError, match="Answer “yes” or “no”, not “maybe”"):
        publish_draft(objective, {"ambitious": "maybe"})
    stored = Objective.objects.get(pk=objective.pk)
    assert stored.status == Objective.State.DRAFT and stored.validation == {}


def test_the_publish_page_asks_the_validation_test_and_shows_the_errors(client, world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, key_results=ONE_KR)
    page = signed_in(world.alice, client).get(reverse("planning-publish", args=[objective.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Is the objective inspiring and directional, without numbers?" in html
    assert "If we achieve every key result, will we have met the objective?" in html
    assert "Are the key results ambitious?" in html
    assert "within the team&#x27;s own influence" in html
    assert "only 1 key result" in html
    assert 'name="publish_despite"' in html


def test_publishing_from_the_page_without_a_reason_shows_the_errors(client, world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, key_results=ONE_KR)
    response = signed_in(world.alice, client).post(
        reverse("planning-publish", args=[objective.pk]), ALL_YES
    )
    assert response.status_code == 422
    assert "Fix the errors above first, or say here why" in response.content.decode()
    assert Objective.objects.get(pk=objective.pk).status == Objective.State.DRAFT


def test_publishing_from_the_page_keeps_answers_and_reason(client, world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, key_results=ONE_KR)
    client = signed_in(world.alice, client)
    response = client.post(
        reverse("planning-publish", args=[objective.pk]),
        {
            **ALL_YES,
            "influence_answer": "no",
            "influence_note": "Donor retention depends on the fundraising team too.",
            "publish_despite": "The second key result waits for the donor survey.",
        },
    )
    assert response.status_code == 302 and response.url == reverse("objective", args=[objective.pk])
    stored = Objective.objects.get(pk=objective.pk)
    assert stored.validation["influence"] == {
        "answer": "no",
        "note": "Donor retention depends on the fundraising team too.",
    }
    shown = client.get(reverse("objective", args=[objective.pk])).content.decode()
    assert "No · to work on" in shown
    assert "Donor retention depends on the fundraising team too." in shown
    assert "Published despite the coach's errors." in shown
    assert "The second key result waits for the donor survey." in shown


def test_the_board_card_links_to_the_publish_page(client, world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, [plan.strategic])
    board = signed_in(world.alice, client).get(reverse("planning-board", args=[plan.q2.pk]))
    assert reverse("planning-publish", args=[objective.pk]) + "?next=" in board.content.decode()


def test_a_member_who_may_not_publish_cannot_open_the_page(client, world, plan):
    objective = draft(world.support, "Answer every donor within a day", plan.q2)
    response = signed_in(world.bob, client).get(reverse("planning-publish", args=[objective.pk]))
    assert response.status_code == 403
