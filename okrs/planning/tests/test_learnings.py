"""Learnings of the last evaluation, for the team drafting the next cycle."""

from datetime import date

from okrs.cycles.actions import create_cycle
from okrs.evaluation.actions import save_evaluation, share_evaluation
from okrs.objectives.actions import update_key_result, update_objective
from okrs.planning.learnings import learnings_for, previous_cycle


def test_previous_cycle_is_the_last_of_the_same_kind(world, plan):
    assert previous_cycle(plan.q2) == world.quarter
    assert previous_cycle(world.quarter) is None


def test_learnings_are_the_teams_evaluated_objectives_with_grades(world, plan):
    evaluated = world.objective(title="Make clean water a topic no household can ignore")
    first_kr = evaluated.key_results.order_by("position").first()
    update_key_result(first_kr, grade=8)
    update_objective(evaluated, status="closed", grade=6.5)
    world.objective(title="Still running, not evaluated")
    world.objective(team=world.support, title="Support's evaluated objective", status="closed")
    learnings = learnings_for(world.growth, plan.q2)
    assert learnings.cycle == world.quarter
    assert [item.card.objective for item in learnings] == [evaluated]
    learning = list(learnings)[0]
    assert learning.graded() and learning.card.score_label == "6.5"
    assert learning.card.key_results[0].score_label == "8.0"


def test_learnings_come_from_the_last_evaluated_cycle_while_the_previous_runs(world, plan):
    q4 = create_cycle(world.org, "2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
    graded = world.objective(title="Be heard in every town", cycle=q4)
    update_objective(graded, status="achieved", grade=9)
    world.objective(title="Still running in Q1")
    learnings = learnings_for(world.growth, plan.q2)
    assert learnings.cycle == q4
    assert [item.card.score_label for item in learnings] == ["9.0"]


def test_no_earlier_cycle_means_no_learnings(world, plan):
    first = create_cycle(world.org, "2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
    learnings = learnings_for(world.growth, first)
    assert not learnings and learnings.cycle is None


def reflect(world, objective, share: bool):
    """Score the objective and its key results at 7 and reflect on the quarter."""
    scores = {(objective.pk, None): 7} | {
        (objective.pk, kr.pk): 7 for kr in objective.key_results.all()
    }
    evaluation = save_evaluation(
        world.growth, world.quarter, scores, worked="Door-to-door petitions", why="Trust"
    )
    if share:
        share_evaluation(evaluation, world.alice, confirmed_early=True)
    update_objective(objective, status="closed")


def test_the_teams_private_reflection_is_shown_to_the_team_only(world, plan):
    reflect(world, world.objective(), share=False)
    mine = learnings_for(world.growth, plan.q2, world.alice)
    assert mine.reflection == [("What worked", "Door-to-door petitions"), ("Why", "Trust")]
    assert learnings_for(world.growth, plan.q2, world.bob).reflection == []
    assert learnings_for(world.growth, plan.q2).reflection == []


def test_a_shared_reflection_is_shown_to_everyone(world, plan):
    reflect(world, world.objective(), share=True)
    assert learnings_for(world.growth, plan.q2, world.sam).reflection[0] == (
        "What worked",
        "Door-to-door petitions",
    )
    # Sharing writes the team's scores as grades, which the learnings show.
    assert [item.card.score_label for item in learnings_for(world.growth, plan.q2)] == ["7.0"]
