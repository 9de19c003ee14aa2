"""Django admin lists reviews and evaluations but never shows an unshared evaluation's content."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import signed_in
from okrs.evaluation.actions import create_review, decide, save_evaluation, share_evaluation
from okrs.evaluation.models import EvaluationScore
from okrs.organizations.models import Person

SECRET = "We never talked to the households"


@pytest.fixture
def root(db):
    """Return a client signed in as a Django superuser."""
    return signed_in(Person.objects.create_superuser("root@example.com", "correct-horse-battery"))


def test_review_and_its_decisions_render_in_the_admin(root, world, growth_objective):
    review = create_review(world.growth, world.quarter, date(2027, 2, 1), notes="Slow start")
    decision = decide(review, growth_objective, "keep")
    for name, row in (("review", review), ("decision", decision)):
        assert root.get(reverse(f"admin:evaluation_{name}_changelist")).status_code == 200
        page = root.get(reverse(f"admin:evaluation_{name}_change", args=[row.pk]))
        assert page.status_code == 200
    assert (
        "Slow start"
        in root.get(reverse("admin:evaluation_review_change", args=[review.pk])).content.decode()
    )


def test_an_unshared_evaluation_shows_neither_reflection_nor_scores(root, world, growth_objective):
    draft = save_evaluation(
        world.growth, world.quarter, {(growth_objective.pk, None): 3.5}, why=SECRET
    )
    page = root.get(reverse("admin:evaluation_evaluation_change", args=[draft.pk]))
    assert page.status_code == 200
    assert SECRET not in page.content.decode()
    scores = root.get(reverse("admin:evaluation_evaluationscore_changelist"))
    assert list(scores.context["cl"].result_list) == []
    assert EvaluationScore.objects.count() == 1


def test_a_shared_evaluation_shows_in_the_admin(root, world, growth_objective):
    scores = {(growth_objective.pk, None): 3.5} | {
        (growth_objective.pk, kr.pk): 4.0 for kr in growth_objective.key_results.all()
    }
    shared = share_evaluation(
        save_evaluation(world.growth, world.quarter, scores, why=SECRET), confirmed_early=True
    )
    page = root.get(reverse("admin:evaluation_evaluation_change", args=[shared.pk]))
    assert SECRET in page.content.decode()
    score = EvaluationScore.objects.get(key_result=None)
    change = root.get(reverse("admin:evaluation_evaluationscore_change", args=[score.pk]))
    assert change.status_code == 200
    assert root.get(reverse("admin:evaluation_evaluation_add")).status_code == 403
