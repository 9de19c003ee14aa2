"""Another organisation's reviews, cycles, teams and key results answer 404 and change nothing."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import signed_in
from okrs.cycles.models import Cycle
from okrs.evaluation.actions import create_review, save_evaluation
from okrs.evaluation.models import Decision, Evaluation, Review


@pytest.fixture
def globex_review(other_world):
    """Return Globex's review with a private evaluation beside it."""
    objective = other_world["objective"]
    save_evaluation(other_world["team"], other_world["cycle"], {(objective.pk, None): 3.0})
    return create_review(other_world["team"], other_world["cycle"], date(2027, 2, 1))


def test_other_organisations_pages_are_404(world, other_world, globex_review):
    alice = signed_in(world.alice)
    cycle, team = other_world["cycle"], other_world["team"]
    urls = [
        reverse("evaluation:review", args=[globex_review.pk]),
        reverse("evaluation:cycle", args=[cycle.pk]),
        reverse("evaluation:team", args=[cycle.pk, team.slug]),
        reverse("evaluation:team", args=[world.quarter.pk, team.slug]),
        reverse("evaluation:calibration-team", args=[team.slug]),
        reverse("evaluation:reviews") + f"?cycle={cycle.pk}",
        reverse("evaluation:reviews") + f"?team={team.slug}",
        reverse("evaluation:index") + f"?cycle={cycle.pk}",
    ]
    for url in urls:
        assert alice.get(url).status_code == 404, url


def test_admin_cannot_close_another_organisations_cycle(world, other_world):
    response = signed_in(world.admin).post(
        reverse("evaluation:close", args=[other_world["cycle"].pk])
    )
    assert response.status_code == 404
    assert Cycle.objects.get(pk=other_world["cycle"].pk).state == Cycle.State.ACTIVE


def test_decisions_on_other_organisations_rows_are_404_and_write_nothing(
    world, other_world, globex_review
):
    admin = signed_in(world.admin)
    own = create_review(world.growth, world.quarter, date(2027, 2, 1))
    kr = other_world["kr"]
    urls = [
        reverse("evaluation:decide-key-result", args=[globex_review.pk, kr.pk]),
        reverse("evaluation:decide-key-result", args=[own.pk, kr.pk]),
        reverse("evaluation:decide-objective", args=[own.pk, other_world["objective"].pk]),
        reverse("evaluation:review-notes", args=[globex_review.pk]),
    ]
    for url in urls:
        data = {f"kr{kr.pk}-choice": "keep", "notes": "mine"}
        assert admin.post(url, data).status_code == 404, url
    assert not Decision.objects.exists()
    assert Review.objects.get(pk=globex_review.pk).notes == ""


def test_review_form_offers_only_the_organisations_rows(world, other_world):
    form = signed_in(world.admin).get(reverse("evaluation:review-new")).context["form"]
    assert other_world["team"] not in form.fields["team"].queryset
    assert other_world["cycle"] not in form.fields["cycle"].queryset
    assert other_world["person"] not in form.fields["facilitator"].queryset
    response = signed_in(world.admin).post(
        reverse("evaluation:review-new"),
        {"team": other_world["team"].pk, "cycle": other_world["cycle"].pk, "held_on": "2027-02-01"},
    )
    assert response.status_code == 422
    assert not Review.objects.filter(team=other_world["team"]).exists()


def test_no_evaluation_page_mentions_the_other_organisation(world, other_world, globex_review):
    alice = signed_in(world.alice)
    world.objective()
    pages = [
        reverse("evaluation:index"),
        reverse("evaluation:reviews"),
        reverse("evaluation:calibration"),
        reverse("evaluation:team", args=[world.quarter.pk, "growth"]),
    ]
    for url in pages:
        assert "Globex" not in alice.get(url).content.decode(), url
    assert Evaluation.objects.filter(team=other_world["team"]).count() == 1
