"""Organisations, teams, memberships and who may write which team."""

import pytest

from okrs.organizations.actions import (
    TeamError,
    add_person,
    company_team,
    create_organization,
    create_team,
    join_team,
    leave_team,
)
from okrs.organizations.models import Membership, Organization, Role, Team
from okrs.organizations.permissions import can_write_team, writable_team_ids


@pytest.mark.django_db
def test_create_organization_makes_its_company_team():
    organization = create_organization("Initech", slug="initech")

    teams = list(Team.objects.of(organization))
    assert len(teams) == 1
    assert teams[0].name == "Initech"
    assert teams[0].slug == "initech"
    assert teams[0].level == "company"
    assert teams[0].parent is None
    assert company_team(organization) == teams[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("profile", "scale"),
    [
        pytest.param("p-okr", "0-10", id="p-okr-scores-0-10"),
        pytest.param("okr-institute", "0-1", id="okr-institute-scores-0-1"),
        pytest.param("scaled-okrs", "0-1", id="scaled-okrs-scores-0-1"),
    ],
)
def test_create_organization_takes_score_scale_from_its_profile(profile, scale):
    organization = create_organization("Initech", profile=profile)

    assert Organization.objects.get(pk=organization.pk).score_scale == scale


@pytest.mark.django_db
def test_create_organization_without_slug_picks_a_free_one():
    first = create_organization("Initech")
    second = create_organization("Initech")

    assert first.slug == "initech"
    assert second.slug == "initech-2"


def test_create_team_without_parent_sits_below_the_company_team(world):
    team = create_team(world.org, "Finance", "strategic")

    assert Team.objects.get(pk=team.pk).parent == world.company


def test_create_team_refuses_a_strategic_team_below_a_tactical_one(world):
    with pytest.raises(TeamError):
        create_team(world.org, "Pricing", "strategic", world.growth)

    assert not Team.objects.filter(name="Pricing").exists()


def test_create_team_refuses_a_tactical_team_below_a_tactical_one(world):
    with pytest.raises(TeamError):
        create_team(world.org, "Growth Squad", "tactical", world.growth)

    assert not Team.objects.filter(name="Growth Squad").exists()


def test_create_team_refuses_a_parent_from_another_organization(world, other_world):
    with pytest.raises(TeamError):
        create_team(world.org, "Intruders", "tactical", other_world["team"])

    assert not Team.objects.filter(name="Intruders").exists()


def test_join_team_updates_the_role_of_an_existing_member(world):
    join_team(world.bob, world.support, Membership.TeamRole.LEAD)

    memberships = Membership.objects.filter(person=world.bob, team=world.support)
    assert memberships.count() == 1
    assert memberships.get().role == "lead"


def test_join_team_refuses_a_team_of_another_organization(world, other_world):
    with pytest.raises(TeamError):
        join_team(world.alice, other_world["team"])

    assert not Membership.objects.filter(person=world.alice, team=other_world["team"]).exists()


def test_leave_team_ends_the_membership_and_says_whether_there_was_one(world):
    assert leave_team(world.alice, world.growth) is True
    assert leave_team(world.alice, world.growth) is False

    assert not Membership.objects.filter(person=world.alice, team=world.growth).exists()
    assert Membership.objects.filter(person=world.bob, team=world.support).exists()


def _all_teams(world):
    return [world.company, world.marketing, world.growth, world.support]


def test_admin_writes_every_team(world):
    assert all(can_write_team(world.admin, team) for team in _all_teams(world))
    assert writable_team_ids(world.admin) is None


def test_okr_leader_writes_every_team(world):
    leader = add_person(world.org, "lee@acme.test", "Lee Leader", Role.OKR_LEADER)

    assert all(can_write_team(leader, team) for team in _all_teams(world))


def test_member_writes_only_their_teams(world):
    assert can_write_team(world.alice, world.growth)
    assert not can_write_team(world.alice, world.support)
    assert not can_write_team(world.alice, world.marketing)
    assert not can_write_team(world.alice, world.company)
    assert writable_team_ids(world.alice) == {world.growth.pk}
    assert writable_team_ids(world.bob) == {world.support.pk}


def test_stakeholder_writes_nothing_even_as_a_team_member(world):
    join_team(world.sam, world.growth)

    assert not any(can_write_team(world.sam, team) for team in _all_teams(world))
    assert writable_team_ids(world.sam) == set()


def test_person_of_another_organization_writes_nothing(world, other_world):
    gina = other_world["person"]

    assert gina.role == Role.ADMIN
    assert not any(can_write_team(gina, team) for team in _all_teams(world))
    assert can_write_team(gina, other_world["team"])


def test_nobody_writes_a_missing_team(world):
    assert not can_write_team(world.admin, None)
