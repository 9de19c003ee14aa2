"""Schemathesis against the API's own OpenAPI document: no 5xx, and every answer as documented.

Generated calls go in-process to the WSGI app, inside the test's transaction, as the admin and as
Sam the stakeholder, and once more without a valid token. Invalid input (negative examples) must
be refused; workflows follow the document's links from a created row to reading, changing and
deleting it. `OKRS_FUZZ_EXAMPLES` sets the examples per operation and the workflows run (25 and
30 by default); `make fuzz` runs about 20,000 cases.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    use_after_free,
)

from okrs.api.actions import create_token
from okrs.kpis.actions import create_kpi, record_measurement
from okrs.objectives.actions import add_contributor, align, record_check_in

pytestmark = pytest.mark.walk  # a whole-organisation walk: make test runs it, test-fast not

# Hypothesis writes caches as soon as schemathesis builds the tests: keep them out of the tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "okrs-hypothesis")
HOST = "localhost"  # where schemathesis addresses in-process WSGI calls
APP = get_wsgi_application()
with override_settings(ALLOWED_HOSTS=[HOST]):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
    # Calls without a token end at authentication: a few fuzzed examples per operation cover them.
    anonymous_schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json",
        APP,
        config=schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}}),
    )
CHECKS = [
    not_a_server_error,
    negative_data_rejection,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


CALLS: dict[str, int] = {"calls": 0, "5xx": 0}


@pytest.fixture(autouse=True, scope="module")
def tally(request):
    """Report how many generated calls the run made (`make fuzz` states its size with it)."""
    yield CALLS
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nschemathesis: {CALLS['calls']} generated calls, {CALLS['5xx']} 5xx"
            )


def called(response) -> None:
    """Count a generated call and whether the server failed it."""
    CALLS["calls"] += 1
    CALLS["5xx"] += response.status_code >= 500


@pytest.fixture(autouse=True)
def host_allowed(settings):
    """Accept the host schemathesis calls, whatever OKRS_ALLOWED_HOSTS says."""
    settings.ALLOWED_HOSTS = [HOST]


@pytest.fixture
def seeded(world):
    """Give the world objectives, key results, check-ins and KPIs; return their ids by parameter."""
    company = world.objective(team=world.company, title="Every household has clean water")
    growth = world.objective(title="Make clean water a topic no household can ignore")
    support = world.objective(team=world.support, title="Answer every household within a day")
    align(growth, company)
    align(support, company)
    add_contributor(growth, world.support)
    for key_result in growth.key_results.all():
        record_check_in(key_result, key_result.start, 6, author=world.alice)
        record_check_in(
            key_result,
            key_result.target,
            8,
            author=world.alice,
            at=timezone.now() - timedelta(days=1),
        )
    kpi = create_kpi(world.support, "Tickets answered within a day", lower_bound=90, unit="%")
    record_measurement(kpi, 93.5)
    create_kpi(world.growth, "Newsletter opt-outs", upper_bound=2)
    objectives = [company.pk, growth.pk, support.pk]
    return {
        "cycle_id": [world.annual.pk, world.quarter.pk],
        "team_id": [t.pk for t in (world.company, world.marketing, world.growth, world.support)],
        "person_id": [p.pk for p in (world.admin, world.alice, world.bob, world.sam)],
        "objective_id": objectives,
        "linked_objective_id": objectives,
        "key_result_id": [kr.pk for o in (growth, support) for kr in o.key_results.all()],
        "kpi_id": [kpi.pk],
    }


def aim(case, seeded: dict) -> None:
    """Point every other generated id at a seeded row: found rows get exercised, not just 404."""
    for container in (case.path_parameters, case.query, case.body):
        if not isinstance(container, dict):
            continue
        for name, value in container.items():
            rows = seeded.get(name)
            if rows and type(value) is int and value > 0 and value % 2 == 0:
                container[name] = rows[value // 2 % len(rows)]


@pytest.fixture
def kept_connection():
    """Keep the test's connection, and its transaction, across requests as Django's Client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(params=["admin", "sam"])
def token(request, world):
    """Return an API token of the admin, who writes everything, or of Sam, who only reads."""
    return create_token(getattr(world, request.param))[1]


EXAMPLES = int(os.environ.get("OKRS_FUZZ_EXAMPLES") or 25)
FUZZING = hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # One seeded organisation serves all examples of an operation; the rollback comes after them.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)


@schema.parametrize()
@FUZZING
def test_api_answers_as_documented(case, token, seeded, kept_connection):
    """Every operation answers generated input without a 5xx, with a documented status and body."""
    aim(case, seeded)
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    called(response)
    case.validate_response(response, checks=CHECKS)


@anonymous_schema.parametrize()
@hypothesis.settings(FUZZING, max_examples=max(10, EXAMPLES // 10))
def test_calls_without_a_valid_token_answer_as_documented(case, db, kept_connection):
    """Calls with no token, a bad one or a stray session cookie are refused as documented."""
    response = case.call()
    called(response)
    case.validate_response(response, checks=CHECKS)


def test_openapi_document_is_valid_and_describes_every_operation():
    """The document is valid OpenAPI, and each operation has a summary and a description."""
    schema.validate()
    undescribed = [
        f"{method.upper()} {path}"
        for path, operations in schema.raw_schema["paths"].items()
        for method, operation in operations.items()
        if not operation.get("summary", "").strip() or not operation.get("description", "").strip()
    ]
    assert undescribed == []


def test_every_link_names_an_operation_and_its_parameter():
    """Links lead from a created row to operations that exist and take the linked parameter."""
    from okrs.api.urls import api

    paths = api.get_openapi_schema()["paths"]
    operations = {
        operation["operationId"]: operation
        for methods in paths.values()
        for operation in methods.values()
    }
    found = 0
    for methods in paths.values():
        for operation in methods.values():
            for answer in operation["responses"].values():
                for link in answer.get("links", {}).values():
                    target = operations[link["operationId"]]
                    taken = {p["name"] for p in target.get("parameters", [])}
                    assert set(link["parameters"]) <= taken, link
                    found += 1
    assert found >= 20


WORKFLOW_CHECKS = [*CHECKS, use_after_free]


def test_api_workflows_answer_as_documented(world, seeded, kept_connection):
    """Chains of calls (create, then read, change, delete, restore) answer as documented."""
    headers = {"Authorization": f"Bearer {create_token(world.admin)[1]}"}

    class Workflow(schema.as_state_machine()):
        def setup(self):
            # Each scenario starts from the seeded organisation: replaying one finds it again.
            self.scenario = transaction.atomic()
            self.scenario.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self.scenario.__exit__(None, None, None)

        def before_call(self, case):
            aim(case, seeded)

        def get_call_kwargs(self, case):
            return {"headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            called(response)
            case.validate_response(response, checks=WORKFLOW_CHECKS, transport_kwargs=kwargs)

    Workflow.run(
        settings=hypothesis.settings(FUZZING, max_examples=max(30, EXAMPLES), stateful_step_count=6)
    )
