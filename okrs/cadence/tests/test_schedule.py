"""Scheduling a cycle's events, rescheduling when the cadence changes, and keeping hand edits."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from okrs.cadence.actions import (
    choose_daily_alignment,
    edit_event,
    reschedule_open_cycles,
    schedule_cycle,
    update_organization_cadence,
    update_team_cadence,
)
from okrs.cadence.models import CadenceEvent, CadenceSettings
from okrs.cadence.queries import Cadences, followed_events
from okrs.cadence.tests.conftest import BEFORE_Q1, scheduled
from okrs.cycles.actions import create_cycle, set_cycle_state
from okrs.cycles.models import Cycle
from okrs.organizations.actions import create_organization, create_team

MID_FEBRUARY = datetime(2027, 2, 10, 12, 0, tzinfo=UTC)


def organization_wide(cycle):
    return list(CadenceEvent.objects.filter(cycle=cycle, team__isnull=True).order_by("starts_at"))


def day_of(event):
    return event.starts_at.astimezone(UTC).date()


def test_a_quarter_gets_the_profile_cadence_for_the_whole_organisation(world):
    scheduled(world.quarter)

    events = organization_wide(world.quarter)
    assert [(e.kind, day_of(e)) for e in events] == [
        ("planning", date(2026, 12, 18)),
        ("check-in", date(2027, 1, 19)),
        ("review", date(2027, 1, 26)),
        ("check-in", date(2027, 2, 2)),
        ("check-in", date(2027, 2, 16)),
        ("review", date(2027, 2, 23)),
        ("check-in", date(2027, 3, 2)),
        ("check-in", date(2027, 3, 16)),
        ("check-in", date(2027, 3, 30)),
        ("evaluation", date(2027, 3, 31)),
    ]
    planning, check_in = events[0], events[1]
    assert planning.all_day and planning.title == "OKR Planning for 2027-Q1"
    assert planning.ends_at == datetime(2027, 1, 1, tzinfo=UTC)
    assert (check_in.starts_at, check_in.ends_at) == (
        datetime(2027, 1, 19, 10, 0, tzinfo=UTC),
        datetime(2027, 1, 19, 10, 30, tzinfo=UTC),
    )
    assert {e.organization_id for e in events} == {world.org.pk}
    assert not CadenceEvent.objects.filter(cycle=world.quarter, team__isnull=False).exists()


def test_okr_institute_checks_in_weekly_for_twenty_minutes(db):
    organization = create_organization("Initech", profile="okr-institute")
    cycle = create_cycle(organization, "Q1", date(2027, 1, 1), date(2027, 3, 31))
    scheduled(cycle)

    check_ins = CadenceEvent.objects.filter(cycle=cycle, kind="check-in")
    assert check_ins.count() == 10
    assert {e.ends_at - e.starts_at for e in check_ins} == {timedelta(minutes=20)}


def test_an_annual_cycle_gets_planning_and_evaluation_only(world):
    scheduled(world.annual)

    events = organization_wide(world.annual)
    assert [(e.kind, day_of(e)) for e in events] == [
        ("planning", date(2026, 12, 18)),
        ("evaluation", date(2027, 12, 31)),
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(1, 1, 1), date(1, 3, 31)), (date(9999, 10, 1), date(9999, 12, 31))],
)
def test_a_cycle_at_the_edge_of_the_calendar_gets_no_events_and_no_error(world, start, end):
    # Stored before cycle dates were bounded to 1970..2200: create_cycle refuses such dates now.
    cycle = Cycle.objects.create(organization=world.org, name="Odd", start=start, end=end)

    assert scheduled(cycle) == []


def test_a_quarter_longer_than_a_year_gets_planning_and_evaluation_only(world):
    cycle = create_cycle(world.org, "Long", date(2027, 1, 1), date(2029, 12, 31))

    assert [e.kind for e in scheduled(cycle)] == ["planning", "evaluation"]


def test_scheduling_again_changes_nothing(world):
    first = scheduled(world.quarter)
    stamps = {e.pk: (e.starts_at, e.updated_at, e.sequence) for e in first}

    again = schedule_cycle(world.quarter, BEFORE_Q1 + timedelta(days=1))

    assert {e.pk: (e.starts_at, e.updated_at, e.sequence) for e in again} == stamps
    assert CadenceEvent.objects.filter(cycle=world.quarter).count() == len(stamps)


def test_a_new_cadence_moves_future_events_and_keeps_past_and_hand_edited_ones(world):
    scheduled(world.quarter)
    past = {e.pk: e.starts_at for e in CadenceEvent.objects.filter(starts_at__lt=MID_FEBRUARY)}
    moved_by_hand = CadenceEvent.objects.get(cycle=world.quarter, slot="check-in:2027-03-02")
    by_hand = datetime(2027, 3, 3, 14, 0, tzinfo=UTC)
    edit_event(moved_by_hand, starts_at=by_hand, ends_at=by_hand + timedelta(hours=1))
    second_review = CadenceEvent.objects.get(cycle=world.quarter, slot="review:2")

    update_organization_cadence(world.org, {"check_in_weekday": 3}, now=MID_FEBRUARY)

    still = CadenceEvent.objects.filter(pk__in=past)
    assert {e.pk: e.starts_at for e in still} == past
    moved_by_hand.refresh_from_db()
    assert moved_by_hand.starts_at == by_hand
    second_review.refresh_from_db()
    assert day_of(second_review) == date(2027, 2, 25)
    assert second_review.sequence == 1
    future = CadenceEvent.objects.filter(
        cycle=world.quarter, kind="check-in", starts_at__gte=MID_FEBRUARY, edited=False
    )
    assert [day_of(e) for e in future] == [date(2027, 2, 18), date(2027, 3, 4), date(2027, 3, 18)]
    assert not CadenceEvent.objects.filter(slot="check-in:2027-02-16").exists()


def test_the_first_scheduling_includes_events_already_past(world):
    cycle = create_cycle(world.org, "2026-Q3", date(2026, 7, 1), date(2026, 9, 30))

    events = scheduled(cycle, now=datetime(2026, 11, 1, tzinfo=UTC))

    assert len(events) == 10
    assert events[0].kind == "planning" and events[-1].kind == "evaluation"


def test_a_team_override_mid_cycle_schedules_only_what_is_still_to_come(world):
    scheduled(world.quarter)

    update_team_cadence(
        world.growth, {"daily_alignment": True, "daily_time": time(9, 0)}, now=MID_FEBRUARY
    )

    dailies = CadenceEvent.objects.filter(cycle=world.quarter, kind="daily-alignment")
    assert {e.team_id for e in dailies} == {world.growth.pk}
    assert min(e.starts_at for e in dailies) == datetime(2027, 2, 11, 9, 0, tzinfo=UTC)
    # 11 February to 31 March 2027 holds 35 working days.
    assert dailies.count() == 35
    assert dailies.first().title == "Growth: Daily Alignment"


def test_a_team_with_its_own_rhythm_follows_its_check_ins_not_the_organisations(world):
    scheduled(world.quarter)

    update_team_cadence(world.growth, {"check_in_days": 7}, now=BEFORE_Q1)

    growth = CadenceEvent.objects.filter(cycle=world.quarter, team=world.growth)
    assert growth.filter(kind="check-in").count() == 10
    assert growth.filter(kind="review").count() == 2
    cadences = Cadences.load(world.org)
    followed = list(followed_events(cadences, [world.growth.pk]).filter(cycle=world.quarter))
    assert {(e.kind, e.team_id) for e in followed} == {
        ("planning", None),
        ("evaluation", None),
        ("check-in", world.growth.pk),
        ("review", world.growth.pk),
    }
    support = followed_events(cadences, [world.support.pk]).filter(cycle=world.quarter)
    assert {e.team_id for e in support} == {None}
    assert support.filter(kind="check-in").count() == 6


def test_a_person_in_two_teams_sees_the_organisation_check_ins_their_other_team_keeps(world):
    scheduled(world.quarter)
    update_team_cadence(world.growth, {"check_in_days": 7}, now=BEFORE_Q1)

    cadences = Cadences.load(world.org)
    both = followed_events(cadences, [world.growth.pk, world.support.pk]).filter(
        cycle=world.quarter, kind="check-in"
    )

    assert {e.team_id for e in both} == {None, world.growth.pk}


def test_dropping_a_teams_override_removes_its_future_events(world):
    scheduled(world.quarter)
    update_team_cadence(world.growth, {"check_in_days": 7}, now=BEFORE_Q1)

    update_team_cadence(world.growth, {"check_in_days": None}, now=BEFORE_Q1)

    assert not CadenceEvent.objects.filter(team=world.growth).exists()
    assert not CadenceSettings.objects.get(team=world.growth).has_own_rhythm()


def test_the_organisation_only_suggests_daily_alignment_each_team_decides(world):
    scheduled(world.quarter)
    update_team_cadence(world.support, {"daily_alignment": False}, now=BEFORE_Q1)
    update_organization_cadence(
        world.org, {"daily_alignment": True, "daily_weekdays": "024"}, now=BEFORE_Q1
    )
    dailies = CadenceEvent.objects.filter(cycle=world.quarter, kind="daily-alignment")
    assert not dailies.exists()  # a suggestion schedules nothing

    choose_daily_alignment(world.growth, True, world.alice, now=BEFORE_Q1)

    assert {e.team_id for e in dailies} == {world.growth.pk}
    assert {day_of(e).weekday() for e in dailies} == {0, 2, 4}  # the organisation's days
    # Monday, Wednesday and Friday from 1 January to 31 March 2027: 39 days, one team.
    assert dailies.count() == 39
    choose_daily_alignment(world.growth, False, world.alice, now=BEFORE_Q1)
    assert not dailies.all().exists()


def test_only_a_member_of_the_team_decides_its_daily_alignment(world):
    for outsider in (world.admin, world.bob, world.sam):
        with pytest.raises(PermissionDenied, match="Only a member of Growth decides"):
            choose_daily_alignment(world.growth, True, outsider, now=BEFORE_Q1)
    assert not CadenceSettings.objects.filter(team=world.growth).exists()


def test_the_time_zone_sets_the_wall_clock_of_the_events(world):
    update_organization_cadence(world.org, {"time_zone": "America/New_York"}, now=BEFORE_Q1)
    scheduled(world.quarter)

    check_in = CadenceEvent.objects.get(cycle=world.quarter, slot="check-in:2027-01-19")
    assert check_in.time_zone == "America/New_York"
    assert check_in.starts_at == datetime(2027, 1, 19, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"check_in_days": 0}, "check_in_days"),
        ({"daily_weekdays": "08"}, "daily_weekdays"),
        ({"check_in_minutes": 500}, "check_in_minutes"),
    ],
)
def test_settings_that_cannot_be_scheduled_are_refused(world, values, field):
    with pytest.raises(ValidationError) as refused:
        update_organization_cadence(world.org, values)

    assert field in refused.value.message_dict
    assert not CadenceSettings.objects.exists()


def test_a_team_cannot_set_the_planning_weeks(world):
    with pytest.raises(ValidationError, match="planning_weeks"):
        update_team_cadence(world.growth, {"planning_weeks": 3})


def test_editing_an_event_by_hand_marks_it_and_counts_the_move(world):
    scheduled(world.quarter)
    event = CadenceEvent.objects.get(cycle=world.quarter, slot="check-in:2027-01-19")
    later = event.starts_at + timedelta(hours=2)

    edit_event(event, starts_at=later, ends_at=later + timedelta(minutes=45), notes=" Agenda ")

    event.refresh_from_db()
    assert (event.starts_at, event.notes, event.edited, event.sequence) == (
        later,
        "Agenda",
        True,
        1,
    )
    edit_event(event, location="Room 4")
    event.refresh_from_db()
    assert (event.location, event.sequence) == ("Room 4", 1)


def test_an_event_cannot_end_before_it_starts(world):
    scheduled(world.quarter)
    event = CadenceEvent.objects.get(cycle=world.quarter, slot="review:1")

    with pytest.raises(ValidationError):
        edit_event(event, ends_at=event.starts_at - timedelta(minutes=1))

    event.refresh_from_db()
    assert not event.edited


def test_rescheduling_skips_closed_and_ended_cycles(world):
    old = create_cycle(world.org, "2026-Q3", date(2026, 7, 1), date(2026, 9, 30))
    scheduled(old, now=datetime(2026, 11, 1, tzinfo=UTC))
    set_cycle_state(world.annual, "closed")

    count = reschedule_open_cycles(world.org, now=datetime(2026, 11, 1, tzinfo=UTC))

    assert count == 1
    assert CadenceEvent.objects.filter(cycle=world.quarter).count() == 10


def test_scheduling_queries_do_not_grow_with_teams_and_inserts_come_in_batches(world):
    update_team_cadence(world.growth, {"daily_alignment": True}, now=BEFORE_Q1)
    with CaptureQueriesContext(connection) as few:
        scheduled(world.quarter)
    for n in range(4):
        team = create_team(world.org, f"Squad {n}", "tactical", world.marketing)
        update_team_cadence(team, {"check_in_days": 7, "daily_alignment": True}, now=BEFORE_Q1)
    with CaptureQueriesContext(connection) as many:
        scheduled(world.quarter)

    def split(queries):
        inserts = [q for q in queries if q["sql"].startswith("INSERT")]
        return len(queries) - len(inserts), len(inserts)

    events = CadenceEvent.objects.filter(cycle=world.quarter).count()
    assert events > 300
    assert split(few.captured_queries)[0] == split(many.captured_queries)[0]
    assert split(many.captured_queries)[1] <= 1 + events // 50


def test_scheduling_inside_the_transaction_that_creates_the_cycle(world):
    with transaction.atomic():
        cycle = create_cycle(world.org, "2027-Q2", date(2027, 4, 1), date(2027, 6, 30))
        events = schedule_cycle(cycle, BEFORE_Q1)

    assert CadenceEvent.objects.filter(cycle=cycle).count() == len(events) == 10


def test_creating_a_cycle_schedules_its_events(world):
    cycle = create_cycle(world.org, "2027-Q2", date(2027, 4, 1), date(2027, 6, 30))

    kinds = set(CadenceEvent.objects.filter(cycle=cycle).values_list("kind", flat=True))
    assert kinds == {"planning", "check-in", "review", "evaluation"}
