"""A team's planning page: needs, provisions and dependencies, and who may state them."""

from django.urls import reverse

from conftest import signed_in
from okrs.planning import actions
from okrs.planning.models import TeamPlanningNote

HTMX = {"HTTP_HX_REQUEST": "true"}


def notes_url(plan, team):
    return reverse("planning-note-add", args=[plan.q2.pk, team.slug])


def test_lead_adds_a_need_with_htmx(client, world, plan):
    response = signed_in(world.alice, client).post(
        notes_url(plan, world.growth),
        {"kind": "need", "text": "Two designers", "other_team": world.support.pk},
        **HTMX,
    )
    assert response.status_code == 200
    assert 'id="planning-notes"' in response.content.decode()
    note = TeamPlanningNote.objects.get()
    assert (note.team, note.other_team, note.author) == (world.growth, world.support, world.alice)


def test_dependency_without_a_team_keeps_the_text_and_says_why(client, world, plan):
    response = signed_in(world.alice, client).post(
        notes_url(plan, world.growth), {"kind": "dependency", "text": "Fast answers"}, **HTMX
    )
    html = response.content.decode()
    assert "Say which team you depend on." in html
    assert 'value="Fast answers"' in html
    assert not TeamPlanningNote.objects.exists()


def test_invalid_note_without_htmx_is_a_422_page(client, world, plan):
    response = signed_in(world.alice, client).post(
        notes_url(plan, world.growth), {"kind": "need", "text": ""}
    )
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()


def test_member_cannot_write_another_teams_notes(client, world, plan):
    response = signed_in(world.bob, client).post(
        notes_url(plan, world.growth), {"kind": "need", "text": "Two designers"}
    )
    assert response.status_code == 403
    assert not TeamPlanningNote.objects.exists()


def test_stakeholder_cannot_write_notes(client, world, plan):
    response = signed_in(world.sam, client).post(
        notes_url(plan, world.growth), {"kind": "need", "text": "Two designers"}
    )
    assert response.status_code == 403


def test_team_removes_its_note(client, world, plan):
    note = actions.add_planning_note(plan.q2, world.growth, "provision", "Campaign assets")
    url = reverse("planning-note-remove", args=[plan.q2.pk, note.pk])
    assert signed_in(world.bob, client).post(url).status_code == 403
    response = signed_in(world.alice, client).post(url, **HTMX)
    assert response.status_code == 200
    assert not TeamPlanningNote.objects.exists()


def test_another_organisations_team_answers_404(client, world, plan, other_world):
    client = signed_in(world.admin, client)
    team = other_world["team"]
    assert client.get(reverse("planning-team", args=[plan.q2.pk, team.slug])).status_code == 404
    response = client.post(
        reverse("planning-note-add", args=[plan.q2.pk, team.slug]), {"kind": "need", "text": "x"}
    )
    assert response.status_code == 404
    response = client.get(reverse("planning-team", args=[other_world["cycle"].pk, "growth"]))
    assert response.status_code == 404
