"""Daily Alignment is the team's own: the organisation suggests, a member decides on its page."""

from importlib import import_module

from django.apps import apps
from django.urls import reverse

from conftest import signed_in
from okrs.cadence.actions import update_organization_cadence, update_team_cadence
from okrs.cadence.models import CadenceEvent, CadenceSettings
from okrs.cadence.tests.conftest import BEFORE_Q1

MIGRATION = import_module("okrs.cadence.migrations.0002_daily_alignment_is_the_teams_choice")


def _team_page(client, world):
    return client.get(reverse("team", args=["growth"])).content.decode()


def test_a_member_turns_daily_alignment_on_and_off_on_the_team_page(client, world, quarter):
    alice = signed_in(world.alice, client)
    assert "Growth holds no Daily Alignment (not chosen yet)." in _team_page(alice, world)
    url = reverse("cadence-team-daily-alignment", args=["growth"])
    assert alice.post(url, {"daily_alignment": "on"}).status_code == 302
    assert CadenceSettings.objects.get(team=world.growth).daily_alignment is True
    assert CadenceEvent.objects.filter(team=world.growth, kind="daily-alignment").exists()
    assert "Growth holds Daily Alignment: Mon, Tue, Wed, Thu, Fri at 09:30" in _team_page(
        alice, world
    )
    alice.post(url, {"daily_alignment": "off"})
    assert CadenceSettings.objects.get(team=world.growth).daily_alignment is False
    assert not CadenceEvent.objects.filter(team=world.growth, kind="daily-alignment").exists()


def test_the_team_page_shows_the_organisation_s_suggestion_until_the_team_takes_it_up(
    client, world, quarter
):
    update_organization_cadence(world.org, {"daily_alignment": True}, now=BEFORE_Q1)
    alice = signed_in(world.alice, client)
    page = _team_page(alice, world)
    assert "Acme Water suggests Daily Alignment" in page and "Hold Daily Alignment" in page
    assert not CadenceEvent.objects.filter(kind="daily-alignment").exists()
    alice.post(reverse("cadence-team-daily-alignment", args=["growth"]), {"daily_alignment": "on"})
    assert "suggests Daily Alignment" not in _team_page(alice, world)


def test_an_admin_outside_the_team_suggests_but_cannot_decide(client, world, quarter):
    admin = signed_in(world.admin, client)
    page = _team_page(admin, world)
    assert "Hold Daily Alignment" not in page and "The team's members decide." in page
    url = reverse("cadence-team-daily-alignment", args=["growth"])
    assert admin.post(url, {"daily_alignment": "on"}).status_code == 403
    settings = admin.get(reverse("cadence-settings"), {"team": "growth"}).content.decode()
    assert 'name="team-daily_alignment"' not in settings
    assert "Suggest Daily Alignment to the teams" in settings
    assert not CadenceSettings.objects.filter(team=world.growth).exists()


def test_teams_of_an_organisation_with_the_switch_on_keep_it_as_their_own_choice(world):
    update_organization_cadence(world.org, {"daily_alignment": True}, now=BEFORE_Q1)
    update_team_cadence(world.support, {"daily_alignment": False}, now=BEFORE_Q1)
    update_team_cadence(world.growth, {"check_in_days": 7}, now=BEFORE_Q1)
    MIGRATION.keep_daily_alignment_as_the_teams_choice(apps, None)
    chosen = dict(
        CadenceSettings.objects.filter(team__isnull=False).values_list(
            "team__slug", "daily_alignment"
        )
    )
    assert chosen == {"acme": True, "marketing": True, "growth": True, "support": False}
    assert CadenceSettings.objects.get(team=world.growth).check_in_days == 7
