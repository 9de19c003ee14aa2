"""Every change to objectives, key results and check-ins is recorded: who, when, before, after."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from okrs.api.tests.conftest import ApiClient
from okrs.exchange.tests.test_exchange import FILE
from okrs.objectives.actions import record_check_in, update_key_result, update_objective
from okrs.objectives.history import objective_history
from okrs.objectives.models import CheckIn, KeyResult, Objective


def test_history_tables_carry_the_organisation(world):
    objective = world.objective()
    record_check_in(objective.key_results.first(), 30000, 6, author=world.alice)
    for model in (Objective, KeyResult, CheckIn):
        assert model.history.model._meta.get_field("organization").column == "organization_id"
        assert set(model.history.values_list("organization_id", flat=True)) == {world.org.pk}


def test_a_web_check_in_is_recorded_with_the_signed_in_person(client, world):
    kr = world.objective().key_results.first()
    response = signed_in(world.alice, client).post(
        reverse("check-in", args=[kr.pk]), {"value": 42000, "confidence": 7}
    )
    assert response.status_code in (200, 302)
    record = CheckIn.history.get(key_result_id=kr.pk)
    assert (record.history_type, record.history_user, record.value) == ("+", world.alice, 42000)


def test_an_api_change_is_recorded_with_the_token_person_and_both_values(world):
    objective = world.objective(title="Make clean water a household topic")
    response = ApiClient(world.alice).patch(
        f"/objectives/{objective.pk}", {"title": "Make clean water everyone's topic"}
    )
    assert response.status_code == 200
    latest = objective.history.first()
    assert latest.history_user == world.alice
    delta = latest.diff_against(latest.prev_record, excluded_fields=["version"])
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("title", "Make clean water a household topic", "Make clean water everyone's topic")
    ]


def test_imports_are_recorded_without_a_person(tmp_path, db):
    path = tmp_path / "okrs.yaml"
    path.write_text(FILE)
    call_command("import", str(path))
    assert Objective.history.exists()
    assert set(Objective.history.values_list("history_user", flat=True)) == {None}
    assert set(CheckIn.history.values_list("history_user", flat=True)) == {None}


def test_the_change_log_says_who_changed_what_from_what_to_what(world):
    objective = world.objective(title="Old title")
    kr = objective.key_results.first()
    objective._history_user = world.alice
    update_objective(objective, title="New title", status="achieved")
    kr._history_user = world.bob
    update_key_result(kr, target=120000)
    record_check_in(kr, 50000, 8, author=world.bob)
    entries = objective_history(objective)
    lines = [f"{e.who()} {e.summary()}" for e in entries]
    kr_title = "“Grow petition signatures from 20,000 to 100,000”"
    assert lines[0] == f"The system checked in 50,000 on {kr_title} (confidence 8/10)"
    assert lines[1] == f"Bob Roe changed the target from “100,000” to “120,000” of {kr_title}"
    assert lines[2] == (
        "Alice Doe changed the status from “Active” to “Achieved”;"
        " changed the title from “Old title” to “New title”"
    )
    assert lines[-1] == "The system created the objective"
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)


def test_saving_without_changes_records_nothing(world):
    objective = world.objective()
    before = objective.history.count()
    update_objective(objective, title=objective.title)
    assert objective.history.count() == before


def test_the_objective_page_shows_the_history_in_a_fixed_number_of_queries(client, world):
    objective = world.objective(title="Old title")
    signed_in(world.alice, client)
    ApiClient(world.alice).patch(f"/objectives/{objective.pk}", {"title": "New title"})
    url = reverse("objective", args=[objective.pk])
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "Alice Doe</strong> changed the title from “Old title” to “New title”" in page
    kr = objective.key_results.first()
    for n in range(30):
        record_check_in(kr, 20000 + n, 5, author=world.bob)
        update_key_result(kr, target=100000 + n)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(few) == len(many)
    assert page.count('<li>\n    <div class="history-head">') == 10  # the latest; a link to all
    assert "Show all changes" in page
