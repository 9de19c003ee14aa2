"""Co-creation: a draft written for a team from outside it, accepted by it; invited coaches."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from okrs.objectives.actions import create_objective, update_objective
from okrs.objectives.co_creation import accept_draft, drafter_for, invite_coaches, revoke_coach
from okrs.objectives.history import objective_history
from okrs.objectives.models import DraftCoach, Objective
from okrs.organizations.actions import add_person
from okrs.organizations.models import Role


@pytest.fixture
def leo(world):
    """Return Acme's OKR leader, in no team."""
    return add_person(world.org, "leo@acme.test", "Leo Leader", Role.OKR_LEADER)


def test_someone_outside_the_team_is_recorded_as_its_drafter(world, leo):
    assert drafter_for(leo, world.growth) == leo
    assert drafter_for(world.alice, world.growth) is None  # Alice is in Growth
    written = create_objective(world.quarter, "Win young donors", team=world.growth, drafted_by=leo)
    assert written.drafted_by == leo and written.awaits_acceptance()


def test_a_draft_written_from_outside_cannot_be_published_until_the_team_accepts_it(world, leo):
    written = create_objective(world.quarter, "Win young donors", team=world.growth, drafted_by=leo)
    with pytest.raises(ValidationError, match="a member of Growth accepts it"):
        update_objective(written, status="active")
    assert Objective.objects.get(pk=written.pk).status == "draft"
    with pytest.raises(ValidationError, match="accepts it before it can be published"):
        create_objective(
            world.quarter, "Win old donors", team=world.growth, drafted_by=leo, status="active"
        )
    accept_draft(written, world.alice)
    update_objective(written, status="active")
    stored = Objective.objects.get(pk=written.pk)
    assert (stored.status, stored.accepted_by, stored.drafted_by) == ("active", world.alice, leo)


def test_only_a_member_of_the_team_accepts(world, leo):
    written = create_objective(world.quarter, "Win young donors", team=world.growth, drafted_by=leo)
    for outsider in (leo, world.bob, world.admin):
        with pytest.raises(PermissionDenied, match="Only a member of Growth"):
            accept_draft(written, outsider)
    assert Objective.objects.get(pk=written.pk).accepted_at is None


def test_accepting_is_recorded_in_the_history(world, leo):
    written = create_objective(world.quarter, "Win young donors", team=world.growth, drafted_by=leo)
    accept_draft(written, world.alice)
    latest = Objective.history.filter(id=written.pk).order_by("-history_id").first()
    assert latest.accepted_by_id == world.alice.pk and latest.accepted_at is not None
    entry = objective_history(written)[0]
    assert (entry.who(), entry.summary()) == (
        "Alice Doe",
        "accepted the draft written for the team as the team's own",
    )


def test_a_draft_of_the_team_itself_waits_for_no_one(world):
    own = create_objective(world.quarter, "Win young donors", team=world.growth)
    assert not own.awaits_acceptance()
    with pytest.raises(ValidationError, match="does not wait"):
        accept_draft(own, world.alice)


def test_the_team_invites_and_revokes_coaches(world, leo):
    draft = create_objective(world.quarter, "Win young donors", team=world.growth)
    invite_coaches(draft, [leo, world.admin], world.alice)
    invite_coaches(draft, [leo], world.alice)  # twice is once
    assert set(draft.coaches.all()) == {leo, world.admin}
    assert revoke_coach(draft, leo, world.alice)
    assert not revoke_coach(draft, leo, world.alice)
    assert list(draft.coaches.all()) == [world.admin]


def test_only_the_team_invites_coaches_and_only_to_a_draft(world, leo):
    draft = create_objective(world.quarter, "Win young donors", team=world.growth)
    with pytest.raises(PermissionDenied):
        invite_coaches(draft, [leo], world.bob)
    with pytest.raises(PermissionDenied):
        invite_coaches(draft, [leo], world.admin)
    published = world.objective()
    with pytest.raises(ValidationError, match="is published"):
        invite_coaches(published, [leo], world.alice)
    assert not DraftCoach.objects.exists()
