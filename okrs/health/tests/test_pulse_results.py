"""Pulse results: per team and month only with 3 answers or more, once the month is over."""

from datetime import UTC, date, datetime

import pytest

from okrs.health.actions import answer_pulse
from okrs.health.pulse import pulse_results
from okrs.health.report import cycle_health
from okrs.health.tests.conftest import first_of
from okrs.organizations.actions import add_person, join_team
from okrs.organizations.models import Role

MONTHS = [first_of(1), first_of(2), first_of(3)]


def scores(f, a, c, t, s):
    return {"focus": f, "alignment": a, "commitment": c, "tracking": t, "stretching": s}


@pytest.fixture
def answered(world, growth_team):
    """Growth answers 3 times in January, 2 in February, 1 in March; Support 3 in January."""
    alice, carol, dave = growth_team
    answer_pulse(alice, world.growth, scores(5, 4, 3, 2, 1), "More focus time", date(2027, 1, 5))
    answer_pulse(carol, world.growth, scores(4, 4, 4, 4, 4), "", date(2027, 1, 9))
    answer_pulse(dave, world.growth, scores(3, 4, 2, 3, 4), "A clearer why", date(2027, 1, 30))
    answer_pulse(alice, world.growth, scores(1, 1, 1, 1, 1), "Secret February", date(2027, 2, 2))
    answer_pulse(carol, world.growth, scores(2, 2, 2, 2, 2), "", date(2027, 2, 3))
    answer_pulse(dave, world.growth, scores(5, 5, 5, 5, 5), "", date(2027, 3, 2))
    support = [world.bob]
    for n in range(2):
        person = add_person(world.org, f"s{n}@acme.test", f"Support {n}", Role.MEMBER)
        join_team(person, world.support)
        support.append(person)
    for person, value in zip(support, (2, 3, 4), strict=True):
        answer_pulse(person, world.support, scores(value, 5, 5, 5, 5), "", date(2027, 1, 12))


def means(scores_):
    return [row["mean"] for row in scores_.means()]


def test_a_month_with_three_answers_shows_the_mean_of_each_letter(world, answered):
    results = pulse_results(world.org, MONTHS, date(2027, 3, 10), None)
    growth = next(t for t in results.teams if t.team_id == world.growth.pk)
    january, february, march = growth.months
    assert january.state == "published" and january.answers == 3
    assert means(january.scores) == [4.0, 4.0, 3.0, 3.0, 3.0]
    assert january.comments == ["A clearer why", "More focus time"]


def test_fewer_than_three_answers_stay_hidden_with_their_comments(world, answered):
    results = pulse_results(world.org, MONTHS, date(2027, 3, 10), None)
    growth = next(t for t in results.teams if t.team_id == world.growth.pk)
    february = growth.months[1]
    assert (february.state, february.answers) == ("too-few", 2)
    assert february.scores is None and february.comments == []
    assert means(growth.overall) == [4.0, 4.0, 3.0, 3.0, 3.0]
    organisation = results.organization
    assert means(organisation[0].scores) == [3.5, 4.5, 4.0, 4.0, 4.0]
    assert organisation[0].answers == 6 and organisation[0].scores.answers == 6
    assert (organisation[1].state, organisation[1].answers) == ("too-few", 2)
    assert organisation[1].scores is None


def test_the_current_month_stays_closed_until_it_ends(world, answered, growth_team):
    results = pulse_results(world.org, MONTHS, date(2027, 1, 31), None)
    growth = next(t for t in results.teams if t.team_id == world.growth.pk)
    assert [m.state for m in growth.months] == ["open", "future", "future"]
    assert growth.months[0].scores is None and growth.months[0].comments == []
    later = pulse_results(world.org, MONTHS, date(2027, 2, 1), None)
    assert next(t for t in later.teams if t.team_id == world.growth.pk).months[0].scores


def test_a_member_sees_only_their_teams_pulse(world, answered):
    results = pulse_results(world.org, MONTHS, date(2027, 3, 10), {world.support.pk})
    assert [t.team_id for t in results.teams] == [world.support.pk]
    assert means(results.organization[0].scores) == [3.5, 4.5, 4.0, 4.0, 4.0]


def test_another_organisations_answers_never_count(world, answered, other_world):
    for n in range(3):
        person = add_person(other_world["org"], f"g{n}@globex.test", "G", Role.MEMBER)
        join_team(person, other_world["team"])
        answer_pulse(person, other_world["team"], scores(1, 1, 1, 1, 1), "", date(2027, 1, 3))
    results = pulse_results(world.org, MONTHS, date(2027, 3, 10), None)
    assert {t.team_id for t in results.teams} == {world.growth.pk, world.support.pk}
    assert results.organization[0].answers == 6


def test_the_report_names_the_teams_of_the_cycles_months(world, answered):
    report = cycle_health(
        world.org, world.quarter, [world.quarter], datetime(2027, 3, 10, tzinfo=UTC)
    )
    assert [t.name for t in report.pulse.teams] == ["Growth", "Support"]
    assert report.pulse.periods == MONTHS


def test_the_organisation_mean_leaves_out_a_hidden_team_month(world, answered):
    for person in world.support.memberships.values_list("person", flat=True):
        member = world.org.people.get(pk=person)
        answer_pulse(member, world.support, scores(3, 3, 3, 3, 3), "", date(2027, 2, 14))
    february = pulse_results(world.org, MONTHS, date(2027, 3, 10), None).organization[1]
    assert (february.state, february.answers, february.scores.answers) == ("published", 5, 3)
    assert means(february.scores) == [3.0, 3.0, 3.0, 3.0, 3.0]
