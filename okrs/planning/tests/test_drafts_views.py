"""Share, withdraw and publish from the pages: who may, and what htmx gets back."""

from django.urls import reverse

from conftest import signed_in
from okrs.objectives.models import Objective
from okrs.organizations.actions import join_team
from okrs.planning import actions
from okrs.planning.tests.helpers import SOUND, draft

HTMX = {"HTTP_HX_REQUEST": "true"}


def card_target(objective):
    return {**HTMX, "HTTP_HX_TARGET": f"plan-objective-{objective.pk}"}


def test_member_shares_the_teams_draft_with_htmx(client, world, plan):
    join_team(world.bob, world.growth)
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2)
    response = signed_in(world.bob, client).post(
        reverse("planning-share", args=[objective.pk]), **card_target(objective)
    )
    assert response.status_code == 200
    assert "Shared draft" in response.content.decode()
    assert Objective.objects.get(pk=objective.pk).shared_at is not None


def test_share_without_htmx_goes_back(client, world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2)
    back = reverse("planning-team", args=[plan.q2.pk, "growth"])
    response = signed_in(world.alice, client).post(
        reverse("planning-share", args=[objective.pk]), {"next": back}
    )
    assert response.status_code == 302 and response.url == back


def test_withdraw_makes_it_private_again(client, world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2)
    client = signed_in(world.alice, client)
    client.post(reverse("planning-share", args=[objective.pk]))
    client.post(reverse("planning-withdraw", args=[objective.pk]))
    assert Objective.objects.get(pk=objective.pk).shared_at is None


def test_member_of_another_team_cannot_see_nor_share_an_unshared_draft(client, world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2)
    response = signed_in(world.bob, client).post(reverse("planning-share", args=[objective.pk]))
    assert response.status_code == 404
    assert Objective.objects.get(pk=objective.pk).shared_at is None


def test_member_of_another_team_cannot_share_a_shared_one(client, world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2)
    signed_in(world.alice, client).post(reverse("planning-share", args=[objective.pk]))
    response = signed_in(world.bob, client).post(reverse("planning-withdraw", args=[objective.pk]))
    assert response.status_code == 403
    assert Objective.objects.get(pk=objective.pk).shared_at is not None


def test_team_lead_publishes_its_draft(client, world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, key_results=SOUND)
    back = reverse("planning-board", args=[plan.q2.pk])
    response = signed_in(world.alice, client).post(
        reverse("planning-publish", args=[objective.pk]), {"next": back}
    )
    assert response.status_code == 302 and response.url == back
    assert Objective.objects.get(pk=objective.pk).status == Objective.State.ACTIVE


def test_plain_member_cannot_publish(client, world, plan):
    objective = draft(world.support, "Answer every donor within a day", plan.q2)
    response = signed_in(world.bob, client).post(reverse("planning-publish", args=[objective.pk]))
    assert response.status_code == 403
    assert Objective.objects.get(pk=objective.pk).status == Objective.State.DRAFT


def test_admin_publishes_any_shared_draft(client, world, plan):
    objective = actions.share_draft(
        draft(world.support, "Answer every donor within a day", plan.q2, key_results=SOUND)
    )
    signed_in(world.admin, client).post(reverse("planning-publish", args=[objective.pk]))
    assert Objective.objects.get(pk=objective.pk).status == Objective.State.ACTIVE


def test_stakeholder_cannot_publish_a_shared_draft(client, world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2)
    signed_in(world.alice, client).post(reverse("planning-share", args=[objective.pk]))
    response = signed_in(world.sam, client).post(reverse("planning-publish", args=[objective.pk]))
    assert response.status_code == 403
    assert Objective.objects.get(pk=objective.pk).status == Objective.State.DRAFT


def test_publishing_an_active_objective_says_why_not(client, world, plan):
    objective = world.objective()
    response = signed_in(world.admin, client).post(reverse("planning-publish", args=[objective.pk]))
    assert response.status_code == 422
    assert "is active" in response.content.decode()


def test_board_buttons_swap_the_whole_board(client, world, plan):
    objective = draft(world.growth, "Win the hearts of young donors", plan.q2, [plan.strategic])
    board = reverse("planning-board", args=[plan.q2.pk])
    response = signed_in(world.alice, client).post(
        reverse("planning-share", args=[objective.pk]),
        {"next": board},
        **HTMX,
        HTTP_HX_TARGET="main",
        follow=True,
    )
    assert response.redirect_chain[-1][0] == board
    assert [s.objective for s in response.context["board"].supporters()] == [objective]


def test_another_organisations_objective_answers_404(client, world, plan, other_world):
    response = signed_in(world.admin, client).post(
        reverse("planning-publish", args=[other_world["objective"].pk])
    )
    assert response.status_code == 404
