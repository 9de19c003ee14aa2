"""Which key results are due a check-in, and who is responsible for them."""

from datetime import date

from okrs.cadence.actions import update_organization_cadence, update_team_cadence
from okrs.cycles.actions import create_cycle, set_cycle_state
from okrs.objectives.actions import (
    add_key_result,
    create_objective,
    link_key_result,
    update_objective,
)
from okrs.organizations.actions import add_person, join_team
from okrs.organizations.models import Organization, Person
from okrs.reminders.due import add_people, by_team, check_in_window, due_key_results
from okrs.reminders.tests.conftest import NOW, check_in


def due_titles(world, team=None) -> list[str]:
    """Return the titles of Acme's key results due at NOW."""
    return [item.key_result.title for item in due_key_results(world.org, NOW, team=team)]


def test_key_results_never_checked_in_are_due_with_their_team(world, growth):
    due = due_key_results(world.org, NOW)
    assert [item.key_result.pk for item in due] == list(
        growth.key_results.order_by("position").values_list("pk", flat=True)
    )
    assert {item.team for item in due} == {world.growth}
    assert {(item.days, item.since(), item.window) for item in due} == {(None, "never", 14)}


def test_check_in_within_the_window_is_not_due_but_one_before_it_is(world, growth):
    fresh, stale = growth.key_results.order_by("position")
    check_in(fresh, 3, world.alice)
    check_in(stale, 20, world.alice)
    [item] = due_key_results(world.org, NOW)
    assert item.key_result == stale
    assert (item.days, item.since()) == (20, "20 days ago")


def test_window_comes_from_the_profile(world, growth):
    first, second = growth.key_results.order_by("position")
    check_in(first, 10)
    check_in(second, 10)
    assert check_in_window(world.growth) == 14
    assert due_titles(world) == []
    Organization.objects.filter(pk=world.org.pk).update(profile="okr-institute")
    world.org.refresh_from_db()
    world.growth.refresh_from_db()
    assert check_in_window(world.growth) == 7
    assert check_in_window(None, world.org) == 7
    assert len(due_titles(world)) == 2


def test_a_team_cadence_override_sets_its_own_window(world, growth):
    first, second = growth.key_results.order_by("position")
    check_in(first, 10)
    check_in(second, 10)
    assert due_titles(world) == []
    update_team_cadence(world.growth, {"check_in_days": 7})
    assert check_in_window(world.growth) == 7
    assert check_in_window(world.support) == 14
    assert len(due_titles(world)) == 2
    update_organization_cadence(world.org, {"check_in_days": 21})
    assert check_in_window(world.support) == 21
    assert check_in_window(world.growth) == 7


def test_draft_achieved_and_abandoned_objectives_are_not_due(world, growth):
    world.objective(title="Still a draft", status="draft")
    achieved = world.objective(team=world.support, title="Done already")
    update_objective(achieved, status="achieved")
    abandoned = world.objective(team=world.marketing, title="Given up")
    update_objective(abandoned, status="abandoned")
    due = due_key_results(world.org, NOW)
    assert {item.objective for item in due} == {growth}


def test_objectives_in_planning_or_closed_cycles_are_not_due(world, growth):
    planned = create_cycle(
        world.org, "2027-Q2", date(2027, 4, 1), date(2027, 6, 30), parent=world.annual
    )
    world.objective(team=world.support, title="Next quarter", cycle=planned)
    last = create_cycle(world.org, "2026-Q4", date(2026, 10, 1), date(2026, 12, 31), state="active")
    world.objective(team=world.support, title="Last quarter", cycle=last)
    set_cycle_state(last, "closed")
    due = due_key_results(world.org, NOW)
    assert {item.objective for item in due} == {growth}


def test_a_linked_key_result_takes_its_progress_from_its_child_and_is_never_due(world, growth):
    child = world.objective(team=world.support, title="Support's part")
    first = growth.key_results.get(position=0)
    link_key_result(first, child)
    due = due_key_results(world.org, NOW)
    assert first.pk not in {item.key_result.pk for item in due}
    assert {item.objective for item in due} == {growth, child}


def test_a_key_result_owned_by_another_team_is_that_teams_to_check_in(world, growth):
    delegated = add_key_result(
        growth, "Answer 90% of tickets within a day", start=40, target=90, team=world.support
    )
    due = add_people(world.org, due_key_results(world.org, NOW))
    item = next(i for i in due if i.key_result == delegated)
    assert item.team == world.support
    assert item.people == [world.bob]
    assert due_titles(world, team=world.support) == ["Answer 90% of tickets within a day"]
    assert delegated.title not in due_titles(world, team=world.growth)


def test_responsible_people_are_active_members_who_may_write_not_stakeholders(world, growth):
    carol = add_person(world.org, "carol@acme.test", "Carol Lee")
    gone = add_person(world.org, "gone@acme.test", "Gone Person")
    join_team(carol, world.growth)
    join_team(gone, world.growth)
    join_team(world.sam, world.growth)
    Person.objects.filter(pk=gone.pk).update(is_active=False)
    due = add_people(world.org, due_key_results(world.org, NOW))
    assert {tuple(item.people) for item in due} == {(world.alice, carol)}


def test_an_individual_objective_is_its_owners_to_check_in(world):
    mine = create_objective(
        world.quarter, "Become a better facilitator", owner=world.bob, status="active"
    )
    add_key_result(mine, "Run 6 check-ins from 0", start=0, target=6)
    [item] = add_people(world.org, due_key_results(world.org, NOW))
    assert item.team is None
    assert item.people == [world.bob]


def test_a_stakeholder_owner_of_an_individual_objective_is_not_asked(world):
    theirs = create_objective(world.quarter, "Watch closely", owner=world.sam, status="active")
    add_key_result(theirs, "Read 5 reviews from 0", start=0, target=5)
    [item] = add_people(world.org, due_key_results(world.org, NOW))
    assert item.people == []


def test_other_organisations_key_results_never_show(world, growth, other_world):
    due = due_key_results(world.org, NOW)
    assert other_world["kr"].pk not in {item.key_result.pk for item in due}
    assert len(due) == 2
    [theirs] = due_key_results(other_world["org"], NOW)
    assert theirs.key_result == other_world["kr"]


def test_by_team_groups_by_team_name_with_individual_last(world, growth):
    world.objective(team=world.support, title="Support's objective")
    mine = create_objective(world.quarter, "Personal", owner=world.alice, status="active")
    add_key_result(mine, "Read 4 books from 0", start=0, target=4)
    groups = by_team(due_key_results(world.org, NOW))
    assert [(team, len(items)) for team, items in groups] == [
        (world.growth, 2),
        (world.support, 2),
        (None, 1),
    ]


def own_objective(world, person):
    """Return an individual objective of the person, with one key result never checked in."""
    objective = create_objective(
        world.quarter, f"{person.name}'s own", owner=person, status="active"
    )
    add_key_result(objective, "Grow my talks from 1 to 4", start=1, target=4)
    return objective


def test_due_counts_are_the_due_list_counted_by_team(world, growth):
    from okrs.reminders.due import due_counts

    support = world.objective(team=world.support, title="Answer every donor within a day")
    check_in(support.key_results.get(position=0), 10)  # due only under a 7-day window
    marketing_kr = add_key_result(growth, "Marketing's part of it", start=0, target=5)
    marketing_kr.team = world.marketing
    marketing_kr.save()
    own_objective(world, world.alice)
    update_team_cadence(world.support, {"check_in_days": 7})
    expected = [(team, len(items)) for team, items in by_team(due_key_results(world.org, NOW))]
    assert due_counts(world.org, NOW) == [pair for pair in expected if pair[0] is not None]
    assert due_counts(world.org, NOW) == [
        (world.growth, 2),
        (world.marketing, 1),
        (world.support, 2),
    ]


def test_a_persons_due_list_holds_their_teams_and_their_own_objectives(world, growth):
    from okrs.organizations.models import Role

    support = world.objective(team=world.support, title="Answer every donor within a day")
    own = own_objective(world, world.alice)
    own_objective(world, world.bob)
    carol = add_person(world.org, "carol@acme.test", "Carol Lee", Role.MEMBER)
    everyone = due_key_results(world.org, NOW)

    def of(person):
        return [item.key_result for item in due_key_results(world.org, NOW, person=person)]

    assert of(world.alice) == [i.key_result for i in everyone if i.objective in (growth, own)]
    assert {i.objective for i in due_key_results(world.org, NOW, person=world.bob)} >= {support}
    assert of(carol) == []
    join_team(carol, world.support)
    assert {kr.objective for kr in of(carol)} == {support}
