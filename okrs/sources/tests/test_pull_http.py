"""HTTP sources read real answers shaped like GitHub's, Jira's, Prometheus's and a CSV sheet."""

from datetime import timedelta

from okrs import clock
from okrs import clock as okrs_clock
from okrs.objectives.models import CheckIn
from okrs.sources.models import Source
from okrs.sources.pull import pull_due
from okrs.sources.sealing import unseal

from .conftest import http_source


def test_github_search_count_becomes_a_check_in_from_the_source(answers, signatures):
    http_source(signatures, answers.base + "/search/issues?q=is%3Aopen")
    summary = pull_due(clock.now())
    assert (summary.recorded, summary.failed) == (1, 0)
    check_in = CheckIn.objects.get(key_result=signatures)
    assert (check_in.value, check_in.source, check_in.author) == (42, "GitHub open bugs", None)
    signatures.refresh_from_db()
    assert signatures.current == 42


def test_a_reading_keeps_the_last_human_confidence_and_the_owner_is_still_asked(
    answers, signatures, world
):
    from okrs.objectives.actions import record_check_in

    human = record_check_in(signatures, 30000, 3, author=world.alice)
    http_source(signatures, answers.base + "/rest/api/2/search", name="Jira", path="$.total")
    pull_due(clock.now())
    reading = CheckIn.objects.get(key_result=signatures, source="Jira")
    assert (reading.value, reading.confidence) == (17, 3)
    signatures.refresh_from_db()
    assert signatures.current == 17
    assert signatures.checked_in_at == human.checked_in_at  # the cadence still counts from Alice


def test_prometheus_instant_query_value_is_read(answers, signatures):
    http_source(signatures, answers.base + "/api/v1/query?query=up", path="$.data.result[0].value")
    pull_due(clock.now())
    assert CheckIn.objects.get(key_result=signatures).value == 99.95


def test_csv_is_read_by_column_and_row(answers, signatures):
    http_source(
        signatures, answers.base + "/sheet.csv", format="csv", column="signups", row=-1, path=""
    )
    pull_due(clock.now())
    assert CheckIn.objects.get(key_result=signatures).value == 135


def test_the_auth_header_is_stored_encrypted_and_sent(answers, signatures):
    from okrs.sources.actions import set_source

    set_source(
        signatures,
        auth_header_value="Bearer ghp_secret",
        name="GitHub",
        kind="http",
        url=answers.base + "/search/issues",
        path="$.total_count",
        auth_header_name="Authorization",
    )
    stored = Source.objects.get(key_result=signatures)
    assert "ghp_secret" not in stored.auth_header_sealed
    assert unseal(stored.auth_header_sealed) == "Bearer ghp_secret"
    pull_due(clock.now())
    assert answers.requests[-1]["headers"]["Authorization"] == "Bearer ghp_secret"


def test_a_source_is_pulled_once_per_slot(answers, signatures, clock):
    http_source(signatures, answers.base + "/search/issues", schedule="hourly")
    now = okrs_clock.now()
    assert pull_due(now).recorded == 1
    assert pull_due(now + timedelta(minutes=5)).recorded == 0
    clock.move_to(now + timedelta(hours=1))
    assert pull_due(okrs_clock.now()).recorded == 1
    assert CheckIn.objects.filter(key_result=signatures).count() == 2


def test_a_path_that_finds_nothing_is_a_failure_with_a_clear_error(answers, signatures):
    source = http_source(signatures, answers.base + "/search/issues", path="$.nope")
    summary = pull_due(clock.now())
    assert summary.failed == 1
    source.refresh_from_db()
    assert source.last_error == "$.nope finds nothing in the answer."
    assert source.failures_in_row == 1
    assert not CheckIn.objects.filter(key_result=signatures).exists()


def test_an_answer_over_the_size_bound_is_refused(answers, signatures):
    answers.routes["/big"] = (200, b'{"n": 1, "pad": "' + b"x" * (2 * 1024 * 1024) + b'"}', {})
    source = http_source(signatures, answers.base + "/big", path="$.n")
    pull_due(clock.now())
    source.refresh_from_db()
    assert "larger than 1024 KB" in source.last_error


def test_okrs_pull_sources_runs_the_due_pulls_once(answers, signatures):
    from io import StringIO

    from django.core.management import call_command

    http_source(signatures, answers.base + "/search/issues")
    out = StringIO()
    call_command("pull-sources", stdout=out)
    assert out.getvalue().strip() == "Pulled sources: 1 recorded, 0 failed, 0 owners told."
    assert CheckIn.objects.get(key_result=signatures).value == 42


def test_a_first_reading_before_any_human_check_in_counts_with_the_starting_confidence(
    answers, signatures
):
    http_source(signatures, answers.base + "/search/issues")
    pull_due(clock.now())
    signatures.refresh_from_db()
    assert (signatures.current, signatures.confidence) == (42, 5)
    assert signatures.checked_in_at is not None


def test_the_change_log_names_the_source_of_a_reading(answers, signatures, growth):
    from okrs.objectives.history import objective_history

    http_source(signatures, answers.base + "/search/issues?q=is%3Aopen")
    pull_due(clock.now())
    reading = next(e for e in objective_history(growth) if e.subject == "check-in")
    assert f"{reading.who()} {reading.summary()}".startswith(
        "The source “GitHub open bugs” checked in 42 on “Grow petition signatures"
    )
