"""A status set by hand: with a reason, beside the computed state, until the next check-in."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from okrs import clock
from okrs.cycles.actions import set_cycle_state
from okrs.domain.states import OVERRIDE_REASON_LIMIT
from okrs.objectives.actions import create_objective, record_check_in, update_objective
from okrs.objectives.models import StatusOverride
from okrs.objectives.overrides import clear_override, override_status
from okrs.objectives.scorecards import scorecards_for, with_overrides
from okrs.organizations.actions import add_person
from okrs.organizations.models import Membership, Role
from okrs.organizations.permissions import can_override_status


def test_setting_a_status_keeps_state_reason_who_and_when(world):
    objective = world.objective()
    override = override_status(objective, "at-risk", "  Blocked by the vendor ", by=world.alice)
    stored = StatusOverride.objects.get()
    assert (stored.objective, stored.state, stored.reason, stored.set_by) == (
        objective,
        "at-risk",
        "Blocked by the vendor",
        world.alice,
    )
    assert stored.set_at == override.set_at
    assert stored.is_active()


def test_setting_again_ends_the_earlier_status_as_replaced(world):
    objective = world.objective()
    first = override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    second = override_status(objective, "off-track", "The vendor left", by=world.admin)
    first.refresh_from_db()
    assert (first.ending, first.cleared_by, first.cleared_at) == (
        "replaced",
        world.admin,
        second.set_at,
    )
    assert list(StatusOverride.objects.filter(cleared_at__isnull=True)) == [second]


def test_a_check_in_on_any_key_result_clears_the_status_set_by_hand(world):
    objective = world.objective()
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    key_result = objective.key_results.last()
    check_in = record_check_in(key_result, 6, 7, author=world.bob)
    override = StatusOverride.objects.get()
    assert (override.ending, override.cleared_by, override.cleared_by_check_in) == (
        "check-in",
        world.bob,
        check_in,
    )
    assert override.cleared_at == check_in.checked_in_at


def test_renewing_after_a_check_in_sets_the_status_again(world):
    objective = world.objective()
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    record_check_in(objective.key_results.first(), 30000, 6, author=world.alice)
    renewed = override_status(objective, "at-risk", "Still blocked by the vendor", by=world.alice)
    assert [o.ending for o in StatusOverride.objects.order_by("set_at", "id")] == ["check-in", ""]
    assert renewed.is_active()


def test_a_check_in_dated_before_the_status_was_set_leaves_it(world):
    objective = world.objective()
    override_status(objective, "off-track", "Budget frozen", by=world.alice)
    earlier = clock.now() - timedelta(days=3)
    record_check_in(objective.key_results.first(), 25000, 5, at=earlier)
    assert StatusOverride.objects.get().is_active()


def test_a_check_in_on_another_objective_leaves_the_status(world):
    objective = world.objective()
    other = world.objective(title="Answer every household within a day")
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    record_check_in(other.key_results.first(), 30000, 6)
    assert StatusOverride.objects.get().is_active()


def test_a_check_in_without_a_status_set_by_hand_costs_no_extra_query(
    world, django_assert_num_queries
):
    from okrs.objectives.tests.test_check_in_cost import CHECK_IN_QUERIES

    key_result = world.objective().key_results.first()
    with django_assert_num_queries(CHECK_IN_QUERIES):
        record_check_in(key_result, 30000, 6, author=world.alice)


def test_removing_keeps_the_status_as_history(world):
    objective = world.objective()
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    removed = clear_override(objective, by=world.admin)
    assert (removed.ending, removed.cleared_by) == ("removed", world.admin)
    assert StatusOverride.objects.count() == 1
    assert clear_override(objective, by=world.admin) is None


def test_a_draft_is_refused_and_nothing_is_written(world):
    draft = world.objective(status="draft")
    with pytest.raises(ValidationError, match="draft is not measured yet"):
        override_status(draft, "at-risk", "Blocked by the vendor", by=world.alice)
    assert not StatusOverride.objects.exists()


@pytest.mark.parametrize("status", ["achieved", "abandoned", "closed"])
def test_a_finished_objective_is_refused(world, status):
    objective = world.objective(status=status)
    with pytest.raises(ValidationError, match=f"is {status}: its status is final"):
        override_status(objective, "on-track", "Looks fine", by=world.admin)


def test_a_closed_cycle_is_refused(world):
    objective = world.objective()
    set_cycle_state(world.quarter, "closed")
    objective.refresh_from_db()
    with pytest.raises(ValidationError, match="cycle is closed"):
        override_status(objective, "on-track", "Looks fine", by=world.admin)


def test_the_reason_is_required(world):
    with pytest.raises(ValidationError) as refused:
        override_status(world.objective(), "at-risk", "   ", by=world.alice)
    assert "say why" in refused.value.message_dict["reason"][0]
    assert not StatusOverride.objects.exists()


def test_a_long_reason_is_refused_naming_the_limit(world):
    with pytest.raises(ValidationError) as refused:
        override_status(world.objective(), "at-risk", "x" * 300, by=world.alice)
    assert refused.value.message_dict["reason"] == [
        f"Reason: {OVERRIDE_REASON_LIMIT} characters at most (this one has 300)."
    ]
    assert not StatusOverride.objects.exists()


@pytest.mark.parametrize("state", ["done", "not-started", "draft", "nonsense"])
def test_only_pace_states_are_set_by_hand(world, state):
    with pytest.raises(ValidationError) as refused:
        override_status(world.objective(), state, "Because", by=world.alice)
    assert "on-track, at-risk, off-track" in refused.value.message_dict["state"][0]


def test_cards_carry_the_status_beside_the_computed_state(world, django_assert_num_queries):
    shown = world.objective()
    plain = world.objective(title="Answer every household within a day")
    draft = world.objective(title="A draft", status="draft")
    override_status(shown, "off-track", "Blocked by the vendor", by=world.alice)
    cards = scorecards_for([shown, plain, draft], "0-1", world.quarter.start)
    with django_assert_num_queries(1):
        with_overrides(cards.values())
    assert cards[shown.pk].override.reason == "Blocked by the vendor"
    assert cards[shown.pk].override.set_by == world.alice
    assert cards[shown.pk].state == "not-started"  # the computed state is kept as it is
    assert cards[plain.pk].override is None
    assert cards[draft.pk].override is None


def test_an_objective_finished_later_shows_its_state_alone(world):
    objective = world.objective()
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    update_objective(objective, status="achieved")
    card = scorecards_for([objective], "0-1", world.quarter.start)[objective.pk]
    with_overrides([card])
    assert card.override is None


def test_owner_team_lead_leaders_and_admins_may_set_the_status(world):
    objective = world.objective()
    individual = create_objective(world.quarter, "Bob's own", owner=world.bob, status="active")
    carol = add_person(world.org, "carol@acme.test", "Carol Leader", Role.OKR_LEADER)
    assert can_override_status(world.alice, objective)  # leads Growth
    assert can_override_status(world.admin, objective)
    assert can_override_status(carol, objective)
    assert can_override_status(world.bob, individual)
    assert not can_override_status(world.alice, individual)
    assert not can_override_status(world.sam, objective)
    assert not can_override_status(world.bob, objective)


def test_a_team_member_who_does_not_lead_may_not(world):
    objective = world.objective()
    Membership.objects.filter(person=world.alice).update(role=Membership.TeamRole.MEMBER)
    assert not can_override_status(world.alice, objective)
