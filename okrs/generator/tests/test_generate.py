"""`okrs generate` builds a realistic organisation, the same for the same seed, and it renders."""

import os
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from okrs.api.actions import create_token
from okrs.cycles.models import Cycle
from okrs.domain.coach import lint_objective
from okrs.domain.progress import is_achieved
from okrs.evaluation.scoring import computed_score, cycle_cards
from okrs.generator.build import GenerateError, Plan, generate
from okrs.generator.command import Command
from okrs.generator.synthetic.shape import strategic_count
from okrs.objectives.coaching import objective_doc_from_model
from okrs.objectives.models import Alignment, CheckIn, Contribution, KeyResult, Objective
from okrs.organizations.models import Membership, Organization, Person, Role, Team
from okrs.organizations.visibility import visibility_filter

OKRS = [sys.executable, "-m", "okrs.cli"]
TODAY = date(2027, 2, 10)  # six weeks into 2027-Q1


def small(**fields) -> Plan:
    """Return the plan of a small organisation: 12 teams of 4 people, two quarters."""
    values = {"teams": 12, "cycles": 2, "people_per_team": 4, "today": TODAY, "progress": False}
    return Plan(**{**values, **fields})


@pytest.mark.parametrize(("teams", "strategic"), [(2000, 50), (200, 5), (20, 2), (5, 1), (3, 1)])
def test_one_strategic_team_in_forty(teams, strategic):
    assert strategic_count(teams) == strategic


@pytest.mark.django_db
def test_teams_people_and_roles_per_level():
    done = generate(small())
    org = done.organization
    levels = Counter(Team.objects.of(org).values_list("level", flat=True))
    assert (org.slug, org.name) == ("scale", "Scale Org")
    assert levels == {"company": 1, "strategic": 2, "tactical": 9}
    for team in Team.objects.of(org).select_related("parent"):
        expected_parent = {"company": None, "strategic": "company", "tactical": "strategic"}
        assert (team.parent.level if team.parent else None) == expected_parent[team.level]
    assert Person.objects.filter(organization=org).count() == done.people == 48
    assert set(Membership.objects.of(org).values_list("person", flat=True).distinct()) == set(
        Person.objects.filter(organization=org).values_list("pk", flat=True)
    )
    assert Membership.objects.of(org).count() == 48
    leads = Counter(Membership.objects.of(org).filter(role="lead").values_list("team", flat=True))
    assert len(leads) == 12 and set(leads.values()) == {1}
    admin = Person.objects.get(email="admin@scale.test")
    assert admin.role == Role.ADMIN and admin.check_password("scale-admin-password")
    roles = set(Person.objects.filter(organization=org).values_list("role", flat=True))
    assert {Role.ADMIN, Role.OKR_LEADER, Role.OKR_PRACTITIONER} <= roles


@pytest.mark.django_db
def test_quarters_end_with_the_current_one_inside_their_years():
    org = generate(small(cycles=3)).organization
    cycles = {c.name: c for c in Cycle.objects.of(org).select_related("parent")}
    assert set(cycles) == {"2026", "2027", "2026-Q3", "2026-Q4", "2027-Q1"}
    assert cycles["2027-Q1"].state == "active" and cycles["2027"].state == "active"
    assert {cycles[n].state for n in ("2026", "2026-Q3", "2026-Q4")} == {"closed"}
    assert cycles["2026-Q4"].parent == cycles["2026"]
    assert not Objective.objects.filter(cycle__kind="annual").exists()


@pytest.mark.django_db
def test_about_three_objectives_a_team_with_two_to_five_key_results():
    done = generate(small(teams=40))
    per_objective = Counter(KeyResult.objects.of(done.organization).values_list("objective"))
    assert 2.5 <= done.objectives / (40 * 2) <= 3.5
    assert set(per_objective.values()) <= {2, 3, 4, 5}
    assert done.key_results == sum(per_objective.values())
    kinds = Counter(KeyResult.objects.of(done.organization).values_list("type", "direction"))
    assert {("metric", "increase"), ("metric", "decrease"), ("binary", "")} <= set(kinds)
    titles = list(Objective.objects.of(done.organization).values_list("title", flat=True))
    assert len(set(titles)) > len(titles) / 3
    assert not [t for t in titles if t.lower().startswith("objective")]


def _snapshot(org) -> list:
    """Return what the seed decides: titles, numbers and check-ins, in creation order."""
    key_results = KeyResult.objects.of(org).order_by("pk")
    check_ins = CheckIn.objects.of(org).order_by("key_result_id", "checked_in_at")
    return [
        list(Team.objects.of(org).order_by("pk").values_list("name", "level"))[1:],
        list(Objective.objects.of(org).order_by("pk").values_list("title", "status", "grade")),
        list(key_results.values_list("title", "start", "target", "current", "confidence")),
        list(check_ins.values_list("value", "confidence", "progress_note", "checked_in_at")),
    ]


@pytest.mark.django_db
def test_same_seed_gives_the_same_organisation():
    first = _snapshot(generate(small(slug="first")).organization)
    second = _snapshot(generate(small(slug="second")).organization)
    other = _snapshot(generate(small(slug="other", seed=2)).organization)
    assert first == second
    assert first[1] != other[1]


@pytest.mark.django_db
def test_key_result_fields_are_those_of_its_last_check_in():
    org = generate(small()).organization
    latest = {}
    for check_in in CheckIn.objects.of(org).order_by("checked_in_at", "pk"):
        latest[check_in.key_result_id] = check_in
    checked = 0
    for kr in KeyResult.objects.of(org):
        last = latest.get(kr.pk)
        if last is None:
            assert (kr.current, kr.confidence, kr.checked_in_at) == (kr.start, None, None)
            continue
        assert (kr.current, kr.confidence, kr.checked_in_at) == (
            last.value,
            last.confidence,
            last.checked_in_at,
        )
        checked += 1
    assert checked > 0
    assert not CheckIn.objects.of(org).filter(checked_in_at__date__gte=TODAY).exists()


@pytest.mark.django_db
def test_alignment_goes_one_level_up_within_the_cycle():
    org = generate(small(teams=30)).organization
    links = Alignment.objects.of(org).select_related("child__team", "parent__team")
    assert links.count() > 0
    for link in links:
        assert link.child.cycle_id == link.parent.cycle_id
        assert link.child.team.parent_id == link.parent.team_id
    tactical = Objective.objects.of(org).filter(team__level="tactical", status="active")
    assert tactical.filter(parent_links__isnull=True).count() < tactical.count() / 10
    for contribution in Contribution.objects.of(org).select_related("objective__team", "team"):
        assert contribution.team != contribution.objective.team
        assert contribution.team.parent_id == contribution.objective.team.parent_id
    linked = KeyResult.objects.of(org).filter(linked_objective__isnull=False)
    for kr in linked.select_related("objective"):
        assert Alignment.objects.filter(child=kr.linked_objective_id, parent=kr.objective).exists()


@pytest.mark.django_db
def test_closed_quarters_are_graded_as_closing_grades_them():
    org = generate(small(teams=30)).organization
    closed = Cycle.objects.of(org).get(name="2026-Q4")
    cards = cycle_cards(closed)
    assert cards and not Objective.objects.filter(cycle=closed, status="active").exists()
    for card in cards:
        objective = card.objective
        assert objective.grade == computed_score(card.progress)
        achieved = is_achieved(objective.grade / 10, objective.ambition)
        assert objective.status == ("achieved" if achieved else "closed")
        for kr_card in card.key_results:
            assert kr_card.key_result.grade == computed_score(kr_card.progress)
    statuses = Counter(o.status for o in Objective.objects.filter(cycle=closed))
    assert statuses["achieved"] and statuses["closed"]
    current = Objective.objects.of(org).filter(cycle__name="2027-Q1")
    assert not current.exclude(grade=None).exists()


@pytest.mark.django_db
def test_constraints_hold_and_the_rows_validate():
    org = generate(small()).organization
    connection.check_constraints()
    for objective in Objective.objects.of(org):
        objective.full_clean()
    for kr in KeyResult.objects.of(org):
        kr.full_clean()
    assert not CheckIn.objects.of(org).exclude(confidence__range=(0, 10)).exists()


@pytest.mark.django_db
def test_most_drafts_pass_the_coach():
    org = generate(small(teams=30)).organization
    objectives = Objective.objects.of(org).select_related("team").prefetch_related("key_results")
    clean = 0
    for objective in objectives:
        found = lint_objective(objective_doc_from_model(objective), level=objective.team.level)
        clean += not [f for f in found if f.severity != "info"]
    assert 0.6 <= clean / len(objectives) <= 0.97


@pytest.mark.django_db
def test_generated_pages_render_for_the_admin():
    org = generate(small(teams=20, today=None, people_per_team=3)).organization
    client = Client()
    signed_in = client.post(
        "/login/", {"username": "admin@scale.test", "password": "scale-admin-password"}
    )
    assert signed_in.status_code == 302
    team = Team.objects.of(org).filter(level="tactical").first()
    objective = Objective.objects.of(org).filter(team=team).first()
    pages = ["/", "/tree/", f"/teams/{team.slug}/", f"/objectives/{objective.pk}/", "/dashboard/"]
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert objective.title in client.get(f"/objectives/{objective.pk}/").content.decode()
    current = Cycle.objects.of(org).get(kind="quarter", state="active")
    token = create_token(Person.objects.get(email="admin@scale.test"), "tree")[1]
    response = client.get(f"/api/v1/cycles/{current.pk}/tree", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    admin = Person.objects.get(email="admin@scale.test")
    seen = Objective.objects.filter(cycle=current).filter(visibility_filter(admin))
    shown = seen.exclude(status="abandoned").count()  # a team's unshared drafts stay its own
    assert response.json()["objectives"] == shown and response.json()["roots"]


@pytest.mark.django_db
def test_a_second_run_is_refused_without_replace():
    generate(small())
    with pytest.raises(GenerateError, match="already exists; add --replace"):
        generate(small())
    first = Organization.objects.get(slug="scale").pk
    done = generate(small(replace=True, seed=3))
    assert done.organization.pk != first
    assert not Team.objects.filter(organization_id=first).exists()
    assert Person.objects.filter(email__endswith="@scale.test").count() == done.people
    assert CheckIn.objects.count() == done.check_ins


@pytest.mark.django_db
def test_the_command_says_what_is_wrong():
    args = ["--teams", "6", "--cycles", "1", "--people-per-team", "2", "--no-progress"]
    call_command(Command(), *args, "--today", "2027-02-10")
    with pytest.raises(CommandError, match="already exists"):
        call_command(Command(), *args)
    with pytest.raises(CommandError, match="--teams must be at least 3"):
        call_command(Command(), "--teams", "2", "--organization", "tiny")
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command(Command(), "--today", "yesterday")


@pytest.mark.server
@pytest.mark.django_db(transaction=True)
def test_okrs_generate_runs_from_the_console_script(tmp_path):
    env = {**os.environ, "OKRS_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    else:
        subprocess.run([*OKRS, "migrate", "-v0"], env=env, check=True, timeout=300)
    args = [*OKRS, "generate", "--teams", "4", "--cycles", "1", "--people-per-team", "2"]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Sign in as admin@scale.test with the password scale-admin-password" in done.stdout
    again = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 2
    assert "already exists; add --replace" in again.stderr
