"""Carry-over and backlog pages: the team acts, others read, other organisations get 404."""

from django.urls import reverse

from conftest import signed_in
from okrs.objectives.actions import record_check_in
from okrs.objectives.models import Objective
from okrs.planning import actions
from okrs.planning.models import CandidateObjective

HTMX = {"HTTP_HX_REQUEST": "true"}


def carry_url(plan, team, objective):
    return reverse("planning-carry-over-one", args=[plan.q2.pk, team.slug, objective.pk])


def test_carry_over_page_lists_the_previous_cycle(client, world, plan):
    objective = world.objective(title="Make clean water a topic no household can ignore")
    page = signed_in(world.alice, client).get(
        reverse("planning-carry-over", args=[plan.q2.pk, "growth"])
    )
    assert page.context["before"] == world.quarter
    assert [row.objective for row in page.context["rows"]] == [objective]
    assert "Carry over into 2027-Q2" in page.content.decode()


def test_lead_carries_over_with_htmx(client, world, plan):
    objective = world.objective(title="Make clean water a topic no household can ignore")
    record_check_in(objective.key_results.first(), 60000, 7)
    response = signed_in(world.alice, client).post(carry_url(plan, world.growth, objective), **HTMX)
    assert response.status_code == 200
    copy = Objective.objects.get(carried_from=objective)
    assert copy.cycle == plan.q2
    assert f"/objectives/{copy.pk}/" in response.content.decode()


def test_member_of_another_team_cannot_carry_over(client, world, plan):
    objective = world.objective()
    response = signed_in(world.bob, client).post(carry_url(plan, world.growth, objective))
    assert response.status_code == 403
    assert not Objective.objects.filter(carried_from=objective).exists()


def test_stakeholder_reads_the_carry_over_page_without_buttons(client, world, plan):
    objective = world.objective()
    client = signed_in(world.sam, client)
    page = client.get(reverse("planning-carry-over", args=[plan.q2.pk, "growth"]))
    assert not page.context["can_write"]
    assert "Carry over into 2027-Q2</button>" not in page.content.decode()
    assert client.post(carry_url(plan, world.growth, objective)).status_code == 403


def test_carry_over_of_another_organisations_objective_answers_404(
    client, world, plan, other_world
):
    response = signed_in(world.admin, client).post(
        carry_url(plan, world.growth, other_world["objective"])
    )
    assert response.status_code == 404


def test_add_to_backlog_and_see_it(client, world):
    client = signed_in(world.alice, client)
    response = client.post(
        reverse("planning-backlog", args=["growth"]),
        {"title": "Be the charity students volunteer for", "ambition": "roofshot"},
    )
    assert response.status_code == 302
    candidate = CandidateObjective.objects.get()
    assert (candidate.team, candidate.added_by) == (world.growth, world.alice)
    page = client.get(reverse("planning-backlog", args=["growth"]))
    assert [c.title for c in page.context["waiting"]] == ["Be the charity students volunteer for"]


def test_backlog_form_keeps_what_was_typed(client, world):
    response = signed_in(world.alice, client).post(
        reverse("planning-backlog", args=["growth"]),
        {"title": "", "description": "Campuses everywhere", "ambition": "moonshot"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "This field is required." in html and "Campuses everywhere</textarea>" in html
    assert not CandidateObjective.objects.exists()


def test_promote_from_the_page(client, world, plan):
    candidate = actions.add_candidate(world.growth, "Be the charity students volunteer for")
    response = signed_in(world.alice, client).post(
        reverse("planning-promote", args=[candidate.pk]), {"cycle": plan.q2.pk}
    )
    assert response.url == reverse("planning-team", args=[plan.q2.pk, "growth"])
    objective = CandidateObjective.objects.get().promoted_to
    assert (objective.cycle, objective.status) == (plan.q2, "draft")


def test_drop_with_htmx(client, world):
    candidate = actions.add_candidate(world.growth, "Be the charity students volunteer for")
    response = signed_in(world.alice, client).post(
        reverse("planning-drop", args=[candidate.pk]), **HTMX
    )
    assert "Dropped" in response.content.decode()
    assert not CandidateObjective.objects.exists()


def test_others_read_the_backlog_but_cannot_change_it(client, world, plan):
    candidate = actions.add_candidate(world.growth, "Be the charity students volunteer for")
    for person in (world.bob, world.sam):
        client = signed_in(person, client)
        page = client.get(reverse("planning-backlog", args=["growth"]))
        assert page.context["form"] is None and page.context["waiting"] == [candidate]
        url = reverse("planning-promote", args=[candidate.pk])
        assert client.post(url, {"cycle": plan.q2.pk}).status_code == 403
        assert client.post(reverse("planning-drop", args=[candidate.pk])).status_code == 403
        response = client.post(reverse("planning-backlog", args=["growth"]), {"title": "Mine"})
        assert response.status_code == 403
    assert CandidateObjective.objects.get().is_waiting()


def test_backlog_isolation(client, world, other_world):
    client = signed_in(world.admin, client)
    other = actions.add_candidate(other_world["team"], "Globex plan")
    assert client.get(reverse("planning-backlog", args=["globex-ops"])).status_code == 404
    assert client.post(reverse("planning-drop", args=[other.pk])).status_code == 404
    response = client.post(
        reverse("planning-promote", args=[other.pk]), {"cycle": other_world["cycle"].pk}
    )
    assert response.status_code == 404
    assert CandidateObjective.objects.get(pk=other.pk).is_waiting()


def test_promote_into_another_organisations_cycle_is_refused(client, world, other_world):
    candidate = actions.add_candidate(world.growth, "Be the charity students volunteer for")
    signed_in(world.alice, client).post(
        reverse("planning-promote", args=[candidate.pk]), {"cycle": other_world["cycle"].pk}
    )
    assert CandidateObjective.objects.get().is_waiting()
