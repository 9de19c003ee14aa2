"""The pulse stores answers without names: nothing on an answer points at a person."""

import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from okrs.health.actions import AlreadyAnswered, answer_pulse
from okrs.health.models import PulseAnswer, PulseReceipt
from okrs.health.targets import LETTER_FIELDS
from okrs.health.tests.conftest import SCORES
from okrs.organizations.models import Person


def test_an_answer_has_no_field_that_points_at_a_person_or_a_moment():
    fields = PulseAnswer._meta.get_fields()
    related = {f.related_model for f in fields if f.is_relation}
    assert Person not in related
    assert {f.name for f in fields} == {
        "id", "organization", "team", "period", "comment", *LETTER_FIELDS,
    }  # fmt: skip
    assert not [f for f in fields if isinstance(f, models.DateTimeField | models.TimeField)]
    assert isinstance(PulseAnswer._meta.pk, models.UUIDField)


def test_a_receipt_holds_no_scores_and_no_comment():
    names = {f.name for f in PulseReceipt._meta.get_fields()}
    assert names == {"id", "organization", "person", "team", "period"}


def test_answering_stores_the_month_not_the_day_and_no_name(world):
    receipt = answer_pulse(
        world.alice, world.growth, SCORES, " More time to think ", date(2027, 1, 17)
    )
    answer = PulseAnswer.objects.get()
    assert answer.period == date(2027, 1, 1)
    assert isinstance(answer.pk, uuid.UUID)
    assert [getattr(answer, name) for name in LETTER_FIELDS] == [4, 3, 5, 2, 4]
    assert answer.comment == "More time to think"
    stored = PulseReceipt.objects.get()
    assert (stored.pk, stored.person, stored.team, stored.period) == (
        receipt.pk, world.alice, world.growth, date(2027, 1, 1),
    )  # fmt: skip
    row = str(PulseAnswer.objects.values().get())
    assert world.alice.email not in row and world.alice.name not in row


def test_a_receipt_stops_a_second_answer_in_the_same_month(world):
    answer_pulse(world.alice, world.growth, SCORES, "", date(2027, 1, 3))
    with pytest.raises(AlreadyAnswered):
        answer_pulse(world.alice, world.growth, SCORES, "", date(2027, 1, 30))
    assert PulseAnswer.objects.count() == 1 and PulseReceipt.objects.count() == 1
    answer_pulse(world.alice, world.growth, SCORES, "", date(2027, 2, 1))
    assert PulseAnswer.objects.count() == 2


def test_only_the_teams_members_answer(world, other_world):
    for person, team in [
        (world.bob, world.growth),
        (world.sam, world.growth),
        (other_world["person"], world.growth),
        (world.alice, other_world["team"]),
    ]:
        with pytest.raises(ValidationError):
            answer_pulse(person, team, SCORES, "", date(2027, 1, 3))
    assert not PulseAnswer.objects.exists() and not PulseReceipt.objects.exists()


def test_scores_outside_1_to_5_are_refused_and_nothing_is_stored(world):
    with pytest.raises(ValidationError):
        answer_pulse(world.alice, world.growth, SCORES | {"focus": 6}, "", date(2027, 1, 3))
    with pytest.raises(ValidationError):
        answer_pulse(world.alice, world.growth, {"focus": 3}, "", date(2027, 1, 3))
    assert not PulseAnswer.objects.exists() and not PulseReceipt.objects.exists()
