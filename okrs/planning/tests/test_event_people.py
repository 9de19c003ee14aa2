"""Who should be at a check-in or review: dependencies from planning, stakeholders invited."""

from django.urls import reverse

from conftest import signed_in
from okrs.cadence.actions import update_team_cadence
from okrs.cadence.models import CadenceEvent
from okrs.cadence.tests.conftest import BEFORE_Q1, scheduled
from okrs.evaluation.actions import create_review
from okrs.planning.actions import add_planning_note
from okrs.planning.participants import event_people

HTMX = {"HTTP_HX_REQUEST": "true"}


def growth_event(world, slot):
    """Return Growth's own event of 2027-Q1 in the slot, Growth checking in weekly."""
    scheduled(world.quarter)
    update_team_cadence(world.growth, {"check_in_days": 7}, now=BEFORE_Q1)
    return CadenceEvent.objects.get(cycle=world.quarter, slot=slot, team=world.growth)


def panel(client, event):
    url = reverse("planning-event-people", args=[event.pk])
    return client.get(url, **HTMX).content.decode()


def test_a_check_in_lists_the_dependencies_either_way_and_the_invited_outsiders(client, world):
    check_in = growth_event(world, "check-in:2027-01-19")
    add_planning_note(world.quarter, world.growth, "dependency", "Donor data export", world.support)
    add_planning_note(world.quarter, world.support, "dependency", "Campaign calendar", world.growth)
    add_planning_note(world.quarter, world.support, "dependency", "Design help", world.marketing)
    create_review(world.growth, world.quarter, check_in.first_day(), invited=[world.sam])
    people = event_people(check_in)
    assert [note.text for note in people.dependencies] == ["Donor data export", "Campaign calendar"]
    assert people.invited == [world.sam]
    html = panel(signed_in(world.bob, client), check_in)
    assert "Donor data export" in html and "Campaign calendar" in html
    assert "Design help" not in html and "Sam Stakeholder" in html


def test_a_check_in_without_dependencies_says_none_were_noted(client, world):
    check_in = growth_event(world, "check-in:2027-01-19")
    html = panel(signed_in(world.alice, client), check_in)
    assert "No dependencies of Growth were noted in planning." in html
    assert "Nobody from outside the team is invited yet." in html


def test_a_review_event_without_stakeholders_says_so(client, world):
    review = growth_event(world, "review:1")
    html = panel(signed_in(world.alice, client), review)
    assert "No stakeholders invited." in html and "hold the review" in html


def test_a_review_event_names_the_stakeholders_of_the_review_held_that_day(client, world):
    event = growth_event(world, "review:1")
    create_review(world.growth, world.quarter, event.first_day(), invited=[world.sam])
    people = event_people(event)
    assert people.review is not None and people.invited == [world.sam]
    assert "Sam Stakeholder" in panel(signed_in(world.alice, client), event)


def test_a_review_held_that_day_without_stakeholders_says_so(client, world):
    event = growth_event(world, "review:1")
    create_review(world.growth, world.quarter, event.first_day())
    assert "No stakeholders at this review." in panel(signed_in(world.alice, client), event)


def test_the_event_page_loads_the_panel_and_it_opens_alone_too(client, world):
    event = growth_event(world, "review:1")
    alice = signed_in(world.alice, client)
    page = alice.get(event.get_absolute_url()).content.decode()
    url = reverse("planning-event-people", args=[event.pk])
    assert f'hx-get="{url}"' in page
    alone = alice.get(url)
    assert alone.status_code == 200 and "<h1>Who takes part</h1>" in alone.content.decode()


def test_another_organisations_event_is_not_found(client, world, other_world):
    scheduled(other_world["objective"].cycle)
    theirs = CadenceEvent.objects.filter(cycle=other_world["objective"].cycle).first()
    url = reverse("planning-event-people", args=[theirs.pk])
    assert signed_in(world.alice, client).get(url).status_code == 404
