"""Reviews with the people who should be there: stakeholders invited or missed, the plan agreed."""

from datetime import date

from django.urls import reverse

from conftest import signed_in
from okrs.evaluation.actions import create_review, save_evaluation, share_evaluation
from okrs.evaluation.hypotheses import record_verdict
from okrs.evaluation.models import Evaluation
from okrs.evaluation.tests.test_evaluations import form_data, team_url
from okrs.objectives.actions import update_objective
from okrs.planning.learnings import learnings_for

PLAN = "Invite the district water boards to every monthly review; report signatures weekly."


def test_a_review_without_stakeholders_says_so(client, world):
    world.objective()
    review = create_review(world.growth, world.quarter, date(2027, 2, 15))
    page = signed_in(world.alice, client).get(reverse("evaluation:review", args=[review.pk]))
    assert "No stakeholders at this review." in page.content.decode()


def test_a_review_with_stakeholders_lists_them_and_says_nothing_missing(client, world):
    world.objective()
    review = create_review(world.growth, world.quarter, date(2027, 2, 15), invited=[world.sam])
    html = signed_in(world.alice, client).get(reverse("evaluation:review", args=[review.pk]))
    html = html.content.decode()
    assert "Sam Stakeholder" in html and "No stakeholders at this review." not in html


def test_the_review_list_marks_reviews_held_without_stakeholders(client, world):
    create_review(world.growth, world.quarter, date(2027, 2, 15))
    create_review(world.growth, world.quarter, date(2027, 3, 15), invited=[world.sam])
    page = signed_in(world.alice, client).get(
        reverse("evaluation:reviews") + f"?cycle={world.quarter.pk}"
    )
    reviews = {r.held_on: r.invited_count for r in page.context["reviews"]}
    assert reviews == {date(2027, 2, 15): 0, date(2027, 3, 15): 1}
    assert page.content.decode().count("none invited") == 1


def test_the_evaluation_keeps_the_improvement_plan_and_shows_it_once_shared(client, world):
    objective = world.objective()
    signatures, wait_time = objective.key_results.order_by("position")
    alice = signed_in(world.alice, client)
    data = form_data(objective, signatures, wait_time, save="1", improvement_plan=PLAN)
    assert alice.post(team_url(world), data).status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.improvement_plan == PLAN
    share_evaluation(evaluation, world.alice, confirmed_early=True)
    shown = signed_in(world.sam).get(team_url(world)).content.decode()
    assert "Improvement plan agreed with stakeholders" in shown and PLAN in shown


def test_the_improvement_plan_and_verdicts_carry_into_the_next_planning(world, q2):
    objective = world.objective(hypothesis="We believe petitions move MPs.")
    review = create_review(world.growth, world.quarter, date(2027, 3, 1), invited=[world.sam])
    record_verdict(review, objective, "refuted", "MPs answered the letters, not the petition.")
    scores = {(objective.pk, None): 4} | {
        (objective.pk, kr.pk): 4 for kr in objective.key_results.all()
    }
    evaluation = save_evaluation(world.growth, world.quarter, scores, improvement_plan=PLAN)
    share_evaluation(evaluation, world.alice, confirmed_early=True)
    update_objective(objective, status="closed")
    learnings = learnings_for(world.growth, q2, world.alice)
    assert ("Improvement plan agreed with stakeholders", PLAN) in learnings.reflection
    [learning] = learnings
    assert learning.verdict.verdict == "refuted"


def test_the_drafting_form_shows_last_cycles_verdicts(client, world, q2):
    objective = world.objective(hypothesis="We believe petitions move MPs.")
    review = create_review(world.growth, world.quarter, date(2027, 3, 1))
    record_verdict(review, objective, "refuted", "MPs answered the letters, not the petition.")
    update_objective(objective, status="closed")
    page = signed_in(world.alice, client).get(
        reverse("objective-new") + f"?cycle={q2.pk}&team={world.growth.slug}"
    )
    html = page.content.decode()
    assert "We believe petitions move MPs." in html
    assert "Refuted" in html and "MPs answered the letters, not the petition." in html
