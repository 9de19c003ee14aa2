"""The planning pages render what planning needs, for a signed-in person of the organisation."""

from django.urls import reverse

from conftest import signed_in
from okrs.cycles.actions import set_cycle_state
from okrs.objectives.actions import update_objective
from okrs.planning import actions
from okrs.planning.tests.helpers import draft


def test_overview_lists_the_cycle_being_planned_first(client, world, plan):
    draft(world.growth, "Win the hearts of young donors", plan.q2)
    response = signed_in(world.alice, client).get(reverse("planning"))
    rows = response.context["rows"]
    assert rows[0].cycle == plan.q2
    assert (rows[0].drafts, rows[0].shared, rows[0].published) == (1, 0, 0)
    assert "Planning is not open yet" in response.content.decode()


def test_overview_counts_no_hidden_drafts(client, world, plan):
    draft(world.growth, "Win the hearts of young donors", plan.q2)
    response = signed_in(world.bob, client).get(reverse("planning"))
    assert response.context["rows"][0].drafts == 0


def test_overview_offers_leadership_the_next_quarter(client, world, plan):
    response = signed_in(world.admin, client).get(reverse("planning"))
    assert "Plan 2027-Q3" in response.content.decode()
    response = signed_in(world.alice, client).get(reverse("planning"))
    assert "Plan 2027-Q3" not in response.content.decode()


def test_overview_without_open_cycles_says_what_to_do(client, world):
    set_cycle_state(world.quarter, "closed")
    set_cycle_state(world.annual, "closed")
    response = signed_in(world.bob, client).get(reverse("planning"))
    assert "No cycle to plan" in response.content.decode()


def test_board_shows_shared_drafts_and_gaps(client, world, plan):
    actions.share_draft(
        draft(world.growth, "Win the hearts of young donors", plan.q2, [plan.strategic])
    )
    world.objective(team=world.marketing, title="Keep every donor's data safe", cycle=world.annual)
    page = signed_in(world.bob, client).get(reverse("planning-board", args=[plan.q2.pk]))
    html = page.content.decode()
    assert "Win the hearts of young donors" in html
    assert "Gap: nobody supports it yet" in html
    assert "planning/planning.css" in html


def test_board_hides_another_teams_unshared_draft(client, world, plan):
    draft(world.growth, "Win the hearts of young donors", plan.q2, [plan.strategic])
    html = signed_in(world.bob, client).get(reverse("planning-board", args=[plan.q2.pk]))
    assert "Win the hearts of young donors" not in html.content.decode()
    html = signed_in(world.admin, client).get(reverse("planning-board", args=[plan.q2.pk]))
    assert "Win the hearts of young donors" not in html.content.decode()
    assert "Draft objective (private to Growth)" in html.content.decode()


def test_board_links_drafting_for_writable_teams(client, world, plan):
    html = signed_in(world.alice, client).get(reverse("planning-board", args=[plan.q2.pk]))
    text = html.content.decode()
    assert f"/objectives/new/?team=growth&amp;cycle={plan.q2.pk}" in text
    assert f"/objectives/new/?team=support&amp;cycle={plan.q2.pk}" not in text


def test_team_page_shows_learnings_and_notes(client, world, plan):
    update_objective(world.objective(title="Be heard in every town"), status="closed", grade=7)
    actions.add_planning_note(plan.q2, world.support, "need", "Campaign calendar", world.growth)
    page = signed_in(world.alice, client).get(
        reverse("planning-team", args=[plan.q2.pk, world.growth.slug])
    )
    html = page.content.decode()
    assert "Learnings from last cycle" in html and "Be heard in every town" in html
    assert "Campaign calendar" in html  # asked of Growth by Support
    assert 'for="id_text"' in html  # the note form, labelled


def test_team_page_of_a_stakeholder_has_no_forms(client, world, plan):
    page = signed_in(world.sam, client).get(
        reverse("planning-team", args=[plan.q2.pk, world.growth.slug])
    )
    assert page.context["note_form"] is None
    assert "Draft an objective" not in page.content.decode()
