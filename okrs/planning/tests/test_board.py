"""The planning board: drafts beside what they support, gaps and incongruencies."""

from datetime import date

from okrs.cycles.actions import create_cycle
from okrs.cycles.models import Cycle
from okrs.objectives.co_creation import invite_coaches
from okrs.planning import actions
from okrs.planning.board import planning_board
from okrs.planning.tests.helpers import draft


def board_for(person, cycle):
    return planning_board(cycle, person, list(Cycle.objects.of(cycle.organization_id)))


def shared(*args, **kwargs):
    return actions.share_draft(draft(*args, **kwargs))


def test_shared_drafts_sit_beside_the_strategic_objective_they_support(world, plan):
    growth = shared(world.growth, "Win the hearts of young donors", plan.q2, [plan.strategic])
    board = board_for(world.bob, plan.q2)
    groups = {g.anchor.objective: g for g in board.groups}
    assert list(groups) == [plan.company, plan.strategic]
    assert [s.objective for s in groups[plan.strategic].supporters] == [growth]
    assert groups[plan.company].supporters == []
    assert not groups[plan.company].gap  # supported through the strategic objective


def test_gap_is_a_strategic_objective_nobody_supports(world, plan):
    lonely = world.objective(
        team=world.marketing, title="Keep every donor's data safe", cycle=world.annual
    )
    shared(world.growth, "Win the hearts of young donors", plan.q2, [plan.strategic])
    board = board_for(world.admin, plan.q2)
    assert [g.anchor.objective for g in board.gaps()] == [lonely]


def test_unshared_draft_fills_no_gap_and_shows_only_to_its_team(world, plan):
    hidden = draft(world.support, "Answer every donor within a day", plan.q2, [plan.strategic])
    for_bob = board_for(world.bob, plan.q2)
    assert [item.objective for item in for_bob.private] == [hidden]
    assert plan.strategic in [g.anchor.objective for g in for_bob.gaps()]
    for_alice = board_for(world.alice, plan.q2)
    assert for_alice.private == []
    assert hidden not in [s.objective for s in for_alice.supporters()]


def test_facilitator_sees_that_an_unshared_draft_exists_not_its_text(world, plan):
    hidden = draft(world.support, "Answer every donor within a day", plan.q2, [plan.strategic])
    board = board_for(plan.pat, plan.q2)
    assert board.private == []
    assert board.hidden == [{"team__name": "Support", "team__slug": "support"}]
    invite_coaches(hidden, [plan.pat], world.bob)
    board = board_for(plan.pat, plan.q2)
    assert [item.objective for item in board.private] == [hidden]
    assert board.hidden == []


def test_unaligned_shared_draft_is_listed_apart(world, plan):
    alone = shared(world.support, "Answer every donor within a day", plan.q2)
    board = board_for(world.alice, plan.q2)
    assert [item.objective for item in board.unaligned] == [alone]


def test_duplicate_drafts_of_two_teams(world, plan):
    first = shared(world.growth, "Win the hearts of young donors", plan.q2, [plan.strategic])
    second = shared(
        world.support, "Win the hearts of young donors across Europe", plan.q2, [plan.strategic]
    )
    board = board_for(world.sam, plan.q2)
    assert [(a.objective, b.objective) for a, b, _ in board.duplicates] == [(first, second)]


def test_teams_pulling_in_opposite_directions(world, plan):
    shared(
        world.growth,
        "Make support a reason to give",
        plan.q2,
        [plan.strategic],
        [("Increase support tickets answered from 100 to 300", 100, 300)],
    )
    shared(
        world.support,
        "Help donors help themselves",
        plan.q2,
        [plan.strategic],
        [("Reduce support tickets from 900 to 400", 900, 400)],
    )
    board = board_for(world.bob, plan.q2)
    assert len(board.opposite) == 1
    up, up_item, down, down_item, words = board.opposite[0]
    assert (up.title, up_item.objective.team) == (
        "Increase support tickets answered from 100 to 300",
        world.growth,
    )
    assert (down.title, down_item.objective.team) == (
        "Reduce support tickets from 900 to 400",
        world.support,
    )
    assert set(words) == {"support", "ticket"}
    assert board.incongruencies() == 1


def test_unshared_drafts_raise_no_incongruency(world, plan):
    shared(world.growth, "Win the hearts of young donors", plan.q2, [plan.strategic])
    draft(world.support, "Win the hearts of young donors across Europe", plan.q2)
    board = board_for(world.admin, plan.q2)
    assert board.duplicates == []


def test_communicated_objectives_are_the_only_anchors(world, plan):
    actions.open_planning(plan.q2, world.admin, [plan.strategic], "Towns first")
    board = board_for(world.bob, plan.q2)
    assert board.communicated
    assert [g.anchor.objective for g in board.groups] == [plan.strategic]
    assert board.session.message == "Towns first"


def test_notes_show_under_the_team_and_the_team_asked(world, plan):
    actions.add_planning_note(plan.q2, world.growth, "need", "Two designers", world.support)
    board = board_for(world.sam, plan.q2)
    by_team = {entry.team: entry for entry in board.notes}
    assert [n.text for n in by_team[world.growth].needs] == ["Two designers"]
    assert [n.text for n in by_team[world.support].incoming] == ["Two designers"]


def test_viewer_rights_on_board_items(world, plan):
    growth = shared(world.growth, "Win the hearts of young donors", plan.q2, [plan.strategic])
    items = {
        person: next(s for s in board_for(person, plan.q2).supporters() if s.objective == growth)
        for person in (world.alice, world.bob, world.sam, world.admin)
    }
    assert items[world.alice].can_write and items[world.alice].can_publish
    assert not items[world.bob].can_write and not items[world.bob].can_publish
    assert not items[world.sam].can_write and not items[world.sam].can_publish
    assert items[world.admin].can_write and items[world.admin].can_publish


def test_next_years_first_quarter_is_guided_by_this_years_direction(world, plan):
    q1 = create_cycle(world.org, "2028-Q1", date(2028, 1, 1), date(2028, 3, 31))
    actions.open_planning(q1, world.admin, [plan.company], "Carry our direction into 2028")
    growth = shared(world.growth, "Win the hearts of young donors", q1, [plan.strategic])
    board = board_for(world.bob, q1)
    assert [g.anchor.objective for g in board.groups] == [plan.company]
    assert board.gaps() == []  # supported through the 2027 strategic objective
    assert [s.objective for s in board.unaligned] == [growth]


def test_without_a_session_every_published_guiding_objective_is_an_anchor(world, plan):
    q1 = create_cycle(world.org, "2028-Q1", date(2028, 1, 1), date(2028, 3, 31))
    board = board_for(world.bob, q1)
    assert [g.anchor.objective for g in board.groups] == [plan.company, plan.strategic]


def test_teams_aiming_the_same_way_in_other_words_do_not_pull_apart(world, plan):
    shared(
        world.growth,
        "Keep every village's water flowing",
        plan.q2,
        [plan.strategic],
        [("Raise the share of water points working from 60% to 85%", 60, 85)],
    )
    shared(
        world.support,
        "Make repairs fast wherever water stops",
        plan.q2,
        [plan.strategic],
        [("Reduce water points out of service from 400 to 150", 400, 150)],
    )
    board = board_for(world.bob, plan.q2)
    assert board.opposite == []
    assert board.incongruencies() == 0
