"""The organisation's settings: admins change name, profile, scale, time zone and check-in day."""

from zoneinfo import ZoneInfo

import pytest

from conftest import signed_in
from okrs.cadence.models import CadenceEvent
from okrs.organizations.models import AdministrativeChange, Organization

URL = "/administration/settings/"


def form(world, **changes) -> dict:
    """Return the settings form as the page fills it, with some values changed."""
    values = {
        "name": world.org.name,
        "profile": world.org.profile,
        "score_scale": world.org.score_scale,
        "time_zone": world.org.time_zone,
        "check_in_weekday": "",
    }
    return values | changes


def check_in_days(org) -> set[str]:
    """Return the weekdays (in the events' own time zone) of the organisation's check-ins."""
    events = CadenceEvent.objects.of(org).filter(kind="check-in", team=None)
    return {e.starts_at.astimezone(ZoneInfo(e.time_zone)).strftime("%A") for e in events}


def test_an_admin_sees_the_settings_with_each_profile_explained(world):
    body = signed_in(world.admin).get(URL).content.decode()

    assert 'value="Acme Water"' in body
    assert "One objective per team and cycle, 2–5 key results" in body
    assert "As the profile: Tuesday" in body
    assert 'href="/reminders/settings/"' in body and 'href="/cadence/settings/"' in body
    assert "Not configured" in body


def test_saving_changes_each_setting_and_keeps_each_change_in_the_history(world):
    assert check_in_days(world.org) == {"Tuesday"}
    changed = form(
        world,
        name="Acme Clean Water",
        profile="okr-institute",
        score_scale="0-1",
        time_zone="Europe/Berlin",
        check_in_weekday="3",
    )

    response = signed_in(world.admin).post(URL, changed)

    assert response.status_code == 302 and response.url == URL
    org = Organization.objects.get(pk=world.org.pk)
    assert (org.name, org.profile, org.score_scale) == ("Acme Clean Water", "okr-institute", "0-1")
    assert org.time_zone == "Europe/Berlin"
    world.company.refresh_from_db()
    assert world.company.name == "Acme Clean Water"
    assert check_in_days(org) == {"Thursday"}
    assert set(CadenceEvent.objects.of(org).values_list("time_zone", flat=True)) == {
        "Europe/Berlin"
    }
    summaries = set(AdministrativeChange.objects.of(org).values_list("summary", flat=True))
    assert summaries == {
        "The name changed from Acme Water to Acme Clean Water",
        "Team Acme Water renamed to Acme Clean Water",  # the company team carries its name
        "The practice profile changed from Professional OKR Guide to OKR Institute",
        "The score scale changed from 0-10 to 0-1",
        "The time zone changed from the server's to Europe/Berlin",
        "The check-in day changed from the cadence's default to Thursday",
    }
    assert set(AdministrativeChange.objects.of(org).values_list("actor", flat=True)) == {
        world.admin.pk
    }


def test_saving_the_same_settings_changes_nothing(world):
    response = signed_in(world.admin).post(URL, form(world))

    assert response.status_code == 302
    assert not AdministrativeChange.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": " "}, "name", "This field is required."),
        ({"profile": "gurus"}, "profile", "Select a valid choice."),
        ({"score_scale": ""}, "score_scale", "This field is required."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Unknown time zone 'Mars/Olympus'"),
        ({"check_in_weekday": "9"}, "check_in_weekday", "Select a valid choice."),
    ],
)
def test_a_bad_setting_names_its_field_and_stores_nothing(world, change, field, message):
    response = signed_in(world.admin).post(URL, form(world, **({"name": "Renamed"} | change)))

    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert Organization.objects.get(pk=world.org.pk).name == "Acme Water"
    assert not AdministrativeChange.objects.exists()


def test_members_and_leaders_may_not_change_the_settings(world):
    for person in (world.alice, world.sam):
        client = signed_in(person)
        assert client.get(URL).status_code == 403
        assert client.post(URL, form(world, name="Hijacked")).status_code == 403
    assert Organization.objects.get(pk=world.org.pk).name == "Acme Water"


def test_single_sign_on_is_shown_as_configured(world, settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = "https://id.acme.test"
    settings.OIDC_CREATE_PEOPLE = "acme"

    body = signed_in(world.admin).get(URL).content.decode()

    assert "Configured" in body and "https://id.acme.test" in body
    assert "join Acme Water on their first sign-in" in body
