"""The end of a cycle: sharing before its last week and closing before its end ask first."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import signed_in
from okrs.cycles.models import Cycle
from okrs.evaluation.actions import close_cycle, save_evaluation, share_evaluation
from okrs.evaluation.models import Evaluation
from okrs.evaluation.tests.test_evaluations import REFLECTION, form_data, team_url
from okrs.objectives.models import KeyResult, Objective
from tests.calendar import at_ten

EARLY = date(2027, 3, 1)  # 30 days before 2027-Q1 ends on 31 March
LAST_WEEK = date(2027, 3, 25)  # its last week runs from 25 to 31 March


@pytest.fixture
def on(clock):
    """Return a function that moves the calendar to a day."""
    return lambda day: clock.move_to(at_ten(day), tick=True)


def grades(*rows) -> list:
    """Return the grades the rows hold in the database."""
    return [type(row).objects.get(pk=row.pk).grade for row in rows]


def test_sharing_early_asks_first_says_what_it_does_and_changes_nothing(
    world, on, growth_objective, signatures, wait_time
):
    on(EARLY)
    alice = signed_in(world.alice)
    form = alice.get(team_url(world)).content.decode()
    assert "last week starts on 25 Mar: sharing before then asks you to confirm" in form

    asked = alice.post(
        team_url(world), form_data(growth_objective, signatures, wait_time, share="1")
    )

    assert asked.status_code == 200
    page = asked.content.decode()
    assert "Share the evaluation 30 days early?" in page
    assert "2027-Q1 runs until 31 Mar 2027, 30 days from now" in page
    assert "cannot be undone" in page and "25 Mar 2027" in page
    assert 'name="confirm" value="yes"' in page
    assert f'name="kr-{signatures.pk}" value="7.0"' in page  # what was typed travels on
    assert REFLECTION["why"] in page
    assert not Evaluation.objects.exists()
    assert grades(growth_objective, signatures, wait_time) == [None, None, None]

    confirmed = alice.post(
        team_url(world),
        form_data(growth_objective, signatures, wait_time, share="1", confirm="yes"),
    )

    assert confirmed.status_code == 302
    assert Evaluation.objects.get().state == Evaluation.State.SHARED
    assert grades(growth_objective, signatures, wait_time) == [6.5, 7.0, 5.0]


def test_keeping_it_a_draft_from_the_confirmation_saves_without_sharing(
    world, on, growth_objective, signatures, wait_time
):
    on(EARLY)
    response = signed_in(world.alice).post(
        team_url(world), form_data(growth_objective, signatures, wait_time, save="1")
    )
    assert response.status_code == 302
    assert Evaluation.objects.get().state == Evaluation.State.DRAFT
    assert grades(growth_objective) == [None]


def test_in_the_last_week_sharing_takes_no_extra_step(
    world, on, growth_objective, signatures, wait_time
):
    on(LAST_WEEK)
    alice = signed_in(world.alice)
    assert "asks you to confirm" not in alice.get(team_url(world)).content.decode()

    response = alice.post(
        team_url(world), form_data(growth_objective, signatures, wait_time, share="1")
    )

    assert response.status_code == 302
    assert Evaluation.objects.get().state == Evaluation.State.SHARED


def test_the_share_action_refuses_an_early_share_unless_confirmed(
    world, on, growth_objective, signatures, wait_time
):
    on(EARLY)
    scores = {(growth_objective.pk, None): 6.0} | {
        (growth_objective.pk, kr.pk): 6.0 for kr in (signatures, wait_time)
    }
    draft = save_evaluation(world.growth, world.quarter, scores)
    with pytest.raises(ValidationError) as refused:
        share_evaluation(draft, by=world.alice)
    assert set(refused.value.message_dict) == {"confirm"}
    assert Evaluation.objects.get().state == Evaluation.State.DRAFT
    assert share_evaluation(draft, by=world.alice, confirmed_early=True).is_shared()


def close_url(world) -> str:
    return reverse("evaluation:close", args=[world.quarter.pk])


def test_closing_early_asks_to_confirm_and_closes_nothing_without_it(world, on, growth_objective):
    on(EARLY)
    admin = signed_in(world.admin)
    page = admin.get(close_url(world)).content.decode()
    assert "closing now is 30 days early" in page
    assert "check-ins, reviews and evaluations stop" in page
    assert 'name="confirm" value="yes" required' in page
    assert "Close 30 days early" in page

    refused = admin.post(close_url(world))

    assert refused.status_code == 422
    assert "Tick the box to confirm closing early; nothing was closed." in refused.content.decode()
    world.quarter.refresh_from_db()
    assert world.quarter.state == Cycle.State.ACTIVE
    assert not KeyResult.objects.filter(grade__isnull=False).exists()

    closed = admin.post(close_url(world), {"confirm": "yes"})

    assert closed.status_code == 302
    world.quarter.refresh_from_db()
    assert world.quarter.state == Cycle.State.CLOSED


def test_closing_on_the_end_date_takes_no_extra_step(world, on, growth_objective):
    on(date(2027, 3, 31))
    admin = signed_in(world.admin)
    page = admin.get(close_url(world)).content.decode()
    assert 'name="confirm"' not in page and "early" not in page

    assert admin.post(close_url(world)).status_code == 302
    world.quarter.refresh_from_db()
    assert world.quarter.state == Cycle.State.CLOSED
    growth_objective.refresh_from_db()
    assert growth_objective.status == Objective.State.CLOSED


def test_the_close_action_refuses_an_early_close_unless_confirmed(world, on, growth_objective):
    on(EARLY)
    with pytest.raises(ValidationError) as refused:
        close_cycle(world.quarter)
    assert set(refused.value.message_dict) == {"confirm"}
    world.quarter.refresh_from_db()
    assert world.quarter.state == Cycle.State.ACTIVE
