"""Schemathesis against the API's own OpenAPI document: no 5xx, and every answer as documented.

Generated calls go in-process to the WSGI app, inside the test's transaction, as the admin and as
Sam the stakeholder, and once more without a valid token.
"""

import tempfile
from datetime import timedelta
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from okrs.api.actions import create_token
from okrs.kpis.actions import create_kpi, record_measurement
from okrs.objectives.actions import add_contributor, align, record_check_in

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
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


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


FUZZING = hypothesis.settings(
    max_examples=25,
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
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


@anonymous_schema.parametrize()
@hypothesis.settings(FUZZING, max_examples=10)
def test_calls_without_a_valid_token_answer_as_documented(case, db, kept_connection):
    """Calls with no token, a bad one or a stray session cookie are refused as documented."""
    case.call_and_validate(checks=CHECKS)


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
