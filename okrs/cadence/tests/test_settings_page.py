"""The cadence settings: admins and OKR leaders set the organisation's, team leads their team's."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.cadence.actions import update_team_cadence
from okrs.cadence.models import CadenceEvent, CadenceSettings
from okrs.cadence.tests.conftest import BEFORE_Q1, scheduled
from okrs.cycles.actions import create_cycle, set_cycle_state
from okrs.organizations.actions import add_person, create_team
from okrs.organizations.models import Role

HTMX = {"HTTP_HX_REQUEST": "true"}
ORGANIZATION = reverse("cadence-organization-settings")


def team_url(team):
    return reverse("cadence-team-settings", args=[team.slug])


def org_form(**values):
    return {f"org-{name}": value for name, value in values.items()}


def team_form(**values):
    return {f"team-{name}": value for name, value in values.items()}


def check_in_weekdays(cycle, team=None):
    events = CadenceEvent.objects.filter(cycle=cycle, team=team, kind="check-in", edited=False)
    return {e.first_day().weekday() for e in events}


def test_an_admin_changes_the_organisations_cadence_and_the_cycle_follows(client, world, quarter):
    admin = signed_in(world.admin, client)
    assert 'name="org-check_in_weekday"' in admin.get(reverse("cadence-settings")).content.decode()

    response = admin.post(ORGANIZATION, org_form(check_in_weekday="3", check_in_time="09:00"))

    assert response.status_code == 302
    stored = CadenceSettings.objects.get(organization=world.org, team=None)
    assert (stored.check_in_weekday, stored.check_in_time.hour) == (3, 9)
    assert check_in_weekdays(quarter) == {3}
    followed = admin.get(response.url, {"team": "growth"}).content.decode()
    assert "cadence; open cycles rescheduled." in followed
    assert "In effect for Growth" in followed
    assert "Every 2 weeks, Thursday at 09:00" in followed


def test_an_okr_leader_may_change_it_too(client, world):
    leader = add_person(world.org, "lea@acme.test", "Lea Leader", Role.OKR_LEADER, "pw-leader-99")
    client.force_login(leader)

    response = client.post(ORGANIZATION, org_form(planning_weeks="3"))

    assert response.status_code == 302
    assert CadenceSettings.objects.get(team=None).planning_weeks == 3


@pytest.mark.parametrize("person", ["alice", "bob", "sam"])
def test_others_cannot_change_the_organisations_cadence(client, world, person):
    visitor = signed_in(getattr(world, person), client)

    content = visitor.get(reverse("cadence-settings")).content.decode()
    assert 'name="org-check_in_days"' not in content
    assert "Admins and OKR leaders change the organisation's cadence." in content
    assert visitor.post(ORGANIZATION, org_form(check_in_days="7")).status_code == 403
    assert not CadenceSettings.objects.exists()


def test_a_team_lead_sets_the_teams_daily_alignment_in_place(client, world, quarter):
    alice = signed_in(world.alice, client)
    page = alice.get(reverse("cadence-settings")).content.decode()
    assert 'name="team-daily_alignment"' in page and "Save Growth's cadence" in page

    response = alice.post(
        team_url(world.growth),
        team_form(daily_alignment="on", daily_weekdays=["0", "2", "4"], daily_time="09:15"),
        **HTMX,
    )

    assert response.status_code == 200
    assert "Saved; Growth's events were rescheduled." in response.content.decode()
    stored = CadenceSettings.objects.get(team=world.growth)
    assert (stored.daily_alignment, stored.daily_weekdays) == (True, "024")
    dailies = CadenceEvent.objects.filter(cycle=quarter, kind="daily-alignment")
    assert {e.team_id for e in dailies} == {world.growth.pk}
    assert {e.first_day().weekday() for e in dailies} == {0, 2, 4}
    assert check_in_weekdays(quarter) == {1}


def test_a_team_lead_gives_the_team_its_own_check_ins(client, world, quarter):
    alice = signed_in(world.alice, client)

    response = alice.post(team_url(world.growth), team_form(check_in_days="7"))

    assert response.status_code == 302
    assert CadenceEvent.objects.filter(cycle=quarter, team=world.growth, kind="check-in").count()
    assert CadenceSettings.objects.get(team=world.growth).has_own_rhythm()


def test_another_teams_member_cannot_change_the_teams_cadence(client, world):
    bob = signed_in(world.bob, client)

    page = bob.get(reverse("cadence-settings"), {"team": "growth"}).content.decode()
    assert 'name="team-daily_alignment"' not in page
    assert "Its leads, admins and OKR leaders change its cadence." in page
    response = bob.post(team_url(world.growth), team_form(daily_alignment="on"))
    assert response.status_code == 403
    assert not CadenceSettings.objects.exists()


def test_a_member_who_is_not_lead_cannot_change_the_teams_cadence(client, world):
    response = signed_in(world.bob, client).post(
        team_url(world.support), team_form(daily_alignment="on")
    )

    assert response.status_code == 403
    assert not CadenceSettings.objects.exists()


def test_a_stakeholder_cannot_change_a_teams_cadence(client, world):
    response = signed_in(world.sam, client).post(
        team_url(world.growth), team_form(daily_alignment="on")
    )

    assert response.status_code == 403
    assert not CadenceSettings.objects.exists()


def test_an_admin_may_change_any_teams_cadence(client, world):
    response = signed_in(world.admin, client).post(
        team_url(world.support), team_form(check_in_minutes="20")
    )

    assert response.status_code == 302
    assert CadenceSettings.objects.get(team=world.support).check_in_minutes == 20


def test_an_unknown_time_zone_keeps_the_input_and_says_why(client, world):
    response = signed_in(world.admin, client).post(
        ORGANIZATION, org_form(time_zone="Mars/Olympus", check_in_minutes="25")
    )

    assert response.status_code == 422
    content = response.content.decode()
    assert "Unknown time zone; use a name such as Europe/Berlin." in content
    assert 'value="Mars/Olympus"' in content and 'value="25"' in content
    assert not CadenceSettings.objects.exists()


def test_a_team_form_error_comes_back_in_place_with_htmx(client, world):
    response = signed_in(world.alice, client).post(
        team_url(world.growth), team_form(daily_minutes="500"), **HTMX
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section class="panel" id="team-cadence"')
    assert "less than or equal to 120" in content and 'value="500"' in content
    assert not CadenceSettings.objects.exists()


def test_every_input_has_a_label(client, world):
    content = signed_in(world.admin, client).get(reverse("cadence-settings")).content.decode()

    for name in ("check_in_days", "check_in_time", "daily_time", "time_zone", "planning_weeks"):
        assert f'<label for="id_org-{name}">' in content
        assert f'id="id_org-{name}"' in content
    assert '<label class="check" for="id_org-daily_weekdays_0">' in content


def test_choosing_another_teams_cadence_uses_htmx(client, world):
    content = signed_in(world.sam, client).get(reverse("cadence-settings")).content.decode()

    assert 'hx-select="#team-cadence"' in content
    assert '<label for="settings-team">Team</label>' in content


def test_another_organisations_team_is_404(client, world, other_world):
    alice = signed_in(world.alice, client)
    slug = other_world["team"].slug

    assert alice.get(reverse("cadence-settings"), {"team": slug}).status_code == 404
    admin = signed_in(world.admin, client)
    response = admin.post(team_url(other_world["team"]), team_form(check_in_days="7"))
    assert response.status_code == 404
    assert not CadenceSettings.objects.exists()


def test_settings_page_queries_do_not_grow_with_objectives_or_overrides(client, world):
    admin = signed_in(world.admin, client)
    world.objective()
    with CaptureQueriesContext(connection) as few:
        assert admin.get(reverse("cadence-settings"), {"team": "growth"}).status_code == 200
    for n in range(5):
        team = create_team(world.org, f"Squad {n}", "tactical", world.marketing)
        update_team_cadence(team, {"daily_alignment": True}, now=BEFORE_Q1)
        world.objective(team=team, title=f"Objective of squad {n}")
    with CaptureQueriesContext(connection) as many:
        assert admin.get(reverse("cadence-settings"), {"team": "growth"}).status_code == 200

    assert len(many) == len(few)


def test_saving_reschedules_only_open_cycles(client, world, quarter):
    old = create_cycle(world.org, "2026-Q2", date(2026, 4, 1), date(2026, 6, 30))
    scheduled(old)
    set_cycle_state(old, "closed")
    before = {e.pk: e.starts_at for e in CadenceEvent.objects.filter(cycle=old)}

    signed_in(world.admin, client).post(ORGANIZATION, org_form(check_in_weekday="4"))

    assert {e.pk: e.starts_at for e in CadenceEvent.objects.filter(cycle=old)} == before
    assert check_in_weekdays(quarter) == {4}
