"""Leadership opens planning, starts the cycle and plans the next quarter from the pages."""

from django.urls import reverse

from conftest import PASSWORD, signed_in
from okrs.cycles.models import Cycle
from okrs.objectives.models import Objective
from okrs.organizations.actions import add_person
from okrs.organizations.models import Role
from okrs.planning.models import PlanningSession
from okrs.planning.tests.helpers import draft


def test_admin_opens_planning_with_the_strategic_objectives(client, world, plan):
    response = signed_in(world.admin, client).post(
        reverse("planning-open", args=[plan.q2.pk]),
        {"strategic_objectives": [plan.strategic.pk], "message": "Towns first"},
    )
    assert response.status_code == 302
    session = PlanningSession.objects.get(cycle=plan.q2)
    assert list(session.strategic_objectives.all()) == [plan.strategic]
    assert session.message == "Towns first" and session.opened_by == world.admin


def test_okr_leader_may_open_planning(client, world, plan):
    leader = add_person(world.org, "lee@acme.test", "Lee Leader", Role.OKR_LEADER, PASSWORD)
    signed_in(leader, client).post(
        reverse("planning-open", args=[plan.q2.pk]), {"strategic_objectives": [plan.company.pk]}
    )
    assert PlanningSession.objects.filter(cycle=plan.q2, opened_by=leader).exists()


def test_opening_without_objectives_keeps_the_message_and_says_why(client, world, plan):
    response = signed_in(world.admin, client).post(
        reverse("planning-open", args=[plan.q2.pk]), {"message": "Towns first"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Choose at least one objective" in html
    assert "Towns first</textarea>" in html
    assert not PlanningSession.objects.exists()


def test_members_practitioners_and_stakeholders_cannot_open_planning(client, world, plan):
    for person in (world.alice, world.sam, plan.pat):
        response = signed_in(person, client).post(
            reverse("planning-open", args=[plan.q2.pk]),
            {"strategic_objectives": [plan.strategic.pk]},
        )
        assert response.status_code == 403
    assert not PlanningSession.objects.exists()


def test_open_form_shows_only_to_leadership(client, world, plan):
    page = signed_in(world.admin, client).get(reverse("planning-board", args=[plan.q2.pk]))
    assert "Open planning" in page.content.decode()
    page = signed_in(world.alice, client).get(reverse("planning-board", args=[plan.q2.pk]))
    assert page.context["form"] is None


def test_opening_publishes_a_strategic_draft(client, world, plan):
    strategic_draft = draft(world.marketing, "Reach every town hall", world.annual)
    signed_in(world.admin, client).post(
        reverse("planning-open", args=[plan.q2.pk]),
        {"strategic_objectives": [strategic_draft.pk]},
    )
    assert Objective.objects.get(pk=strategic_draft.pk).status == Objective.State.ACTIVE


def test_start_the_cycle_ends_planning(client, world, plan):
    client = signed_in(world.admin, client)
    client.post(
        reverse("planning-open", args=[plan.q2.pk]), {"strategic_objectives": [plan.strategic.pk]}
    )
    client.post(reverse("planning-start", args=[plan.q2.pk]))
    assert Cycle.objects.get(pk=plan.q2.pk).state == Cycle.State.ACTIVE
    assert PlanningSession.objects.get().closed_at is not None


def test_member_cannot_start_the_cycle(client, world, plan):
    response = signed_in(world.alice, client).post(reverse("planning-start", args=[plan.q2.pk]))
    assert response.status_code == 403
    assert Cycle.objects.get(pk=plan.q2.pk).state == Cycle.State.PLANNING


def test_admin_plans_the_next_quarter(client, world, plan):
    response = signed_in(world.admin, client).post(reverse("planning-next-quarter"))
    created = Cycle.objects.get(name="2027-Q3")
    assert response.url == reverse("planning-board", args=[created.pk])
    assert created.state == Cycle.State.PLANNING


def test_stakeholder_cannot_plan_a_quarter(client, world, plan):
    response = signed_in(world.sam, client).post(reverse("planning-next-quarter"))
    assert response.status_code == 403
    assert not Cycle.objects.filter(name="2027-Q3").exists()


def test_another_organisations_cycle_answers_404(client, world, other_world):
    client = signed_in(world.admin, client)
    cycle = other_world["cycle"]
    assert client.get(reverse("planning-board", args=[cycle.pk])).status_code == 404
    response = client.post(
        reverse("planning-open", args=[cycle.pk]),
        {"strategic_objectives": [other_world["objective"].pk]},
    )
    assert response.status_code == 404
    assert client.post(reverse("planning-start", args=[cycle.pk])).status_code == 404
    assert not PlanningSession.objects.exists()
