"""Getting started on home: five first steps that tick themselves off, for admins only."""

from datetime import date

import pytest
from django.test import Client

from okrs.administration.getting_started import getting_started
from okrs.administration.setup import set_up_organization
from okrs.objectives.actions import (
    add_key_result,
    create_objective,
    record_check_in,
    update_objective,
)
from okrs.organizations.actions import add_person, create_team
from okrs.organizations.models import Role

PASSWORD = "tide-charts-at-dawn"


@pytest.fixture
def harbour(db, clock):
    """Blue Harbour, just set up by Hana on 2026-11-20."""
    clock.move_to("2026-11-20T10:00:00Z")
    return set_up_organization(
        name="Blue Harbour",
        email="hana@harbour.test",
        admin_name="Hana Harbour",
        password=PASSWORD,
        today=date(2026, 11, 20),
    )


def home(person) -> str:
    """Return the home page as the person sees it."""
    client = Client()
    client.force_login(person)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def done(made) -> list[str]:
    """Return the titles of the steps done, or None once the list is gone."""
    checklist = getting_started(made.organization, made.admin)
    return None if checklist is None else [s.title for s in checklist.steps if s.done]


def test_a_new_organisation_starts_with_five_steps_to_do(harbour):
    body = home(harbour.admin)

    assert "Getting started" in body and "0 of 5 done" in body
    for title in ("Add your teams", "Invite people", "Draft the company objective", "Share it",
                  "Make the first check-in"):  # fmt: skip
        assert title in body
    assert 'href="/administration/teams/"' in body
    assert 'href="/administration/people/"' in body
    assert 'href="/objectives/new/?team=blue-harbour"' in body


def test_each_step_ticks_itself_off_and_the_list_goes_when_all_are_done(harbour):
    org, hana = harbour.organization, harbour.admin
    company = hana.memberships.get().team

    create_team(org, "Fleet", "strategic")
    assert done(harbour) == ["Add your teams"]

    add_person(org, "ivo@harbour.test", "Ivo", Role.MEMBER)
    assert done(harbour) == ["Add your teams", "Invite people"]

    objective = create_objective(harbour.quarter, "Become the harbour sailors trust", team=company)
    kr = add_key_result(objective, "Grow return visits from 40 to 70", start=40, target=70)
    assert done(harbour)[-1] == "Draft the company objective"
    assert f'href="/planning/{harbour.quarter.pk}/teams/blue-harbour/"' in home(hana)

    update_objective(objective, status="active")
    assert done(harbour)[-1] == "Share it"
    assert f'href="/objectives/{objective.pk}/"' in home(hana)

    record_check_in(kr, 45, 7, author=hana)
    assert done(harbour) is None
    assert "Getting started" not in home(hana)


def test_only_admins_see_the_list(harbour):
    ivo = add_person(harbour.organization, "ivo@harbour.test", "Ivo", Role.OKR_LEADER, PASSWORD)

    assert "Getting started" not in home(ivo)
    assert getting_started(harbour.organization, ivo) is None


def test_the_list_costs_home_one_query(harbour, django_assert_num_queries):
    with django_assert_num_queries(1):
        getting_started(harbour.organization, harbour.admin)


def test_an_established_organisation_never_sees_it(world):
    objective = world.objective(team=world.company)
    record_check_in(objective.key_results.first(), 30000, 6, author=world.alice)

    assert "Getting started" not in home(world.admin)
