"""The first run: every page leads to setup until an organisation exists, which it makes at once."""

from datetime import date

import pytest
from django.contrib.auth import get_user
from django.test import Client

from okrs.cycles.models import Cycle
from okrs.organizations.middleware import FirstRun
from okrs.organizations.models import AdministrativeChange, Organization, Person, Role, Team

GOOD = {
    "name": "Blue Harbour",
    "profile": "okr-institute",
    "score_scale": "",
    "time_zone": "Europe/Berlin",
    "admin_name": "Hana Harbour",
    "email": "Hana@Harbour.test",
    "password": "tide-charts-at-dawn",
    "password_again": "tide-charts-at-dawn",
}


@pytest.fixture
def empty(db, clock):
    """An install with no organisation yet, on 2026-11-20 (2026-Q4)."""
    clock.move_to("2026-11-20T10:00:00Z")
    FirstRun.forget()
    yield
    FirstRun.forget()


@pytest.mark.parametrize("path", ["/", "/login/", "/tree/", "/administration/", "/cadence/"])
def test_every_page_leads_to_setup_while_there_is_no_organisation(empty, path):
    response = Client().get(path)

    assert response.status_code == 302
    assert response.url == "/setup/"


def test_the_api_and_static_files_are_not_sent_to_setup(empty):
    assert Client().get("/api/v1/cycles").status_code == 401
    assert Client().get("/static/okrs/app.css").status_code == 200


def test_the_setup_page_explains_each_profile_and_names_the_first_cycle(empty):
    page = Client().get("/setup/")

    body = page.content.decode()
    assert page.status_code == 200
    assert "Professional OKR Guide" in body
    assert "One objective per team and cycle, 2–5 key results, scores from 0 to 10" in body
    assert "Up to 3 objectives per team and cycle, 2–5 key results (4 preferred)" in body
    assert "2026-Q4" in body and "inside the year <strong>2026</strong>" in body


def test_setup_creates_the_organisation_admin_and_cycles_and_signs_in(empty):
    client = Client()

    response = client.post("/setup/", GOOD)

    assert response.status_code == 302 and response.url == "/"
    organization = Organization.objects.get()
    assert (organization.name, organization.profile) == ("Blue Harbour", "okr-institute")
    assert (organization.score_scale, organization.time_zone) == ("0-1", "Europe/Berlin")
    admin = Person.objects.get()
    assert (admin.email, admin.name, admin.role) == (
        "hana@harbour.test",
        "Hana Harbour",
        Role.ADMIN,
    )
    assert admin.organization == organization and admin.check_password(GOOD["password"])
    cycles = {c.name: c for c in Cycle.objects.of(organization)}
    assert set(cycles) == {"2026", "2026-Q4"}
    assert (cycles["2026"].start, cycles["2026"].end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert (cycles["2026-Q4"].start, cycles["2026-Q4"].end) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert cycles["2026-Q4"].parent == cycles["2026"]
    assert {c.state for c in cycles.values()} == {Cycle.State.ACTIVE}
    company = Team.objects.of(organization).get()
    assert company.level == "company"
    assert list(admin.memberships.values_list("team", flat=True)) == [company.pk]
    assert get_user(client) == admin
    change = AdministrativeChange.objects.get()
    assert change.action == "organization.set_up" and change.actor == admin


def test_home_after_setup_shows_the_new_quarter(empty):
    client = Client()
    client.post("/setup/", GOOD)

    home = client.get("/")

    assert home.status_code == 200
    assert "2026-Q4" in home.content.decode()


def test_the_setup_page_is_gone_once_an_organisation_exists(empty):
    Client().post("/setup/", GOOD)

    assert Client().get("/setup/").status_code == 404
    assert Client().post("/setup/", GOOD | {"email": "eve@evil.test"}).status_code == 404
    assert Person.objects.count() == 1


def test_the_login_page_is_back_once_set_up(empty):
    Client().post("/setup/", GOOD)

    assert Client().get("/login/").status_code == 200


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "  "}, "name", "This field is required."),
        ({"profile": "okr-gurus"}, "profile", "Select a valid choice."),
        ({"score_scale": "0-100"}, "score_scale", "Select a valid choice."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Unknown time zone"),
        ({"email": "hana-at-harbour"}, "email", "Enter a valid email address."),
        ({"password": "short", "password_again": "short"}, "password", "too short"),
        (
            {"password": "12345678901", "password_again": "12345678901"},
            "password",
            "entirely numeric",
        ),
        ({"password_again": "tide-charts-at-dusk"}, "password_again", "passwords differ"),
        ({"admin_name": "x" * 201}, "admin_name", "at most 200 characters"),
    ],
)
def test_bad_setup_names_the_field_and_writes_nothing(empty, change, field, message):
    response = Client().post("/setup/", GOOD | change)

    assert response.status_code == 422
    errors = response.context["form"].errors
    assert message in " ".join(errors[field]), errors
    assert not Organization.objects.exists() and not Person.objects.exists()
    assert not Cycle.objects.exists()


def test_a_password_like_the_admins_name_is_refused(empty):
    weak = {"password": "hana harbour", "password_again": "hana harbour"}

    response = Client().post("/setup/", GOOD | weak)

    assert response.status_code == 422
    assert "too similar" in " ".join(response.context["form"].errors["password"])
    assert not Organization.objects.exists()


def test_an_existing_person_without_organisation_is_not_reused(empty):
    Person.objects.create_superuser("hana@harbour.test", "whatever-it-was")

    response = Client().post("/setup/", GOOD)

    assert response.status_code == 422
    assert "already signs in as hana@harbour.test" in " ".join(
        response.context["form"].errors["email"]
    )
    assert not Organization.objects.exists()
