"""Objectives, key results, alignment, links and check-ins written through the actions."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from okrs.objectives.actions import (
    StaleVersion,
    add_contributor,
    add_key_result,
    align,
    create_objective,
    link_key_result,
    record_check_in,
    update_key_result,
    update_objective,
)
from okrs.objectives.models import Alignment, CheckIn, Contribution, KeyResult, Objective

TITLE = "Make clean water a topic no household can ignore"


# Creating objectives


def test_create_objective_belongs_to_its_team_and_cycle(world):
    objective = create_objective(world.quarter, TITLE, team=world.growth)

    stored = Objective.objects.get(pk=objective.pk)
    assert stored.organization == world.org
    assert stored.cycle == world.quarter
    assert stored.team == world.growth
    assert stored.owner is None
    assert stored.status == "draft"
    assert stored.version == 1
    assert not stored.is_individual()


def test_create_objective_with_an_owner_is_an_individual_objective(world):
    objective = create_objective(world.quarter, "Grow as a facilitator", owner=world.alice)

    stored = Objective.objects.get(pk=objective.pk)
    assert stored.owner == world.alice
    assert stored.team is None
    assert stored.is_individual()


def test_create_objective_without_team_or_owner_is_refused(world):
    with pytest.raises(ValidationError):
        create_objective(world.quarter, "Nobody's objective")

    assert not Objective.objects.filter(title="Nobody's objective").exists()


def test_create_objective_aligns_it_and_shares_it(world):
    company = create_objective(world.quarter, "Be the region's water brand", team=world.company)
    marketing = create_objective(world.quarter, "Be heard in every town", team=world.marketing)

    objective = create_objective(
        world.quarter,
        TITLE,
        team=world.growth,
        aligned_to=[company, marketing],
        contributing_teams=[world.support],
    )

    assert set(Objective.objects.get(pk=objective.pk).aligned_to.all()) == {company, marketing}
    assert list(Objective.objects.get(pk=objective.pk).contributing_teams.all()) == [world.support]
    assert Alignment.objects.filter(child=objective).count() == 2
    assert Contribution.objects.get(objective=objective).organization == world.org


@pytest.mark.parametrize(
    "foreign",
    [
        pytest.param("team", id="team"),
        pytest.param("owner", id="owner"),
        pytest.param("aligned_to", id="aligned-to"),
        pytest.param("contributing_teams", id="contributing-team"),
    ],
)
def test_create_objective_refuses_objects_of_another_organization(world, other_world, foreign):
    arguments = {
        "team": {"team": other_world["team"]},
        "owner": {"owner": other_world["person"]},
        "aligned_to": {"team": world.growth, "aligned_to": [other_world["objective"]]},
        "contributing_teams": {"team": world.growth, "contributing_teams": [other_world["team"]]},
    }[foreign]

    with pytest.raises(ValidationError):
        create_objective(world.quarter, "Borrowed objective", **arguments)

    assert not Objective.objects.filter(title="Borrowed objective").exists()
    assert not Alignment.objects.filter(parent=other_world["objective"]).exists()
    assert not Contribution.objects.filter(team=other_world["team"]).exists()


# Alignment and contributions


def test_align_refuses_an_objective_aligned_to_itself(world):
    objective = world.objective()

    with pytest.raises(ValidationError):
        align(objective, objective)

    assert not Alignment.objects.exists()


def test_align_refuses_a_loop(world):
    a = world.objective(title="A")
    b = world.objective(team=world.marketing, title="B")
    c = world.objective(team=world.company, title="C")
    align(a, b)
    align(b, c)

    with pytest.raises(ValidationError):
        align(c, a)

    assert not Alignment.objects.filter(child=c, parent=a).exists()
    assert Alignment.objects.count() == 2


def test_align_refuses_the_reverse_of_an_existing_alignment(world):
    a = world.objective(title="A")
    b = world.objective(team=world.marketing, title="B")
    align(a, b)

    with pytest.raises(ValidationError):
        align(b, a)

    assert list(Alignment.objects.values_list("child", "parent")) == [(a.pk, b.pk)]


def test_align_twice_keeps_one_alignment(world):
    child = world.objective()
    parent = world.objective(team=world.marketing, title="Be heard in every town")

    first = align(child, parent)
    second = align(child, parent)

    assert first.pk == second.pk
    assert Alignment.objects.filter(child=child, parent=parent).count() == 1


def test_align_refuses_an_objective_of_another_organization(world, other_world):
    with pytest.raises(ValidationError):
        align(world.objective(), other_world["objective"])

    assert not Alignment.objects.exists()


def test_add_contributor_refuses_the_owner_team(world):
    objective = world.objective()

    with pytest.raises(ValidationError):
        add_contributor(objective, world.growth)

    assert not Contribution.objects.filter(objective=objective).exists()


def test_add_contributor_twice_keeps_one_contribution(world):
    objective = world.objective()

    add_contributor(objective, world.support)
    add_contributor(objective, world.support)

    assert Contribution.objects.filter(objective=objective, team=world.support).count() == 1


# Key results


def test_add_key_result_stores_its_numbers_in_order(world):
    objective = world.objective()

    key_result = add_key_result(objective, "Lift NPS from 20 to 45", start=20, target=45, weight=2)

    stored = KeyResult.objects.get(pk=key_result.pk)
    assert stored.organization == world.org
    assert (stored.start, stored.target, stored.weight) == (20, 45, 2)
    assert stored.current is None
    assert stored.position == 2
    assert stored.own_progress() == 0.0


def test_add_key_result_refuses_start_equal_to_target(world):
    objective = world.objective()

    with pytest.raises(ValidationError) as error:
        add_key_result(objective, "Keep NPS from 30 to 30", start=30, target=30)

    assert "target" in error.value.message_dict
    assert not KeyResult.objects.filter(title="Keep NPS from 30 to 30").exists()


def test_add_key_result_refuses_a_metric_without_start(world):
    objective = world.objective()

    with pytest.raises(ValidationError) as error:
        add_key_result(objective, "Reach 45 NPS", target=45)

    assert "start" in error.value.message_dict
    assert not KeyResult.objects.filter(title="Reach 45 NPS").exists()


def test_add_key_result_refuses_an_increase_with_target_below_start(world):
    objective = world.objective()

    with pytest.raises(ValidationError) as error:
        add_key_result(objective, "Grow churn", start=10, target=5, direction="increase")

    assert "direction" in error.value.message_dict
    assert not KeyResult.objects.filter(title="Grow churn").exists()


def test_add_key_result_refuses_a_decrease_with_target_above_start(world):
    objective = world.objective()

    with pytest.raises(ValidationError):
        add_key_result(objective, "Shrink sign-ups", start=5, target=10, direction="decrease")

    assert not KeyResult.objects.filter(title="Shrink sign-ups").exists()


def test_add_key_result_accepts_a_binary_milestone_without_start(world):
    objective = world.objective()

    key_result = add_key_result(objective, "Water law passed", type="binary")

    stored = KeyResult.objects.get(pk=key_result.pk)
    assert stored.type == "binary"
    assert stored.start is None
    assert stored.own_progress() == 0.0


@pytest.mark.parametrize(
    ("start", "target", "direction"),
    [
        pytest.param(9, 3, "decrease", id="target-below-start-decreases"),
        pytest.param(20, 45, "increase", id="target-above-start-increases"),
    ],
)
def test_key_result_direction_is_inferred_from_start_and_target(world, start, target, direction):
    key_result = add_key_result(world.objective(), "Move the number", start=start, target=target)

    assert KeyResult.objects.get(pk=key_result.pk).effective_direction() == direction


def test_decrease_kr_progress_counts_down(world):
    key_result = add_key_result(world.objective(), "Cut wait", start=9, target=3, current=5)

    assert round(KeyResult.objects.get(pk=key_result.pk).own_progress(), 3) == 0.667


def test_stated_direction_wins_over_the_inferred_one(world):
    key_result = add_key_result(
        world.objective(), "Keep uptime above 99", start=None, target=99, direction="stay-above"
    )

    assert KeyResult.objects.get(pk=key_result.pk).effective_direction() == "stay-above"


# Versions


def test_update_objective_with_current_version_bumps_it(world):
    objective = world.objective()

    updated = update_objective(objective, version=1, title="Make clean water everyone's topic")

    stored = Objective.objects.get(pk=objective.pk)
    assert stored.title == "Make clean water everyone's topic"
    assert stored.version == 2
    assert updated.version == 2


def test_update_objective_with_stale_version_changes_nothing(world):
    objective = world.objective()
    update_objective(Objective.objects.get(pk=objective.pk), version=1, hypothesis="We believe")

    with pytest.raises(StaleVersion) as error:
        update_objective(objective, version=1, title="Overwritten title")

    assert error.value.current_version == 2
    stored = Objective.objects.get(pk=objective.pk)
    assert stored.title == TITLE
    assert stored.hypothesis == "We believe"
    assert stored.version == 2


def test_update_key_result_with_current_version_bumps_it(world):
    key_result = world.objective().key_results.first()

    updated = update_key_result(key_result, version=1, target=120000)

    stored = KeyResult.objects.get(pk=key_result.pk)
    assert stored.target == 120000
    assert stored.version == 2
    assert updated.version == 2


def test_update_key_result_with_stale_version_changes_nothing(world):
    key_result = world.objective().key_results.first()
    update_key_result(KeyResult.objects.get(pk=key_result.pk), version=1, unit="signatures")

    with pytest.raises(StaleVersion):
        update_key_result(key_result, version=1, target=500000)

    stored = KeyResult.objects.get(pk=key_result.pk)
    assert stored.target == 100000
    assert stored.unit == "signatures"
    assert stored.version == 2


def test_update_key_result_refuses_start_equal_to_target(world):
    key_result = world.objective().key_results.first()

    with pytest.raises(ValidationError):
        update_key_result(key_result, version=1, target=20000)

    stored = KeyResult.objects.get(pk=key_result.pk)
    assert (stored.target, stored.version) == (100000, 1)


# Links between key results and child objectives


def test_link_key_result_takes_a_child_objective(world):
    parent = world.objective(team=world.marketing, title="Be heard in every town")
    child = world.objective()
    key_result = parent.key_results.first()

    link_key_result(key_result, child)

    assert KeyResult.objects.get(pk=key_result.pk).linked_objective == child


def test_link_key_result_refuses_a_loop(world):
    a = world.objective(title="A")
    b = world.objective(team=world.marketing, title="B")
    link_key_result(a.key_results.first(), b)
    b_key_result = b.key_results.first()

    with pytest.raises(ValidationError):
        link_key_result(b_key_result, a)

    assert KeyResult.objects.get(pk=b_key_result.pk).linked_objective is None


def test_link_key_result_refuses_its_own_objective(world):
    objective = world.objective()
    key_result = objective.key_results.first()

    with pytest.raises(ValidationError):
        link_key_result(key_result, objective)

    assert KeyResult.objects.get(pk=key_result.pk).linked_objective is None


def test_link_key_result_refuses_an_objective_of_another_organization(world, other_world):
    key_result = world.objective().key_results.first()

    with pytest.raises(ValidationError):
        link_key_result(key_result, other_world["objective"])

    assert KeyResult.objects.get(pk=key_result.pk).linked_objective is None


# Check-ins


def _at(day, hour=9):
    return datetime(2027, 1, day, hour, tzinfo=UTC)


def test_check_in_sets_current_confidence_and_time(world):
    key_result = world.objective().key_results.first()

    record_check_in(key_result, 60000, 7, author=world.alice, at=_at(14))

    stored = KeyResult.objects.get(pk=key_result.pk)
    assert stored.current == 60000
    assert stored.confidence == 7
    assert stored.checked_in_at == _at(14)
    assert stored.own_progress() == 0.5
    assert stored.version == 2


def test_latest_of_several_check_ins_sets_current(world):
    key_result = world.objective().key_results.first()

    record_check_in(key_result, 30000, 8, at=_at(7))
    record_check_in(key_result, 60000, 6, at=_at(14))

    stored = KeyResult.objects.get(pk=key_result.pk)
    assert (stored.current, stored.confidence, stored.checked_in_at) == (60000, 6, _at(14))


def test_back_dated_check_in_is_stored_but_does_not_change_current(world):
    key_result = world.objective().key_results.first()
    record_check_in(key_result, 60000, 6, at=_at(14))

    back_dated = record_check_in(key_result, 25000, 9, author=world.alice, at=_at(3))

    stored = KeyResult.objects.get(pk=key_result.pk)
    assert (stored.current, stored.confidence, stored.checked_in_at) == (60000, 6, _at(14))
    assert CheckIn.objects.get(pk=back_dated.pk).value == 25000
    assert list(stored.check_ins.values_list("value", flat=True)) == [60000, 25000]


@pytest.mark.parametrize(
    "confidence",
    [pytest.param(-1, id="below-0"), pytest.param(11, id="above-10")],
)
def test_check_in_with_confidence_outside_0_to_10_is_refused(world, confidence):
    key_result = world.objective().key_results.first()

    with pytest.raises(ValidationError) as error:
        record_check_in(key_result, 60000, confidence, at=_at(14))

    assert "confidence" in error.value.message_dict
    stored = KeyResult.objects.get(pk=key_result.pk)
    assert (stored.current, stored.confidence, stored.checked_in_at) == (None, None, None)
    assert not CheckIn.objects.filter(key_result=key_result).exists()


@pytest.mark.parametrize(
    "confidence",
    [pytest.param(0, id="zero"), pytest.param(10, id="ten")],
)
def test_check_in_accepts_confidence_at_both_ends(world, confidence):
    key_result = world.objective().key_results.first()

    record_check_in(key_result, 60000, confidence, at=_at(14))

    assert KeyResult.objects.get(pk=key_result.pk).confidence == confidence


def test_check_in_refuses_an_author_of_another_organization(world, other_world):
    key_result = world.objective().key_results.first()

    with pytest.raises(ValidationError):
        record_check_in(key_result, 60000, 7, author=other_world["person"], at=_at(14))

    assert not CheckIn.objects.filter(key_result=key_result).exists()


def test_check_in_on_a_closed_cycle_is_refused_unless_recording_history(world):
    from okrs.cycles.actions import set_cycle_state
    from okrs.objectives.models import CheckIn

    kr = world.objective().key_results.first()
    set_cycle_state(world.quarter, "closed")
    with pytest.raises(ValidationError, match="frozen"):
        record_check_in(kr, 30000, 5)
    assert not CheckIn.objects.filter(key_result=kr).exists()
    record_check_in(kr, 30000, 5, history=True)
    assert CheckIn.objects.filter(key_result=kr).count() == 1
