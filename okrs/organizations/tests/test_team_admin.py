"""Teams as admins shape them: rename, move, re-level, archive, members; each change is kept."""

import pytest
from django.core.exceptions import ValidationError

from okrs.organizations.actions import (
    TeamError,
    add_team,
    add_to_team,
    archive_team,
    create_team,
    remove_from_team,
    unarchive_team,
    update_team,
)
from okrs.organizations.models import AdministrativeChange, Membership, Team


def history(world):
    return list(AdministrativeChange.objects.of(world.org).values_list("action", "summary"))


def test_creating_a_team_is_kept_in_the_history(world):
    add_team(world.org, "Finance", "strategic", by=world.admin)

    change = AdministrativeChange.objects.of(world.org).first()
    assert (change.action, change.actor) == ("team.created", world.admin)
    assert change.summary == "Team Finance created (strategic, below Acme Water)"


def test_move_a_team_below_another_strategic_team(world):
    finance = create_team(world.org, "Finance", "strategic")

    update_team(world.support, parent=finance, by=world.admin)

    assert Team.objects.get(pk=world.support.pk).parent == finance
    assert ("team.moved", "Team Support moved from below Marketing to below Finance") in history(
        world
    )


def test_a_team_cannot_be_its_own_parent(world):
    with pytest.raises(ValidationError) as error:
        update_team(world.marketing, parent=world.marketing, by=world.admin)

    assert error.value.message_dict == {"parent": ["A team cannot be its own parent."]}
    assert Team.objects.get(pk=world.marketing.pk).parent == world.company


def test_a_team_cannot_move_below_a_team_below_it(world):
    with pytest.raises(ValidationError) as error:
        update_team(world.marketing, parent=world.growth, by=world.admin)

    assert error.value.message_dict["parent"] == [
        "Growth is below this team: the hierarchy would loop."
    ]
    assert Team.objects.get(pk=world.marketing.pk).parent == world.company


def test_the_company_team_stays_on_top(world):
    with pytest.raises(ValidationError, match="organisation itself"):
        update_team(world.company, parent=world.marketing, by=world.admin)
    with pytest.raises(ValidationError, match="company level"):
        update_team(world.company, level="strategic", by=world.admin)


def test_a_tactical_team_cannot_move_below_a_tactical_one(world):
    with pytest.raises(ValidationError) as error:
        update_team(world.support, parent=world.growth, by=world.admin)

    assert error.value.message_dict == {
        "parent": ["A tactical team cannot sit below a tactical team."]
    }


def test_a_team_becomes_strategic_when_it_moves_up_below_the_company(world):
    update_team(world.growth, level="strategic", parent=world.company, by=world.admin)

    growth = Team.objects.get(pk=world.growth.pk)
    assert (growth.level, growth.parent) == ("strategic", world.company)
    assert ("team.level_changed", "Team Growth is now strategic (was tactical)") in history(world)


def test_a_level_that_its_teams_below_could_not_sit_under_is_refused(world):
    with pytest.raises(ValidationError) as error:
        update_team(world.marketing, level="tactical", by=world.admin)

    assert "Growth (tactical), Support (tactical)" in error.value.message_dict["level"][0]
    assert Team.objects.get(pk=world.marketing.pk).level == "strategic"


def test_only_the_organisations_own_team_is_at_the_company_level(world):
    with pytest.raises(ValidationError, match="company level"):
        update_team(world.marketing, level="company", by=world.admin)


def test_a_parent_from_another_organisation_is_refused(world, other_world):
    with pytest.raises(ValidationError, match="another organisation"):
        update_team(world.support, parent=other_world["team"], by=world.admin)


def test_rename_keeps_the_slug(world):
    update_team(world.growth, name="Growth Hackers", by=world.admin)

    growth = Team.objects.get(pk=world.growth.pk)
    assert (growth.name, growth.slug) == ("Growth Hackers", "growth")
    assert ("team.renamed", "Team Growth renamed to Growth Hackers") in history(world)


def test_an_unchanged_team_leaves_no_history(world):
    update_team(world.growth, name="Growth", by=world.admin)

    assert history(world) == []


def test_archive_a_team_keeps_its_objectives(world):
    objective = world.objective(team=world.support)

    archive_team(world.support, by=world.admin)

    support = Team.objects.get(pk=world.support.pk)
    assert support.is_archived()
    assert support.objectives.get() == objective
    assert world.support not in Team.objects.of(world.org).filter(archived_at=None)
    assert ("team.archived", "Team Support archived") in history(world)


def test_a_team_with_teams_in_use_below_cannot_be_archived(world):
    with pytest.raises(ValidationError, match=r"still in use \(Growth, Support\)"):
        archive_team(world.marketing, by=world.admin)

    assert not Team.objects.get(pk=world.marketing.pk).is_archived()


def test_the_company_team_cannot_be_archived(world):
    with pytest.raises(ValidationError, match="organisation itself"):
        archive_team(world.company, by=world.admin)


def test_unarchive_brings_a_team_back(world):
    archive_team(world.support, by=world.admin)

    unarchive_team(world.support, by=world.admin)

    assert not Team.objects.get(pk=world.support.pk).is_archived()
    assert ("team.unarchived", "Team Support unarchived") in history(world)


def test_a_team_below_an_archived_team_stays_archived(world):
    archive_team(world.growth)
    archive_team(world.support)
    archive_team(world.marketing)

    with pytest.raises(ValidationError, match="unarchive it first"):
        unarchive_team(world.growth, by=world.admin)


def test_an_archived_team_takes_no_new_teams_or_members(world):
    archive_team(world.support)

    with pytest.raises(ValidationError, match="no new members"):
        add_to_team(world.alice, world.support, by=world.admin)
    events = create_team(world.org, "Events", "tactical")
    archive_team(world.growth)
    archive_team(world.marketing)
    with pytest.raises(TeamError, match="archived"):
        create_team(world.org, "Fairs", "tactical", world.marketing)
    with pytest.raises(ValidationError, match="Marketing is archived"):
        update_team(events, parent=world.marketing)


def test_members_join_change_role_and_leave_with_history(world):
    add_to_team(world.bob, world.growth, by=world.admin)
    add_to_team(world.bob, world.growth, "lead", by=world.admin)
    remove_from_team(world.bob, world.growth, by=world.admin)

    assert not Membership.objects.filter(person=world.bob, team=world.growth).exists()
    assert [summary for _, summary in history(world)] == [
        "Bob Roe left Growth",
        "Bob Roe is now lead of Growth (was member)",
        "Bob Roe joined Growth as member",
    ]


def test_a_team_role_that_does_not_exist_is_refused(world):
    with pytest.raises(ValidationError) as error:
        add_to_team(world.bob, world.growth, "boss", by=world.admin)

    assert "role" in error.value.message_dict
    assert not Membership.objects.filter(person=world.bob, team=world.growth).exists()
