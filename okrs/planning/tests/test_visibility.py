"""A draft stays within its team until shared; facilitators read it only when invited to coach."""

from okrs.objectives.actions import create_objective
from okrs.objectives.co_creation import accept_draft, invite_coaches, revoke_coach
from okrs.objectives.models import Objective
from okrs.organizations.actions import add_person
from okrs.organizations.models import Role
from okrs.organizations.visibility import can_see_objective, visibility_filter
from okrs.planning import actions
from okrs.planning.tests.helpers import draft


def visible_titles(person):
    shown = Objective.objects.filter(visibility_filter(person))
    return set(shown.values_list("title", flat=True))


def test_another_teams_unshared_draft_is_invisible_to_a_member(world, plan):
    secret = draft(world.growth, "Win the hearts of young donors", plan.q2)
    assert "Win the hearts of young donors" not in visible_titles(world.bob)
    assert not can_see_objective(world.bob, secret)


def test_own_teams_unshared_draft_is_visible(world, plan):
    mine = draft(world.growth, "Win the hearts of young donors", plan.q2)
    assert "Win the hearts of young donors" in visible_titles(world.alice)
    assert can_see_objective(world.alice, mine)


def test_admin_and_practitioner_read_a_draft_only_when_invited_to_coach_it(world, plan):
    secret = draft(world.growth, "Win the hearts of young donors", plan.q2)
    for person in (world.admin, plan.pat):
        assert "Win the hearts of young donors" not in visible_titles(person)
        assert not can_see_objective(person, secret)
    invite_coaches(secret, [plan.pat], world.alice)
    assert "Win the hearts of young donors" in visible_titles(plan.pat)
    assert can_see_objective(plan.pat, secret)
    assert not can_see_objective(world.admin, secret)
    revoke_coach(secret, plan.pat, world.alice)
    assert "Win the hearts of young donors" not in visible_titles(plan.pat)
    assert not can_see_objective(plan.pat, secret)


def test_who_drafted_for_a_team_reads_the_draft_until_the_team_accepts_it(world, plan):
    written = create_objective(
        plan.q2, "Win the hearts of young donors", team=world.growth, drafted_by=world.admin
    )
    assert can_see_objective(world.admin, written)
    assert "Win the hearts of young donors" in visible_titles(world.admin)
    accept_draft(written, world.alice)
    assert not can_see_objective(world.admin, Objective.objects.get(pk=written.pk))
    assert "Win the hearts of young donors" not in visible_titles(world.admin)


def test_stakeholder_and_professional_do_not_see_unshared_drafts(world, plan):
    professional = add_person(world.org, "pro@acme.test", "Pro", Role.OKR_PROFESSIONAL)
    draft(world.growth, "Win the hearts of young donors", plan.q2)
    assert "Win the hearts of young donors" not in visible_titles(world.sam)
    assert "Win the hearts of young donors" not in visible_titles(professional)


def test_shared_draft_is_visible_to_everyone(world, plan):
    shared = actions.share_draft(draft(world.growth, "Win the hearts of young donors", plan.q2))
    assert Objective.objects.get(pk=shared.pk).shared_at is not None
    assert "Win the hearts of young donors" in visible_titles(world.bob)
    assert "Win the hearts of young donors" in visible_titles(world.sam)


def test_withdrawn_draft_is_private_again(world, plan):
    objective = actions.share_draft(draft(world.growth, "Win the hearts of young donors", plan.q2))
    actions.withdraw_draft(objective)
    assert Objective.objects.get(pk=objective.pk).shared_at is None
    assert "Win the hearts of young donors" not in visible_titles(world.bob)


def test_active_objectives_are_visible_without_sharing(world, plan):
    world.objective(title="Run the spring campaign well")
    assert "Run the spring campaign well" in visible_titles(world.bob)


def test_individual_draft_is_visible_to_its_owner_only(world, plan):
    mine = create_objective(plan.q2, "Learn fundraising", owner=world.bob)
    assert can_see_objective(world.bob, mine)
    assert "Learn fundraising" in visible_titles(world.bob)
    assert "Learn fundraising" not in visible_titles(world.alice)
