"""The cadence page: a cycle's events week by week for the person's teams, the next one marked."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.cadence.actions import update_team_cadence
from okrs.cadence.models import CadenceEvent
from okrs.cadence.tests.conftest import BEFORE_Q1
from okrs.cycles.actions import create_cycle
from okrs.organizations.actions import add_person, create_organization
from okrs.organizations.models import Role


def page(client, **params):
    return client.get(reverse("cadence"), params)


def shown(response):
    return [
        event
        for week in response.context["weeks"]
        for event in week.events + [e for row in week.daily_rows() for e in row.events]
    ]


def test_a_member_sees_the_cycle_week_by_week_with_the_next_event_marked(client, world, quarter):
    response = page(signed_in(world.bob, client), cycle=quarter.pk)

    assert response.status_code == 200
    weeks = response.context["weeks"]
    assert weeks[0].monday == date(2026, 12, 14)
    assert [e.kind for e in weeks[0].events] == ["planning"]
    week_of_first_check_in = next(w for w in weeks if w.monday == date(2027, 1, 18))
    assert [e.slot for e in week_of_first_check_in.events] == ["check-in:2027-01-19"]
    # Today (November 2026) comes before the planning window, so planning is next.
    assert response.context["next_event"].kind == "planning"
    content = response.content.decode()
    assert 'class="event-row kind-planning next"' in content
    assert "OKR Planning for 2027-Q1" in content
    assert len(shown(response)) == 10


def test_a_team_with_its_own_rhythm_sees_its_check_ins_instead_of_the_organisations(
    client, world, quarter
):
    update_team_cadence(world.growth, {"check_in_days": 7}, now=BEFORE_Q1)

    alice = {(e.kind, e.team_id) for e in shown(page(signed_in(world.alice, client)))}
    bob = {(e.kind, e.team_id) for e in shown(page(signed_in(world.bob, client)))}

    assert ("check-in", world.growth.pk) in alice
    assert ("check-in", None) not in alice
    assert ("planning", None) in alice
    assert bob == {("planning", None), ("check-in", None), ("review", None), ("evaluation", None)}


def test_daily_alignments_of_a_week_share_one_line_of_days(client, world, quarter):
    update_team_cadence(world.growth, {"daily_alignment": True}, now=BEFORE_Q1)

    response = page(signed_in(world.alice, client))

    week = next(w for w in response.context["weeks"] if w.monday == date(2027, 1, 18))
    rows = week.daily_rows()
    assert [row.team for row in rows] == [world.growth]
    assert [e.first_day().weekday() for e in rows[0].events] == [0, 1, 2, 3, 4]
    assert "Growth: Daily Alignment" in response.content.decode()


def test_anyone_can_look_at_a_teams_or_only_the_organisations_events(client, world, quarter):
    update_team_cadence(world.growth, {"check_in_days": 7}, now=BEFORE_Q1)
    sam = signed_in(world.sam, client)

    growth = shown(page(sam, team=world.growth.pk))
    organization = shown(page(sam, team="org"))

    assert {e.team_id for e in growth if e.kind == "check-in"} == {world.growth.pk}
    assert {e.team_id for e in organization} == {None}
    assert len(organization) == 10


def test_a_person_without_teams_sees_the_organisation_wide_events(client, world, quarter):
    response = page(signed_in(world.admin, client))

    assert {e.team_id for e in shown(response)} == {None}
    assert "You belong to no team yet" in response.content.decode()


def test_the_cycle_picker_uses_htmx_and_keeps_the_team_choice(client, world, quarter):
    content = page(signed_in(world.alice, client)).content.decode()

    assert 'hx-get=""' in content and 'hx-select="#main"' in content
    assert 'name="cycle"' in content and 'name="team"' in content
    assert '<label for="team-select">Show</label>' in content


def test_another_organisations_cycle_or_team_is_404(client, world, quarter, other_world):
    alice = signed_in(world.alice, client)

    assert page(alice, cycle=other_world["cycle"].pk).status_code == 404
    assert page(alice, team=other_world["team"].pk).status_code == 404
    assert "Globex" not in page(alice).content.decode()


def test_a_cycle_without_events_offers_scheduling_to_admins_only(client, world):
    CadenceEvent.objects.all().delete()
    admin = signed_in(world.admin, client)

    content = page(admin, cycle=world.quarter.pk).content.decode()
    assert "No events in 2027-Q1" in content
    assert "Schedule its events" in content

    response = admin.post(reverse("cadence-schedule"), {"cycle": world.quarter.pk})
    assert response.status_code == 302
    assert CadenceEvent.objects.filter(cycle=world.quarter).count() == 10


def test_members_cannot_schedule_a_cycle(client, world):
    CadenceEvent.objects.all().delete()
    alice = signed_in(world.alice, client)

    assert "Schedule its events" not in page(alice).content.decode()
    assert alice.post(reverse("cadence-schedule"), {"cycle": world.quarter.pk}).status_code == 403
    assert not CadenceEvent.objects.exists()


def test_scheduling_another_organisations_cycle_is_404(client, world, other_world):
    admin = signed_in(world.admin, client)

    response = admin.post(reverse("cadence-schedule"), {"cycle": other_world["cycle"].pk})

    assert response.status_code == 404


def test_an_organisation_without_cycles_gets_a_friendly_empty_state(client, db):
    organization = create_organization("Newco")
    person = add_person(organization, "new@newco.test", "Nia New", Role.ADMIN, "correct-horse-9")
    client.force_login(person)

    response = page(client)

    assert response.status_code == 200
    assert "No cycles yet" in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    response = page(client)

    assert response.status_code == 302
    assert "/login/" in response.url


def test_page_queries_do_not_grow_with_objectives_or_events(client, world, quarter):
    alice = signed_in(world.alice, client)
    world.objective()
    with CaptureQueriesContext(connection) as few:
        assert page(alice).status_code == 200
    for n in range(8):
        world.objective(title=f"Objective number {n} for growth", team=world.growth)
    update_team_cadence(world.growth, {"daily_alignment": True}, now=BEFORE_Q1)
    create_cycle(world.org, "2027-Q2", date(2027, 4, 1), date(2027, 6, 30))
    with CaptureQueriesContext(connection) as many:
        assert page(alice).status_code == 200

    assert len(many) == len(few)


@pytest.mark.parametrize("width_class", ["two-col", "page-head"])
def test_the_page_uses_the_shared_layout(client, world, quarter, width_class):
    content = page(signed_in(world.alice, client)).content.decode()

    assert f'class="{width_class}"' in content
    assert "cadence/cadence.css" in content
