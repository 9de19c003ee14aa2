"""The demo organisation as it stands in the middle of a quarter: its teams, OKRs and history."""

import itertools
from collections import Counter
from datetime import date, timedelta

import pytest
import time_machine
from django.conf import global_settings
from django.db import transaction
from django.db.models import Count, Max
from django.test import Client, override_settings

from okrs.cycles.models import Cycle
from okrs.demo.content import DEMO_PASSWORD
from okrs.demo.loader import load_demo
from okrs.kpis.models import KPI
from okrs.objectives.models import Alignment, CheckIn, KeyResult, Objective
from okrs.objectives.scorecards import scorecards_for
from okrs.organizations.models import Membership, Team
from tests.calendar import at_ten

TODAY = date(2026, 5, 20)  # A Wednesday, seven weeks into the second quarter.


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Build the demo once for the module's read-only tests; roll it back afterwards."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        time_machine.travel(at_ten(TODAY)),
        transaction.atomic(),
    ):
        yield load_demo(TODAY)
        transaction.set_rollback(True)


def active_objectives(demo):
    """Return the demo's active objectives (the draft and the closed quarter left out)."""
    return Objective.objects.of(demo).filter(status=Objective.State.ACTIVE)


def test_demo_has_company_strategic_and_tactical_teams(db, demo):
    levels = Counter(Team.objects.of(demo).values_list("level", flat=True))
    assert levels == {"company": 1, "strategic": 4, "tactical": 9}
    tactical = Team.objects.of(demo).filter(level="tactical").select_related("parent")
    assert {team.parent.level for team in tactical} == {"strategic"}


def test_every_tactical_team_has_a_lead_and_two_to_four_people(db, demo):
    for team in Team.objects.of(demo).filter(level="tactical"):
        roles = list(Membership.objects.filter(team=team).values_list("role", flat=True))
        assert 2 <= len(roles) <= 4, team.name
        assert roles.count(Membership.TeamRole.LEAD) == 1, team.name


def test_demo_people_sign_in_with_the_demo_password(db, demo, settings):
    settings.PASSWORD_HASHERS = [*FAST_HASHERS, *global_settings.PASSWORD_HASHERS]
    for email in ["admin@example.com", "alice@example.com", "erin@example.com"]:
        assert Client().login(username=email, password=DEMO_PASSWORD), email
    assert not Client().login(username="admin@example.com", password="wrong-password")
    assert demo.people.get(email="admin@example.com").role == "admin"
    assert demo.people.get(email="dave@example.com").role == "okr-leader"


def test_demo_has_an_active_year_a_closed_and_an_active_quarter(db, demo):
    cycles = {cycle.name: cycle for cycle in Cycle.objects.of(demo)}
    assert set(cycles) == {"2026", "2026-Q1", "2026-Q2"}
    assert cycles["2026"].state == Cycle.State.ACTIVE
    assert cycles["2026-Q1"].state == Cycle.State.CLOSED
    assert cycles["2026-Q2"].state == Cycle.State.ACTIVE
    assert cycles["2026-Q1"].parent == cycles["2026-Q2"].parent == cycles["2026"]
    assert (cycles["2026-Q2"].start, cycles["2026-Q2"].end) == (date(2026, 4, 1), date(2026, 6, 30))


def test_closed_quarter_is_graded_on_every_objective_and_key_result(db, demo):
    closed = Objective.objects.of(demo).filter(cycle__name="2026-Q1")
    assert closed.count() == 8
    assert {o.status for o in closed} <= {Objective.State.CLOSED, Objective.State.ACHIEVED}
    assert Objective.State.ACHIEVED in {o.status for o in closed}
    assert all(0 <= o.grade <= 10 for o in closed)
    grades = KeyResult.objects.filter(objective__in=closed).values_list("grade", flat=True)
    assert grades and all(grade is not None and 0 <= grade <= 10 for grade in grades)


def test_closed_quarter_key_results_have_a_weekly_history(db, demo):
    key_results = KeyResult.objects.filter(objective__cycle__name="2026-Q1").annotate(
        n=Count("check_ins")
    )
    assert all(kr.n >= 10 for kr in key_results)
    days = sorted(
        CheckIn.objects.filter(key_result=key_results[0]).values_list("checked_in_at", flat=True)
    )
    gaps = [later - earlier for earlier, later in itertools.pairwise(days)]
    assert all(timedelta(days=6) < gap < timedelta(days=8) for gap in gaps)


def test_every_objective_below_the_company_aligns_upwards_the_draft_too(db, demo):
    aligned = set(Alignment.objects.of(demo).values_list("child_id", flat=True))
    below_company = Objective.objects.of(demo).exclude(team__level="company")
    current = below_company.exclude(cycle__state=Cycle.State.CLOSED)
    assert all(o.pk in aligned for o in current)
    draft = current.get(status=Objective.State.DRAFT)
    assert draft.cycle.name == "2026-Q2"
    assert not CheckIn.objects.filter(key_result__objective=draft).exists()


def test_every_team_holds_one_objective_per_cycle_the_company_too(db, demo):
    objectives = Objective.objects.of(demo)
    assert objectives.filter(team__level="company", cycle__name="2026").count() == 1
    per_team = objectives.values("team", "cycle")
    assert {row["n"] for row in per_team.annotate(n=Count("id"))} == {1}
    assert per_team.filter(team__level="strategic", cycle__name="2026").count() == 4


def test_key_results_follow_the_practice(db, demo):
    key_results = KeyResult.objects.of(demo)
    per_objective = Counter(key_results.values_list("objective_id", flat=True))
    assert all(2 <= n <= 4 for n in per_objective.values())
    directions = {kr.effective_direction() for kr in key_results}
    assert {"increase", "decrease", "stay-above"} <= directions
    assert key_results.filter(type="binary", start=0, target=1).count() >= 2
    assert {"leading", "lagging"} <= set(key_results.values_list("indicator", flat=True))
    assert {"output", "outcome"} <= set(key_results.values_list("kind", flat=True))
    balancing = key_results.get(balancing=True)
    assert any(
        kr.effective_direction() == "decrease" and "cost" in kr.title.lower()
        for kr in balancing.objective.key_results.all()
    )


def test_demo_shares_links_and_aims_for_the_moon(db, demo):
    objectives = Objective.objects.of(demo)
    assert objectives.filter(contributing_teams__isnull=False).exists()
    assert objectives.filter(ambition="moonshot").exists()
    linked = KeyResult.objects.of(demo).filter(linked_objective__isnull=False)
    assert linked.exists()
    for key_result in linked.select_related("objective__team", "linked_objective__team"):
        assert key_result.objective.team.level == "strategic"
        assert key_result.linked_objective.team.parent_id == key_result.objective.team_id
    assert all("We believe that by achieving" in o.hypothesis for o in objectives)
    assert not any(char.isdigit() for o in objectives for char in o.title)


def test_current_value_is_the_latest_check_in(db, demo):
    checked = KeyResult.objects.of(demo).filter(check_ins__isnull=False).distinct()
    assert checked.count() > 50
    for key_result in checked:
        latest = key_result.check_ins.order_by("-checked_in_at").first()
        assert key_result.current == latest.value
        assert key_result.confidence == latest.confidence
        assert key_result.checked_in_at == latest.checked_in_at


def test_check_ins_stay_in_the_past_and_some_carry_notes(db, demo):
    newest = CheckIn.objects.of(demo).aggregate(Max("checked_in_at"))["checked_in_at__max"]
    assert newest.date() < TODAY
    with_notes = CheckIn.objects.of(demo).exclude(progress_note="")
    assert with_notes.exclude(problems_note="").exclude(plans_note="").count() >= 5
    assert len(set(CheckIn.objects.of(demo).values_list("confidence", flat=True))) >= 5


def test_active_objectives_show_a_mix_of_statuses(db, demo):
    objectives = list(active_objectives(demo).select_related("cycle", "team"))
    cards = scorecards_for(objectives, demo.score_scale, TODAY).values()
    found = Counter(card.status for card in cards)
    assert found["on-track"] >= 3
    assert found["at-risk"] >= 2
    assert found["off-track"] >= 1


def test_a_few_key_results_are_due_a_check_in(db, demo):
    key_results = KeyResult.objects.filter(objective__in=active_objectives(demo))
    ages = {kr.title: TODAY - kr.checked_in_at.date() for kr in key_results}
    window = timedelta(days=demo.practice().check_in_days)
    overdue = [title for title, age in ages.items() if age > window]
    assert 1 <= len(overdue) <= 2
    assert all(age <= timedelta(days=7) for title, age in ages.items() if title not in overdue)


def test_kpis_have_weekly_measurements_and_one_is_unhealthy(db, demo):
    kpis = KPI.objects.of(demo).annotate(n=Count("measurements"))
    assert 4 <= len(kpis) <= 6
    assert len({kpi.team_id for kpi in kpis}) >= 3
    assert all(kpi.n >= 12 for kpi in kpis)
    for kpi in kpis:
        newest = kpi.measurements.first()
        assert (kpi.latest_value, kpi.latest_measured_at) == (newest.value, newest.measured_at)
    assert [kpi.name for kpi in kpis if not kpi.is_healthy()] == ["Donor churn"]
