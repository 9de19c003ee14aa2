"""Scheduling a cycle's OKR events from a cadence: planning, daily alignment, check-ins, reviews."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from okrs.domain.cadence import (
    ALL_KINDS,
    CYCLE_KINDS,
    RHYTHM_KINDS,
    Cadence,
    CadenceError,
    EventKind,
    add_months,
    check_in_dates,
    describe,
    evaluation_day,
    plan_cycle,
    profile_cadence,
    review_dates,
    team_cadence,
    with_overrides,
)
from okrs.domain.profiles import PROFILES

PLANNING = EventKind.PLANNING
DAILY = EventKind.DAILY_ALIGNMENT
CHECK_IN = EventKind.CHECK_IN
REVIEW = EventKind.REVIEW
EVALUATION = EventKind.EVALUATION
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
UTC = ZoneInfo("UTC")

# 2027-Q1 starts on a Friday and ends on a Wednesday.
Q1 = (date(2027, 1, 1), date(2027, 3, 31))


def days(*pairs):
    return [date(2027, month, day) for month, day in pairs]


def kinds_and_days(events):
    return [(event.kind, event.day()) for event in events]


def test_p_okr_quarter_has_planning_fortnightly_check_ins_monthly_reviews_and_evaluation():
    events = plan_cycle(*Q1, Cadence(), "2027-Q1")

    assert kinds_and_days(events) == [
        (PLANNING, date(2026, 12, 18)),
        (CHECK_IN, date(2027, 1, 19)),
        (REVIEW, date(2027, 1, 26)),
        (CHECK_IN, date(2027, 2, 2)),
        (CHECK_IN, date(2027, 2, 16)),
        (REVIEW, date(2027, 2, 23)),
        (CHECK_IN, date(2027, 3, 2)),
        (CHECK_IN, date(2027, 3, 16)),
        (CHECK_IN, date(2027, 3, 30)),
        (EVALUATION, date(2027, 3, 31)),
    ]


def test_planning_is_an_all_day_window_ending_when_the_cycle_starts():
    planning = plan_cycle(*Q1, Cadence(), "2027-Q1", {PLANNING})

    assert len(planning) == 1
    assert planning[0].all_day
    assert (planning[0].start, planning[0].end) == (date(2026, 12, 18), date(2027, 1, 1))
    assert planning[0].title == "OKR Planning for 2027-Q1"


@pytest.mark.parametrize(
    ("weeks", "opens"),
    [(1, date(2026, 12, 25)), (2, date(2026, 12, 18)), (3, date(2026, 12, 11))],
)
def test_planning_opens_the_chosen_number_of_weeks_before_the_start(weeks, opens):
    planning = plan_cycle(*Q1, Cadence(planning_weeks=weeks), "Q1", {PLANNING})

    assert planning[0].start == opens


def test_no_planning_weeks_means_no_planning_event():
    assert plan_cycle(*Q1, Cadence(planning_weeks=0), "Q1", {PLANNING}) == []


@pytest.mark.parametrize(
    ("start", "end", "every", "weekday", "expected"),
    [
        # Fortnightly on Tuesdays: the first falls one interval into the cycle.
        (*Q1, 14, TUE, days((1, 19), (2, 2), (2, 16), (3, 2), (3, 16), (3, 30))),
        # Weekly on Mondays, a quarter starting on a Monday.
        (
            date(2027, 1, 4),
            date(2027, 2, 5),
            7,
            MON,
            days((1, 11), (1, 18), (1, 25), (2, 1)),
        ),
        # No check-in on or after the evaluation day (Friday 5 March, the cycle ends on Sunday).
        (date(2027, 2, 1), date(2027, 3, 7), 7, FRI, days((2, 12), (2, 19), (2, 26))),
        # A cycle shorter than one interval has no check-in.
        (date(2027, 1, 4), date(2027, 1, 15), 14, TUE, []),
    ],
)
def test_check_in_dates(start, end, every, weekday, expected):
    cadence = Cadence(check_in_days=every, check_in_weekday=weekday)

    assert check_in_dates(start, end, cadence) == expected


@pytest.mark.parametrize(
    ("start", "end", "months", "weekday", "expected"),
    [
        # The period ending with the cycle has the evaluation, not a review.
        (*Q1, 1, TUE, [(1, date(2027, 1, 26)), (2, date(2027, 2, 23))]),
        (*Q1, 1, FRI, [(1, date(2027, 1, 29)), (2, date(2027, 2, 26))]),
        # Periods count from the start, not from the calendar month.
        (
            date(2027, 2, 15),
            date(2027, 5, 14),
            1,
            WED,
            [(1, date(2027, 3, 10)), (2, date(2027, 4, 14))],
        ),
        # Every two months in a half-year.
        (
            date(2027, 1, 1),
            date(2027, 6, 30),
            2,
            TUE,
            [(1, date(2027, 2, 23)), (2, date(2027, 4, 27))],
        ),
        # A cycle of three weeks has no review.
        (date(2027, 1, 4), date(2027, 1, 22), 1, TUE, []),
    ],
)
def test_review_dates(start, end, months, weekday, expected):
    cadence = Cadence(review_months=months, check_in_weekday=weekday)

    assert review_dates(start, end, cadence) == expected


def test_weekly_check_ins_give_way_to_the_review_on_the_same_day():
    events = plan_cycle(*Q1, Cadence(check_in_days=7), "Q1", RHYTHM_KINDS)

    by_day = {}
    for event in events:
        by_day.setdefault(event.day(), []).append(event.kind)
    assert by_day[date(2027, 1, 26)] == [REVIEW]
    assert by_day[date(2027, 2, 23)] == [REVIEW]
    assert sum(kind == CHECK_IN for kind, _ in kinds_and_days(events)) == 10
    assert all(len(kinds) == 1 for kinds in by_day.values())


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (date(2027, 3, 31), date(2027, 3, 31)),  # a Wednesday stays
        (date(2027, 7, 31), date(2027, 7, 30)),  # a Saturday moves to Friday
        (date(2027, 10, 31), date(2027, 10, 29)),  # a Sunday moves to Friday
    ],
)
def test_evaluation_is_on_the_last_working_day(end, expected):
    assert evaluation_day(date(2027, 1, 1), end) == expected
    evaluation = plan_cycle(date(2027, 1, 1), end, Cadence(), "C", {EVALUATION})[0]
    assert evaluation.all_day
    assert (evaluation.start, evaluation.end) == (expected, expected + timedelta(days=1))


def test_timed_events_carry_their_time_length_and_time_zone():
    cadence = Cadence(
        check_in_weekday=THU, check_in_time=time(15, 30), check_in_minutes=20, time_zone="UTC"
    )
    check_in = plan_cycle(*Q1, cadence, "Q1", {CHECK_IN})[0]
    review = plan_cycle(*Q1, cadence, "Q1", {REVIEW})[0]

    assert check_in.start == datetime(2027, 1, 21, 15, 30, tzinfo=UTC)
    assert check_in.end - check_in.start == timedelta(minutes=20)
    assert review.start == datetime(2027, 1, 28, 15, 30, tzinfo=UTC)
    assert review.end - review.start == timedelta(minutes=60)
    assert not check_in.all_day


def test_wall_clock_time_holds_across_daylight_saving():
    cadence = Cadence(check_in_days=7, time_zone="Europe/Berlin")
    events = {e.day(): e for e in plan_cycle(*Q1, cadence, "Q1", {CHECK_IN})}

    before, after = events[date(2027, 3, 23)], events[date(2027, 3, 30)]
    assert (before.start.hour, after.start.hour) == (10, 10)
    assert before.start.astimezone(UTC).hour == 9
    assert after.start.astimezone(UTC).hour == 8


def test_daily_alignment_on_chosen_weekdays_only_when_on():
    two_weeks = (date(2027, 1, 4), date(2027, 1, 17))
    on = Cadence(daily_alignment=True, daily_weekdays=(MON, WED, FRI), daily_time=time(9, 15))

    dailies = plan_cycle(*two_weeks, on, "Sprint", {DAILY})

    assert [e.day() for e in dailies] == days((1, 4), (1, 6), (1, 8), (1, 11), (1, 13), (1, 15))
    assert {e.start.time() for e in dailies} == {time(9, 15)}
    assert {e.end - e.start for e in dailies} == {timedelta(minutes=15)}
    assert plan_cycle(*two_weeks, Cadence(), "Sprint", {DAILY}) == []


def test_cycle_kinds_leave_out_check_ins_reviews_and_daily_alignment():
    cadence = Cadence(daily_alignment=True)
    annual = plan_cycle(date(2027, 1, 1), date(2027, 12, 31), cadence, "2027", CYCLE_KINDS)

    assert [e.kind for e in annual] == [PLANNING, EVALUATION]
    assert annual[1].day() == date(2027, 12, 31)


def test_slots_are_unique_and_events_come_in_time_order():
    cadence = Cadence(check_in_days=7, daily_alignment=True)
    events = plan_cycle(*Q1, cadence, "Q1", ALL_KINDS)

    assert len({e.slot for e in events}) == len(events)
    starts = [datetime.combine(e.start, time(0), UTC) if e.all_day else e.start for e in events]
    assert starts == sorted(starts)
    assert {e.slot for e in events} >= {"planning", "evaluation", "review:1", "check-in:2027-01-12"}


@pytest.mark.parametrize(
    ("slug", "check_in_days", "check_in_minutes"),
    [("p-okr", 14, 30), ("okr-institute", 7, 20), ("scaled-okrs", 7, 30)],
)
def test_profile_defaults(slug, check_in_days, check_in_minutes):
    profile = PROFILES[slug]
    cadence = profile_cadence(profile.check_in_days, profile.review_days, slug, "Europe/Paris")

    assert cadence.check_in_days == check_in_days
    assert cadence.check_in_minutes == check_in_minutes
    assert cadence.review_months == 1
    assert cadence.planning_weeks == 2
    assert cadence.daily_alignment is False
    assert cadence.time_zone == "Europe/Paris"


def test_overrides_replace_only_what_is_set():
    base = Cadence(check_in_days=14, daily_alignment=False)

    team = with_overrides(
        base, {"check_in_days": 7, "check_in_time": None, "daily_weekdays": (4, 0, 4)}
    )

    assert team.check_in_days == 7
    assert team.check_in_time == base.check_in_time
    assert team.daily_weekdays == (0, 4)
    assert with_overrides(base, {"time_zone": "", "daily_weekdays": ()}) == base


def test_unknown_override_is_refused():
    with pytest.raises(CadenceError, match="check_in_hours"):
        with_overrides(Cadence(), {"check_in_hours": 3})


@pytest.mark.parametrize(
    ("cadence", "message"),
    [
        (Cadence(check_in_days=0), "check in days"),
        (Cadence(review_months=0), "review months"),
        (Cadence(check_in_weekday=7), "weekdays"),
        (Cadence(daily_weekdays=(0, 9)), "weekdays"),
        (Cadence(planning_weeks=-1), "planning"),
        (Cadence(time_zone="Mars/Olympus"), "time zone"),
    ],
)
def test_impossible_cadences_are_refused(cadence, message):
    with pytest.raises(CadenceError, match=message):
        plan_cycle(*Q1, cadence, "Q1")


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(1, 1, 1), date(1, 3, 31)), (date(9999, 10, 1), date(9999, 12, 31))],
)
def test_cycles_at_the_edges_of_the_calendar_are_refused(start, end):
    with pytest.raises(CadenceError, match="between"):
        plan_cycle(start, end, Cadence(daily_alignment=True), "Odd")


def test_a_cycle_must_end_after_it_starts():
    with pytest.raises(CadenceError, match="end after"):
        plan_cycle(date(2027, 1, 1), date(2027, 1, 1), Cadence(), "Q1")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2027, 12, 15), 1, date(2028, 1, 15)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


def test_describe_says_when_each_event_happens():
    words = describe(Cadence(check_in_days=7, daily_alignment=True, daily_weekdays=(0, 2)))

    assert words[CHECK_IN] == "Every week, Tuesday at 10:00, 30 min"
    assert words[REVIEW] == "Every month, on the last Tuesday of the period, 10:00, 60 min"
    assert words[DAILY] == "Mon, Wed at 09:30, 15 min"
    assert words[PLANNING] == "Opens 2 weeks before the cycle starts"
    assert describe(Cadence())[CHECK_IN].startswith("Every 2 weeks")
    assert describe(Cadence())[DAILY] == "Off: the team decides"


def test_a_team_holds_daily_alignment_only_by_its_own_choice():
    suggested = Cadence(daily_alignment=True, daily_weekdays=(0, 2, 4))
    assert not team_cadence(suggested, {}).daily_alignment
    assert not team_cadence(suggested, {"check_in_days": 7}).daily_alignment
    assert not team_cadence(suggested, {"daily_alignment": False}).daily_alignment
    chosen = team_cadence(Cadence(), {"daily_alignment": True})
    assert chosen.daily_alignment and chosen.daily_weekdays == Cadence().daily_weekdays
    assert team_cadence(suggested, {"daily_alignment": True}).daily_weekdays == (0, 2, 4)
