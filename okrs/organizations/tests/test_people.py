"""Roles and activation: every change is kept, and an organisation never loses its last admin."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import PASSWORD
from okrs.api.actions import create_token
from okrs.organizations.models import AdministrativeChange, Role
from okrs.organizations.people import change_role, deactivate_person, reactivate_person


def test_a_role_change_is_kept_with_who_and_what(world):
    change_role(world.alice, Role.OKR_LEADER, by=world.admin)

    world.alice.refresh_from_db()
    change = AdministrativeChange.objects.get(action="person.role_changed")
    assert world.alice.role == Role.OKR_LEADER
    assert (change.actor, change.person) == (world.admin, world.alice)
    assert change.details == {"role": "okr-leader", "was": "member"}


def test_the_last_admin_keeps_the_role_and_stays_active(world):
    with pytest.raises(ValidationError, match="last admin"):
        change_role(world.admin, Role.MEMBER, by=world.admin)
    with pytest.raises(ValidationError, match="last admin"):
        deactivate_person(world.admin, by=world.admin)
    world.admin.refresh_from_db()
    assert world.admin.role == Role.ADMIN and world.admin.is_active
    assert not AdministrativeChange.objects.exists()


def test_with_a_second_admin_the_first_may_step_down(world):
    change_role(world.bob, Role.ADMIN, by=world.admin)

    change_role(world.admin, Role.MEMBER, by=world.bob)

    world.admin.refresh_from_db()
    assert world.admin.role == Role.MEMBER


def test_a_deactivated_person_signs_in_nowhere_and_comes_back_with_their_teams(world):
    client = Client()
    assert client.login(username=world.alice.email, password=PASSWORD)
    token = create_token(world.alice, "sync")[1]

    deactivate_person(world.alice, by=world.admin)

    assert client.get("/").status_code == 302  # the open session ended
    assert not Client().login(username=world.alice.email, password=PASSWORD)
    api = Client().get("/api/v1/cycles", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 401
    reactivate_person(world.alice, by=world.admin)
    assert Client().login(username=world.alice.email, password=PASSWORD)
    assert world.alice.memberships.filter(team=world.growth).exists()
    assert list(AdministrativeChange.objects.values_list("action", flat=True)) == [
        "person.reactivated",
        "person.deactivated",
    ]


def test_a_change_made_by_a_system_says_through_what(world):
    deactivate_person(world.bob, None, via="SCIM")
    reactivate_person(world.bob, None, via="SCIM")

    changes = AdministrativeChange.objects.order_by("at", "id")
    assert [(c.actor, c.summary) for c in changes] == [
        (None, "Bob Roe was deactivated via SCIM"),
        (None, "Bob Roe was reactivated via SCIM"),
    ]
