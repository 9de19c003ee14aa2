"""Admins and OKR leaders close a cycle: its OKRs freeze with their final scores."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.cycles.models import Cycle
from okrs.evaluation.actions import close_cycle, save_evaluation, share_evaluation
from okrs.evaluation.tests.conftest import check_in
from okrs.objectives.models import Objective
from okrs.organizations.actions import add_person
from tests.calendar import at_ten


@pytest.fixture
def moonshot(world):
    """Return Growth's moonshot whose key results end at 70%: a success."""
    objective = world.objective(ambition="moonshot", title="Make clean water a national topic")
    signatures, wait_time = objective.key_results.order_by("position")
    check_in(signatures, 76000, 6, date(2027, 3, 20))  # 0.7
    check_in(wait_time, 4.8, 6, date(2027, 3, 20))  # 0.7
    return objective


@pytest.fixture
def roofshot(world):
    """Return Support's roofshot whose key results also end at 70%: not reached."""
    objective = world.objective(team=world.support, title="Answer every household quickly")
    signatures, wait_time = objective.key_results.order_by("position")
    check_in(signatures, 76000, 6, date(2027, 3, 20))
    check_in(wait_time, 4.8, 6, date(2027, 3, 20))
    return objective


def test_closing_grades_the_ungraded_and_freezes_objectives(world, moonshot, roofshot):
    draft = world.objective(title="Someday, maybe", status="draft")
    closing = close_cycle(world.quarter, confirmed_early=True)
    world.quarter.refresh_from_db()
    moonshot.refresh_from_db()
    roofshot.refresh_from_db()
    draft.refresh_from_db()
    assert world.quarter.state == Cycle.State.CLOSED
    assert moonshot.status == Objective.State.ACHIEVED
    assert roofshot.status == Objective.State.CLOSED
    assert (moonshot.grade, roofshot.grade) == (7.0, 7.0)
    assert sorted(moonshot.key_results.values_list("grade", flat=True)) == [7.0, 7.0]
    assert (draft.status, draft.grade) == ("draft", None)
    assert (closing.achieved, closing.closed, closing.graded) == (1, 1, 6)


def test_a_moonshot_just_below_0_7_is_closed_not_achieved(world):
    objective = world.objective(ambition="moonshot")
    signatures = objective.key_results.get(position=0)
    check_in(signatures, 100000, 9, date(2027, 3, 20))  # 1.0 and 0.0 for wait time: 0.5
    close_cycle(world.quarter, confirmed_early=True)
    objective.refresh_from_db()
    assert (objective.status, objective.grade) == (Objective.State.CLOSED, 5.0)


def test_shared_grades_are_kept_and_decide_achievement(world, moonshot):
    scores = {(moonshot.pk, None): 9.0} | {
        (moonshot.pk, kr.pk): 9.0 for kr in moonshot.key_results.all()
    }
    share_evaluation(save_evaluation(world.growth, world.quarter, scores), confirmed_early=True)
    closing = close_cycle(world.quarter, confirmed_early=True)
    moonshot.refresh_from_db()
    assert moonshot.grade == 9.0
    assert moonshot.status == Objective.State.ACHIEVED
    assert closing.graded == 0


def test_an_unshared_drafts_scores_are_never_used(world, roofshot):
    scores = {(roofshot.pk, None): 10.0}
    save_evaluation(world.support, world.quarter, scores)
    close_cycle(world.quarter, confirmed_early=True)
    roofshot.refresh_from_db()
    assert (roofshot.grade, roofshot.status) == (7.0, Objective.State.CLOSED)


def test_abandoned_objectives_stay_abandoned_and_ungraded(world):
    objective = world.objective(status="abandoned")
    close_cycle(world.quarter, confirmed_early=True)
    objective.refresh_from_db()
    assert (objective.status, objective.grade) == ("abandoned", None)


def test_closing_twice_is_refused(world, moonshot):
    close_cycle(world.quarter, confirmed_early=True)
    with pytest.raises(ValidationError, match="already closed"):
        close_cycle(world.quarter, confirmed_early=True)


def test_close_page_lists_teams_that_did_not_share_and_allows_closing_anyway(
    world, clock, moonshot, roofshot
):
    clock.move_to(at_ten(date(2027, 4, 1)), tick=True)  # the day after the quarter's end
    scores = {(moonshot.pk, None): 7.0} | {
        (moonshot.pk, kr.pk): 7.0 for kr in moonshot.key_results.all()
    }
    share_evaluation(save_evaluation(world.growth, world.quarter, scores))
    admin = signed_in(world.admin)
    url = reverse("evaluation:close", args=[world.quarter.pk])
    page = admin.get(url)
    assert [t.name for t in page.context["unshared"]] == ["Support"]
    assert "Close the cycle anyway" in page.content.decode()
    assert page.context["preview"].achieved == 1
    response = admin.post(url)  # after the end date: no confirmation asked
    assert response.status_code == 302
    assert response.url == reverse("evaluation:cycle", args=[world.quarter.pk])
    world.quarter.refresh_from_db()
    assert world.quarter.state == Cycle.State.CLOSED


def test_okr_leader_may_close_members_and_stakeholders_may_not(world, moonshot):
    url = reverse("evaluation:close", args=[world.quarter.pk])
    for person in (world.alice, world.bob, world.sam):
        assert signed_in(person).post(url).status_code == 403
    world.quarter.refresh_from_db()
    assert world.quarter.state == Cycle.State.ACTIVE
    leader = add_person(world.org, "lee@acme.test", "Lee", "okr-leader", "correct-horse-battery")
    assert signed_in(leader).post(url, {"confirm": "yes"}).status_code == 302
    world.quarter.refresh_from_db()
    assert world.quarter.state == Cycle.State.CLOSED


def test_closed_cycle_freezes_evaluations(world, moonshot):
    close_cycle(world.quarter, confirmed_early=True)
    with pytest.raises(ValidationError, match="closed"):
        save_evaluation(world.growth, world.quarter, {(moonshot.pk, None): 9.0})
    alice = signed_in(world.alice)
    url = reverse("evaluation:team", args=[world.quarter.pk, "growth"])
    assert alice.get(url).context["form"] is None
    assert alice.post(url, {f"objective-{moonshot.pk}": "9", "save": "1"}).status_code == 403


def test_close_page_queries_do_not_grow_with_objectives(world, moonshot):
    admin = signed_in(world.admin)
    url = reverse("evaluation:close", args=[world.quarter.pk])
    admin.get(url)
    with CaptureQueriesContext(connection) as few:
        admin.get(url)
    for n in range(4):
        world.objective(team=world.support, title=f"Answer households in district {n}")
    with CaptureQueriesContext(connection) as many:
        response = admin.get(url)
    assert response.context["preview"].objectives == 5
    assert len(many) == len(few)
