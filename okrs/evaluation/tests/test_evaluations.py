"""Each team scores and reflects in private, then shares; sharing writes the grades."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.evaluation.actions import save_evaluation, share_evaluation
from okrs.evaluation.models import Evaluation, EvaluationScore
from okrs.evaluation.tests.conftest import check_in
from okrs.organizations.actions import add_person, join_team
from okrs.organizations.models import Role

REFLECTION = {
    "worked": "Door-to-door signature drives",
    "did_not_work": "Online ads",
    "why": "People trust neighbours more than banners",
    "outside_factors": "A national election took the airtime",
}
SECRET = REFLECTION["why"]


def team_url(world, team=None):
    return reverse("evaluation:team", args=[world.quarter.pk, (team or world.growth).slug])


def form_data(objective, signatures, wait_time, scores=("6.5", "7.0", "5.0"), **extra):
    """Return the evaluation form's fields: objective, signatures and wait time scores."""
    data = {
        f"objective-{objective.pk}": scores[0],
        f"kr-{signatures.pk}": scores[1],
        f"kr-{wait_time.pk}": scores[2],
        **REFLECTION,
    }
    return data | extra


@pytest.fixture
def draft(world, growth_objective, signatures, wait_time):
    """Return Growth's private draft: objective 6.5, signatures 7, wait time 5."""
    scores = {
        (growth_objective.pk, None): 6.5,
        (growth_objective.pk, signatures.pk): 7.0,
        (growth_objective.pk, wait_time.pk): 5.0,
    }
    return save_evaluation(world.growth, world.quarter, scores, **REFLECTION)


def test_form_prefills_each_score_with_the_computed_score(world, signatures, wait_time):
    check_in(signatures, 60000, 7, date(2027, 3, 1))  # half way: 5.0
    check_in(wait_time, 3, 9, date(2027, 3, 1))  # reached: 10.0
    page = signed_in(world.alice).get(team_url(world))
    form = page.context["form"]
    assert page.status_code == 200
    assert form.fields[f"kr-{signatures.pk}"].initial == 5.0
    assert form.fields[f"kr-{wait_time.pk}"].initial == 10.0
    assert form.fields[f"objective-{signatures.objective_id}"].initial == 7.5
    assert "Private to Growth" in page.content.decode()


def test_saving_a_draft_keeps_it_private_and_writes_no_grade(
    world, growth_objective, signatures, wait_time
):
    response = signed_in(world.alice).post(
        team_url(world), form_data(growth_objective, signatures, wait_time, save="1")
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.state == Evaluation.State.DRAFT
    assert evaluation.why == SECRET
    stored = {(s.objective_id, s.key_result_id): s.score for s in EvaluationScore.objects.all()}
    assert stored == {
        (growth_objective.pk, None): 6.5,
        (growth_objective.pk, signatures.pk): 7.0,
        (growth_objective.pk, wait_time.pk): 5.0,
    }
    growth_objective.refresh_from_db()
    signatures.refresh_from_db()
    assert growth_objective.grade is None and signatures.grade is None


@pytest.mark.parametrize("person", ["bob", "admin", "sam"])
def test_nobody_outside_the_team_sees_an_unshared_evaluation(world, draft, person):
    outsider = signed_in(getattr(world, person))
    page = outsider.get(team_url(world))
    assert page.status_code == 403
    assert SECRET not in page.content.decode()
    assert "private" in page.content.decode()
    overview = outsider.get(reverse("evaluation:cycle", args=[world.quarter.pk])).content.decode()
    assert "Growth" in overview
    assert SECRET not in overview and "6.5" not in overview


def test_okr_leader_and_practitioner_do_not_see_drafts_either(world, draft):
    for role in (Role.OKR_LEADER, Role.OKR_PRACTITIONER):
        person = add_person(world.org, f"{role}@acme.test", role, role, "correct-horse-battery")
        assert signed_in(person).get(team_url(world)).status_code == 403


def test_a_stakeholder_in_the_team_does_not_see_the_draft(world, draft):
    join_team(world.sam, world.growth)
    assert signed_in(world.sam).get(team_url(world)).status_code == 403


def test_outsiders_cannot_write_a_teams_evaluation(world, growth_objective, signatures, wait_time):
    data = form_data(growth_objective, signatures, wait_time, share="1")
    assert signed_in(world.admin).post(team_url(world), data).status_code == 403
    assert not Evaluation.objects.exists()


def test_sharing_writes_grades_and_shows_the_evaluation_to_everyone(
    world, growth_objective, signatures, wait_time
):
    response = signed_in(world.alice).post(
        team_url(world),
        form_data(growth_objective, signatures, wait_time, share="1", confirm="yes"),
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.state == Evaluation.State.SHARED
    assert evaluation.shared_by == world.alice and evaluation.shared_at is not None
    for row in (growth_objective, signatures, wait_time):
        row.refresh_from_db()
    assert (growth_objective.grade, signatures.grade, wait_time.grade) == (6.5, 7.0, 5.0)
    for person in (world.bob, world.admin, world.sam):
        client = signed_in(person)
        overview = client.get(reverse("evaluation:cycle", args=[world.quarter.pk]))
        assert SECRET in overview.content.decode()
        assert "6.5" in overview.content.decode()
        team_page = client.get(team_url(world))
        assert team_page.status_code == 200 and SECRET in team_page.content.decode()
    objective_page = signed_in(world.bob).get(reverse("objective", args=[growth_objective.pk]))
    assert "6.5" in objective_page.content.decode()


def test_shared_evaluation_is_read_only(world, draft, growth_objective, signatures, wait_time):
    share_evaluation(draft, by=world.alice, confirmed_early=True)
    alice = signed_in(world.alice)
    assert alice.get(team_url(world)).context["form"] is None
    data = form_data(growth_objective, signatures, wait_time, scores=("1", "1", "1"), save="1")
    assert alice.post(team_url(world), data).status_code == 403
    with pytest.raises(ValidationError):
        save_evaluation(world.growth, world.quarter, {(growth_objective.pk, None): 1.0})
    growth_objective.refresh_from_db()
    assert growth_objective.grade == 6.5


def test_score_out_of_range_is_refused_next_to_the_field_and_input_kept(
    world, growth_objective, signatures, wait_time
):
    data = form_data(growth_objective, signatures, wait_time, scores=("6.5", "11", "5"), save="1")
    response = signed_in(world.alice).post(team_url(world), data)
    assert response.status_code == 422
    assert response.context["form"].errors[f"kr-{signatures.pk}"] == ["A score runs from 0 to 10."]
    content = response.content.decode()
    assert 'value="11"' in content
    assert SECRET in content
    assert not Evaluation.objects.exists()


def test_sharing_needs_every_score(world, growth_objective, signatures, wait_time):
    data = form_data(growth_objective, signatures, wait_time, scores=("6.5", "", "5"), share="1")
    response = signed_in(world.alice).post(team_url(world), data)
    assert response.status_code == 422
    assert response.context["form"].errors[f"kr-{signatures.pk}"] == [
        "Give a score before sharing."
    ]
    assert not Evaluation.objects.filter(state=Evaluation.State.SHARED).exists()


def test_share_action_refuses_a_draft_missing_a_score(world, growth_objective):
    evaluation = save_evaluation(world.growth, world.quarter, {(growth_objective.pk, None): 5.0})
    with pytest.raises(ValidationError, match="Score every objective"):
        share_evaluation(evaluation, confirmed_early=True)


def test_scores_go_only_to_the_teams_own_objectives(world, growth_objective):
    support = world.objective(team=world.support, title="Answer every household within a day")
    with pytest.raises(ValidationError):
        save_evaluation(world.growth, world.quarter, {(support.pk, None): 9.0})


def test_organisation_on_0_to_1_types_and_reads_scores_on_its_scale(
    world, growth_objective, signatures, wait_time
):
    world.org.score_scale = "0-1"
    world.org.save()
    check_in(signatures, 60000, 7, date(2027, 3, 1))
    alice = signed_in(world.alice)
    form = alice.get(team_url(world)).context["form"]
    assert form.fields[f"kr-{signatures.pk}"].initial == 0.5
    assert form.fields[f"kr-{signatures.pk}"].max_value == 1
    data = form_data(growth_objective, signatures, wait_time, scores=("0.65", "0.7", "0.5"))
    assert alice.post(team_url(world), data | {"share": "1", "confirm": "yes"}).status_code == 302
    signatures.refresh_from_db()
    growth_objective.refresh_from_db()
    assert (growth_objective.grade, signatures.grade) == (6.5, 7.0)
    overview = signed_in(world.bob).get(reverse("evaluation:cycle", args=[world.quarter.pk]))
    assert "0.65" in overview.content.decode()
    too_high = form_data(growth_objective, signatures, wait_time, scores=("7", "0.7", "0.5"))
    world.objective(title="Make every tap count")  # a fresh objective to score
    refused = alice.post(team_url(world), too_high | {"save": "1"})
    assert refused.status_code == 403  # the shared evaluation stays as it is


def test_0_to_1_input_over_one_is_refused(world, growth_objective, signatures, wait_time):
    world.org.score_scale = "0-1"
    world.org.save()
    data = form_data(growth_objective, signatures, wait_time, scores=("7", "0.7", "0.5"), save="1")
    response = signed_in(world.alice).post(team_url(world), data)
    assert response.status_code == 422
    assert response.context["form"].errors[f"objective-{growth_objective.pk}"] == [
        "A score runs from 0 to 1."
    ]


def test_team_member_sees_a_link_to_the_draft_others_only_the_name(world, draft):
    mine = signed_in(world.alice).get(reverse("evaluation:cycle", args=[world.quarter.pk]))
    assert "Continue your team's draft" in mine.content.decode()
    theirs = signed_in(world.bob).get(reverse("evaluation:cycle", args=[world.quarter.pk]))
    assert "Continue your team" not in theirs.content.decode()
    assert "scores in private until it shares" in theirs.content.decode()


def test_evaluation_index_shows_the_current_cycle(world, draft):
    page = signed_in(world.bob).get(reverse("evaluation:index"))
    assert page.status_code == 200
    assert page.context["cycle"] == world.quarter


def test_cycle_page_queries_do_not_grow_with_objectives(world, draft):
    share_evaluation(draft, by=world.alice, confirmed_early=True)
    bob = signed_in(world.bob)
    url = reverse("evaluation:cycle", args=[world.quarter.pk])
    bob.get(url)
    with CaptureQueriesContext(connection) as few:
        bob.get(url)
    for n in range(4):
        world.objective(team=world.support, title=f"Answer households in district {n}")
    support = world.support.objectives.all()
    scores = {(o.pk, None): 5.0 for o in support} | {
        (o.pk, kr.pk): 5.0 for o in support for kr in o.key_results.all()
    }
    share_evaluation(save_evaluation(world.support, world.quarter, scores), confirmed_early=True)
    with CaptureQueriesContext(connection) as many:
        response = bob.get(url)
    assert len(response.context["shared"]) == 2
    assert len(many) == len(few)


def test_team_evaluation_queries_do_not_grow_with_objectives(world, growth_objective):
    alice = signed_in(world.alice)
    alice.get(team_url(world))
    with CaptureQueriesContext(connection) as few:
        alice.get(team_url(world))
    for n in range(4):
        world.objective(title=f"Make water safe in district {n}")
    with CaptureQueriesContext(connection) as many:
        response = alice.get(team_url(world))
    assert len(response.context["form"].rows()) == 5
    assert len(many) == len(few)


def test_shared_evaluations_show_in_full_a_page_at_a_time(world, draft, monkeypatch):
    from okrs.evaluation.views import evaluations

    monkeypatch.setattr(evaluations, "SHARED_PER_PAGE", 1)
    share_evaluation(draft, by=world.alice, confirmed_early=True)
    support = world.objective(team=world.support, title="Answer households within a day")
    scores = {(support.pk, None): 5.0} | {
        (support.pk, kr.pk): 5.0 for kr in support.key_results.all()
    }
    share_evaluation(save_evaluation(world.support, world.quarter, scores), confirmed_early=True)
    bob = signed_in(world.bob)
    url = reverse("evaluation:cycle", args=[world.quarter.pk])
    first = bob.get(url)
    assert [s["entry"].team for s in first.context["shared"]] == [world.growth]
    assert first.context["shared"][0]["rows"]  # the scored objectives, in full
    assert "Shared evaluations 1–1 of 2 · page 1 of 2" in first.content.decode()
    second = bob.get(url, {"page": 2})
    assert [s["entry"].team for s in second.context["shared"]] == [world.support]
    assert second.context["pending"] == []
