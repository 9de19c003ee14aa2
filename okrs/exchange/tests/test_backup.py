"""`okrs backup` and `okrs restore`: every row comes back, exactly, or nothing does."""

import gzip
import json
import os
import subprocess
import sys
import uuid
from datetime import date, datetime, time, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from okrs.administration.invitations import invite_person
from okrs.administration.orgchart import keep_upload
from okrs.administration.scim.provisioning import PersonChange, provision_person, provision_team
from okrs.administration.scim.tokens import create_scim_token
from okrs.api.actions import create_token
from okrs.cadence.models import CadenceSettings, CalendarFeed
from okrs.chat.actions import (
    claim_digest,
    install_chat_app,
    set_digest_preference,
    set_team_channel,
)
from okrs.demo.content import DEMO_PASSWORD
from okrs.demo.loader import load_demo
from okrs.evaluation.models import (
    Decision,
    Evaluation,
    EvaluationScore,
    HypothesisVerdict,
    Review,
)
from okrs.exchange.backup import (
    backed_up_models,
    organization_rows,
    read_backup,
    write_backup,
)
from okrs.health.models import PulseAnswer, PulseReceipt
from okrs.kpis.models import KPI
from okrs.kpis.responses import link_kpi
from okrs.objectives.actions import record_check_in
from okrs.objectives.models import CheckIn, DraftCoach, KeyResult, KeyResultPlan, Objective
from okrs.organizations.audit import record_change
from okrs.organizations.models import Organization, Person, Team
from okrs.planning.models import CandidateObjective, PlanningSession, TeamPlanningNote
from okrs.reminders.models import ReminderLog, ReminderSettings, UsedLink
from okrs.sources.actions import receive_push, set_source
from okrs.webhooks.models import Delivery, Endpoint

ON = date(2026, 1, 15)  # early in the year: a short demo history keeps these tests quick
OKRS = [sys.executable, "-m", "okrs.cli"]

# Tables that hold no organisation's data, and why they stay out of backups (docs/backup.md).
NOT_BACKED_UP = {
    "admin.logentry",  # Django admin's log, keyed by content-type ids of one database
    "auth.group",  # shared by the whole installation; people's groups are kept by name
    "auth.group_permissions",
    "auth.permission",  # made by `okrs migrate`
    "contenttypes.contenttype",  # made by `okrs migrate`
    "sessions.session",  # everyone signs in again after a restore
}
# Sign-in attempts and lockouts; the worker's schedule and task queue (it starts afresh).
NOT_BACKED_UP_APPS = {"axes", "worker", "django_tasks_database"}


def every_model():
    """Return every model of the installation, many-to-many tables included."""
    return apps.get_models(include_auto_created=True)


def all_rows(organization=None) -> dict:
    """Return every row of every backed-up model (one organisation's when given), all fields."""
    rows = {}
    for model in every_model():
        if model not in backed_up_models():
            continue
        query = organization_rows(model, organization)
        columns = [f.attname for f in model._meta.concrete_fields]
        rows[model._meta.label_lower] = list(query.values_list(*columns))
    return rows


def delete_rows(organization=None) -> None:
    """Delete the organisation's rows (all rows when None) from every backed-up table."""
    with transaction.atomic():
        for model in reversed(backed_up_models()):
            organization_rows(model, organization)._raw_delete("default")


def fill_every_table(organization: Organization) -> None:
    """Give the tables the demo leaves empty a row or two, so that the round trip covers them."""
    admin = Person.objects.get(organization=organization, email="admin@example.com")
    team = Team.objects.of(organization).filter(level="tactical").order_by("pk").first()
    other = Team.objects.of(organization).filter(level="tactical").order_by("pk").last()
    objective = Objective.objects.of(organization).filter(team=team).order_by("pk").first()
    key_result = objective.key_results.order_by("pk").first()
    open_key_result = KeyResult.objects.of(organization).exclude(objective__cycle__state="closed")
    pushed = set_source(open_key_result.order_by("pk").first(), name="Nightly job", kind="push")
    receive_push(pushed.source, 12, "pushed by the nightly job", "night-1")
    cycle = objective.cycle
    now = timezone.now()
    auditors = Group.objects.create(name="auditors")
    admin.groups.add(auditors)
    admin.user_permissions.add(Permission.objects.get(codename="view_objective"))
    create_token(admin, "sync")
    record_change(organization, admin, "team.renamed", "Renamed a team", team=team, was="Old")
    link_kpi(KPI.objects.of(organization).order_by("pk").first(), objective, by=admin)
    endpoint = Endpoint.objects.create(
        organization=organization,
        url="https://hooks.example.com/okrs",
        secret="s" * 32,
        events=["checkin.created"],
        created_by=admin,
    )
    Delivery.objects.create(
        organization=organization, endpoint=endpoint, event="checkin.created", payload={"a": 1.5}
    )
    CadenceSettings.objects.create(
        organization=organization, team=team, check_in_days=7, check_in_time=time(9, 30)
    )
    CalendarFeed.objects.create(organization=organization, team=team, created_by=admin)
    session = PlanningSession.objects.create(
        organization=organization, cycle=cycle, opened_at=now, opened_by=admin, message="Go"
    )
    session.strategic_objectives.add(objective)
    TeamPlanningNote.objects.create(
        organization=organization,
        cycle=cycle,
        team=team,
        kind="need",
        text="Data",
        other_team=other,
    )
    CandidateObjective.objects.create(
        organization=organization, team=team, title="Later", added_by=admin, promoted_to=objective
    )
    review = Review.objects.create(
        organization=organization, team=team, cycle=cycle, held_on=ON, facilitator=admin
    )
    review.invited.add(admin)
    Decision.objects.create(
        organization=organization, review=review, objective=objective, choice="keep"
    )
    HypothesisVerdict.objects.create(
        organization=organization,
        review=review,
        objective=objective,
        hypothesis="Weekly check-ins keep the focus",
        verdict="supported",
        decided_at=now,
    )
    evaluation = Evaluation.objects.create(
        organization=organization,
        team=team,
        cycle=cycle,
        worked="Weekly check-ins",
        improvement_plan="Invite the board to every review",
    )
    EvaluationScore.objects.create(
        organization=organization,
        evaluation=evaluation,
        objective=objective,
        key_result=key_result,
        score=6.5,
    )
    scores = dict(focus=4, alignment=3, commitment=5, tracking=2, stretching=4)
    PulseAnswer.objects.create(
        organization=organization, team=team, period=date(2026, 1, 1), **scores
    )
    PulseReceipt.objects.create(
        organization=organization, person=admin, team=team, period=date(2026, 1, 1)
    )
    ReminderSettings.objects.create(
        organization=organization, chat_webhook_url="https://chat.example.com/x", last_run_at=now
    )
    ReminderLog.objects.create(
        organization=organization, channel="email", person=admin, key_result_ids=[1], sent_at=now
    )
    UsedLink.objects.create(
        organization=organization, nonce=uuid.uuid4().hex, person=admin, key_result=key_result
    )
    create_scim_token(organization, "Okta", admin)
    install_chat_app(organization, admin, "slack", "T0DEMO", signing_secret="s", bot_token="b")
    set_team_channel(team, "C0DEMO", weekly_digest=True)
    set_digest_preference(admin, True)
    claim_digest(organization, now.date(), now, team=team)
    keep_upload(organization, admin, "people.csv", b"email,name\nnew@example.com,New\n", False)
    invite_person(organization, "guest@example.com", "Guest", teams=[team], by=admin)
    provision_person(organization, PersonChange(email="scim@example.com", external_id="00u1"))
    provision_team(organization, "Provisioned squad", external_id="00g1")
    DraftCoach.objects.create(
        organization=organization, objective=objective, person=admin, invited_by=admin
    )
    KeyResultPlan.objects.create(
        organization=organization,
        key_result=key_result,
        start=key_result.start,
        target=key_result.target,
        set_by=admin,
        reason="A re-plan",
    )


@pytest.fixture
def demo(db):
    """The demo organisation with a row in every table a backup holds."""
    organization = load_demo(ON)
    fill_every_table(organization)
    return organization


def test_every_table_is_backed_up_or_left_out_on_purpose():
    labels = {m._meta.label_lower for m in every_model()}
    backed_up = {m._meta.label_lower for m in backed_up_models()}
    left_out = {
        label for label in labels - backed_up if label.split(".")[0] not in NOT_BACKED_UP_APPS
    }
    assert left_out == NOT_BACKED_UP
    assert {"organizations.person_groups", "objectives.checkin"} <= backed_up


def test_demo_round_trips_every_row_and_new_rows_get_fresh_ids(demo, tmp_path):
    before = all_rows()
    assert [label for label, rows in before.items() if not rows] == []
    write_backup(tmp_path / "demo.json.gz", demo)
    delete_rows()
    assert not any(all_rows().values())
    call_command("restore", str(tmp_path / "demo.json.gz"), stdout=StringIO())
    assert all_rows() == before
    key_result = KeyResult.objects.of(demo).filter(objective__status="active").first()
    admin = Person.objects.get(email="admin@example.com")
    check_in = record_check_in(key_result, value=1, confidence=5, author=admin)
    assert check_in.pk > max(row[0] for row in before["objectives.checkin"]), "fresh ids"


def test_backup_holds_the_readable_document_and_a_header(demo, tmp_path):
    write_backup(tmp_path / "demo.json", demo)
    backup = json.loads((tmp_path / "demo.json").read_text())
    assert backup["format"] == "okrs-backup"
    assert backup["format_version"] == 1
    assert backup["okrs_version"]
    assert backup["scope"] == "demo"
    document = backup["documents"]["demo"]
    assert document["organization"] == demo.name
    assert {o["title"] for o in document["objectives"]} == set(
        Objective.objects.of(demo).values_list("title", flat=True)
    )
    assert backup["counts"]["objectives.checkin"] == CheckIn.objects.of(demo).count()
    assert (
        "password"
        in backup["rows"][[r["model"] for r in backup["rows"]].index("organizations.person")][
            "fields"
        ]
    )


def test_one_organisation_restores_while_another_is_untouched(demo, other_world, tmp_path):
    globex = other_world["org"]
    theirs = all_rows(globex)
    ours = all_rows(demo)
    write_backup(tmp_path / "demo.json.gz", demo)
    backup = read_backup(tmp_path / "demo.json.gz")
    assert [o["slug"] for o in backup["organizations"]] == ["demo"]
    assert not any(row["fields"].get("organization") == globex.pk for row in backup["rows"])
    delete_rows(demo)
    assert all_rows(globex) == theirs
    call_command("restore", str(tmp_path / "demo.json.gz"), stdout=StringIO())
    assert all_rows(demo) == ours
    assert all_rows(globex) == theirs


def test_restoring_over_existing_data_is_refused_and_changes_nothing(world, tmp_path):
    world.objective()
    write_backup(tmp_path / "acme.json.gz", None)
    Objective.objects.of(world.org).update(title="Changed after the backup")
    before = all_rows()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(tmp_path / "acme.json.gz"), stdout=StringIO())
    message = str(refused.value)
    assert "organizations.organization slug acme" in message
    assert "organizations.person email admin@acme.test" in message
    assert "Nothing was restored" in message
    assert all_rows() == before


def test_people_keep_their_groups_and_permissions_by_name(world, tmp_path):
    auditors = Group.objects.create(name="auditors")
    world.alice.groups.add(auditors)
    world.alice.user_permissions.add(Permission.objects.get(codename="view_objective"))
    write_backup(tmp_path / "acme.json", world.org)
    delete_rows(world.org)
    auditors.delete()
    call_command("restore", str(tmp_path / "acme.json"), stdout=StringIO())
    alice = Person.objects.get(email="alice@acme.test")
    assert [g.name for g in alice.groups.all()] == ["auditors"]
    assert alice.has_perm("objectives.view_objective")


def _cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _drop_a_row(path: Path) -> None:
    backup = json.loads(path.read_text())
    del backup["rows"][-1]
    path.write_text(json.dumps(backup))


def _dangling_reference(path: Path) -> None:
    backup = json.loads(path.read_text())
    last = max(
        (r for r in backup["rows"] if r["model"] == "objectives.keyresult"), key=lambda r: r["pk"]
    )
    last["fields"]["objective"] = 999999
    path.write_text(json.dumps(backup))


def _bad_value(path: Path) -> None:
    backup = json.loads(path.read_text())
    next(r for r in backup["rows"] if r["model"] == "objectives.keyresult")["fields"]["target"] = (
        "x"
    )
    path.write_text(json.dumps(backup))


def _not_a_backup(path: Path) -> None:
    path.write_text(json.dumps({"version": 1, "organization": "Acme"}))


@pytest.mark.parametrize(
    ("name", "damage", "says"),
    [
        ("cut.json.gz", _cut_short, "damaged or cut short"),
        ("cut.json", _cut_short, "is not a whole okrs backup"),
        ("short.json", _drop_a_row, "is incomplete"),
        ("dangling.json", _dangling_reference, "do not hold together"),
        ("bad.json", _bad_value, "cannot be read"),
        ("other.json", _not_a_backup, "is not an okrs backup"),
    ],
)
def test_a_damaged_file_is_refused_and_nothing_is_restored(world, tmp_path, name, damage, says):
    world.objective()
    path = tmp_path / name
    write_backup(path, world.org)
    damage(path)
    delete_rows()
    with pytest.raises(CommandError, match=says) as refused:
        call_command("restore", str(path), stdout=StringIO())
    assert "Nothing was restored" in str(refused.value)
    assert not any(all_rows().values())


def test_the_restored_demo_serves_its_pages(demo, client, tmp_path):
    write_backup(tmp_path / "demo.json.gz", demo)
    delete_rows()
    call_command("restore", str(tmp_path / "demo.json.gz"), stdout=StringIO())
    assert client.login(username="alice@example.com", password=DEMO_PASSWORD)
    objective = Objective.objects.of(demo).filter(status="active").first()
    for url in [reverse("home"), reverse("tree"), reverse("objective", args=[objective.pk])]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert objective.title in client.get(reverse("tree")).content.decode()


# Through the real commands, into another database, in subprocesses.


def _environment(data_dir: Path, database_url: str) -> dict:
    env = {**os.environ, "OKRS_DATA_DIR": str(data_dir), "DATABASE_URL": database_url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _okrs(args, env, expect=0) -> subprocess.CompletedProcess:
    done = subprocess.run([*OKRS, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == expect, done.stderr
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture
def two_databases(tmp_path):
    """Two empty databases of the kind under test: SQLite data directories or PostgreSQL ones."""
    if connection.vendor != "postgresql":
        yield [_environment(tmp_path / name, "") for name in ("source", "target")]
        return
    import psycopg

    s = connection.settings_dict
    server = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}"
    names = [f"okrs_backup_{name}_{uuid.uuid4().hex[:8]}" for name in ("source", "target")]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [_environment(tmp_path / name, f"{server}/{name}") for name in names]
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _rows_of(path: Path) -> list:
    with gzip.open(path, "rt") if path.suffix == ".gz" else path.open() as source:
        return json.load(source)["rows"]


SNAPSHOT_SCRIPT = """
import threading
from django.db import connections
from okrs.exchange.backup import read_snapshot
from okrs.organizations.actions import create_organization
from okrs.organizations.models import Organization

def write():
    create_organization("Written during the backup")
    connections.close_all()

create_organization("Before the backup")
with read_snapshot():
    before = Organization.objects.count()
    writer = threading.Thread(target=write)
    writer.start()
    writer.join()
    during = Organization.objects.count()
print(before, during, Organization.objects.count())
"""


@pytest.mark.server
def test_okrs_backup_and_restore_round_trip_into_another_database(two_databases, tmp_path):
    source, target = two_databases
    for env in (source, target):
        _okrs(["migrate", "--verbosity", "0"], env)
    _okrs(["demo", "--today", ON.isoformat()], source)
    written = _okrs(["backup", str(tmp_path / "demo.json.gz")], source)
    assert "Backed up every organisation" in written.stdout
    restored = _okrs(["restore", str(tmp_path / "demo.json.gz")], target)
    assert "Restored demo" in restored.stdout
    _okrs(["backup", str(tmp_path / "again.json"), "--organization", "demo"], target)
    assert _rows_of(tmp_path / "again.json") == _rows_of(tmp_path / "demo.json.gz")
    refused = _okrs(["restore", str(tmp_path / "demo.json.gz")], target, expect=2)
    assert "already holds rows of this backup" in refused.stderr
    missing = _okrs(["restore", str(tmp_path / "nowhere.json")], target, expect=2)
    assert "There is no file" in missing.stderr
    seen = _okrs(["shell", "--no-imports", "-c", SNAPSHOT_SCRIPT], source).stdout.split()
    assert seen == ["2", "2", "3"], "a write during the backup stays out of its snapshot"


def test_a_backup_is_written_whole_or_not_at_all(world, tmp_path):
    target = tmp_path / "missing-directory" / "demo.json"
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("backup", str(target), stdout=StringIO())
    assert list(tmp_path.iterdir()) == []
    call_command("backup", str(tmp_path / "demo.json"), stdout=StringIO())
    assert [p.name for p in tmp_path.iterdir()] == ["demo.json"]
    written_at = datetime.fromisoformat(read_backup(tmp_path / "demo.json")["created_at"])
    assert timezone.now() - timedelta(minutes=5) < written_at
