"""A demo team runs a whole cycle: planning, check-ins, a review, an evaluation, the close."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from okrs.cycles.actions import set_cycle_state
from okrs.cycles.models import Cycle
from okrs.demo.loader import load_demo
from okrs.evaluation.actions import (
    close_cycle,
    create_review,
    decide,
    save_evaluation,
    share_evaluation,
)
from okrs.evaluation.models import Evaluation
from okrs.objectives.actions import add_key_result, create_objective, record_check_in
from okrs.objectives.models import Objective
from okrs.organizations.models import Person, Team
from okrs.organizations.visibility import can_see_objective
from okrs.planning.actions import open_planning, plan_next_quarter, publish_draft, share_draft

pytestmark = pytest.mark.walk  # a whole-organisation walk: make test runs it, test-fast not


def test_a_demo_team_runs_a_whole_cycle(db):
    organization = load_demo(today=date(2026, 11, 23))
    admin = Person.objects.get(email="admin@example.com")
    alice = Person.objects.get(email="alice@example.com")
    team = Team.objects.get(
        organization=organization, memberships__person=alice, memberships__role="lead"
    )
    outsider = (
        Person.objects.filter(organization=organization, role="member")
        .exclude(memberships__team=team)
        .first()
    )

    # Planning: leadership publishes the strategic objectives and opens the next quarter.
    quarter = plan_next_quarter(organization)
    assert quarter.state == Cycle.State.PLANNING
    strategic = Objective.objects.filter(organization=organization, team=team.parent).first()
    open_planning(quarter, admin, [strategic], message="Build on what we learnt.")

    # The team drafts independently; the draft stays within the team until shared.
    draft = create_objective(
        quarter, "Make safe water last beyond the handover", team=team, aligned_to=[strategic]
    )
    first = add_key_result(
        draft,
        "Increase water points still working after a year from 70% to 90%",
        start=70,
        target=90,
    )
    add_key_result(draft, "Reduce repair time from 20 to 7 days", start=20, target=7)
    assert draft.status == "draft" and not can_see_objective(outsider, draft)
    share_draft(draft)
    assert can_see_objective(outsider, Objective.objects.get(pk=draft.pk))
    publish_draft(Objective.objects.get(pk=draft.pk))
    set_cycle_state(quarter, Cycle.State.ACTIVE)
    assert Objective.objects.get(pk=draft.pk).status == "active"

    # Three check-ins across the quarter.
    start = timezone.make_aware(
        timezone.datetime.combine(quarter.start, timezone.datetime.min.time())
    )
    for week, value in ((2, 74), (6, 80), (10, 86)):
        record_check_in(
            first,
            value,
            7,
            author=alice,
            progress_note=f"Week {week}",
            at=start + timedelta(weeks=week),
        )
    first.refresh_from_db()
    assert (first.current, first.check_ins.count()) == (86, 3)

    # A monthly review with a decision.
    review = create_review(
        team, quarter, quarter.start + timedelta(days=40), facilitator=alice, created_by=alice
    )
    decide(review, draft, "keep", note="On pace", key_result=first, by=alice)
    assert review.decisions.count() == 1

    # Evaluation: the team scores privately, then shares.
    second = draft.key_results.get(position=1)
    scores = {(draft.pk, None): 7.0, (draft.pk, first.pk): 8.0, (draft.pk, second.pk): 6.0}
    evaluation = save_evaluation(team, quarter, scores, worked="Weekly repair rounds")
    assert evaluation.state == Evaluation.State.DRAFT
    share_evaluation(evaluation, by=alice, confirmed_early=True)
    assert Objective.objects.get(pk=draft.pk).grade == 7.0

    # The close freezes the cycle.
    close_cycle(Cycle.objects.get(pk=quarter.pk), confirmed_early=True)
    quarter.refresh_from_db()
    assert quarter.state == Cycle.State.CLOSED
    assert Objective.objects.get(pk=draft.pk).status in {"achieved", "closed"}
