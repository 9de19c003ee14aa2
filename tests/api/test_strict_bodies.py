"""Request bodies are read strictly: a JSON object of the documented fields, typed as documented.

`true` is no number, "7" is no confidence, 7.0 is no id, and every number is finite and within
±1e15 (okrs/domain/limits.py), as in the web forms and in imported files.
"""

import json
from datetime import date

import pytest
from django.test import Client

from okrs.api.actions import create_token
from okrs.domain.limits import NUMBER_LIMIT
from okrs.evaluation.actions import create_review
from okrs.objectives.models import CheckIn, KeyResult
from tests.security.walking import api_operations

DOCUMENTS = ("/api/v1/lint", "/api/v1/import")  # an OKRs-as-code document: any JSON object


@pytest.fixture
def admin(world):
    """Return a client carrying the admin's token."""
    return Client(headers={"Authorization": f"Bearer {create_token(world.admin)[1]}"})


def send(client, method, path, body):
    """Return the answer to a JSON body sent as written."""
    raw = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(path, raw, content_type="application/json")


def json_or_file(operation: dict) -> set[str]:
    """Return the media types the operation's body is documented in."""
    return set(operation["requestBody"].get("content", {}))


def blamed(response) -> list[str]:
    """Return the fields an error answer names."""
    return [e["field"] for e in response.json()["errors"]]


@pytest.fixture
def filled(world):
    """Return the ids to put in paths: rows of Acme the admin may change."""
    objective = world.objective()
    return {
        "cycle_id": world.quarter.pk,
        "objective_id": objective.pk,
        "key_result_id": objective.key_results.first().pk,
        "team_id": world.support.pk,
        "kpi_id": 0,
        "endpoint_id": 0,
        "initiative_id": 0,
        "review_id": create_review(world.growth, world.quarter, date(2027, 2, 15)).pk,
    }


@pytest.mark.parametrize("body", ["[]", "[1, 2]", '"text"', "7", "null", "true"])
def test_every_body_that_is_not_a_json_object_is_refused(world, admin, filled, body):
    checked = 0
    for method, path, operation, _spec in api_operations():
        if "requestBody" not in operation or "application/json" not in json_or_file(operation):
            continue  # a file upload (an org chart) takes its bytes as they come
        url = "/api/v1" + path.removeprefix("/api/v1")
        for name, value in filled.items():
            url = url.replace("{" + name + "}", str(value))
        response = send(admin, method, url, body)
        assert response.status_code in (404, 422), f"{method.upper()} {url} {body}"
        if response.status_code == 422:
            field = "document" if url in DOCUMENTS else "body"
            assert blamed(response) == [field], f"{method.upper()} {url} {body}"
            checked += 1
    assert checked >= 12


@pytest.fixture
def kr(world):
    """Return Growth's signatures key result, from 20,000 to 100,000."""
    return world.objective().key_results.get(position=0)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"value": True, "confidence": 5}, "value"),
        ({"value": False, "confidence": 5}, "value"),
        ({"value": "30000", "confidence": 5}, "value"),
        ({"value": 30000, "confidence": "7"}, "confidence"),
        ({"value": 30000, "confidence": 7.0}, "confidence"),
        ({"value": 30000, "confidence": True}, "confidence"),
        ({"value": 1e16, "confidence": 5}, "value"),
        ({"value": -1e16, "confidence": 5}, "value"),
        ({"value": 30000, "confidence": 5, "mood": "great"}, "mood"),
    ],
)
def test_a_check_in_of_the_wrong_type_or_beyond_the_limit_is_refused(admin, kr, body, field):
    response = send(admin, "post", f"/api/v1/key-results/{kr.pk}/check-ins", body)

    assert (response.status_code, blamed(response)) == (422, [field])
    assert not CheckIn.objects.filter(key_result=kr).exists()


def test_numbers_at_the_limit_are_accepted(admin, kr):
    body = {"value": NUMBER_LIMIT, "confidence": 5}
    response = send(admin, "post", f"/api/v1/key-results/{kr.pk}/check-ins", body)

    assert response.status_code == 201
    assert KeyResult.objects.get(pk=kr.pk).current == NUMBER_LIMIT


def test_a_value_json_cannot_hold_as_a_finite_number_is_refused(admin, kr):
    raw = '{"value": 1e400, "confidence": 5}'
    response = send(admin, "post", f"/api/v1/key-results/{kr.pk}/check-ins", raw)

    assert (response.status_code, blamed(response)) == (422, ["value"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"target": True}, "target"),
        ({"weight": False}, "weight"),
        ({"balancing": 1}, "balancing"),
        ({"balancing": "yes"}, "balancing"),
        ({"version": "1"}, "version"),
        ({"linked_objective_id": 1.0}, "linked_objective_id"),
        ({"target": 1e300}, "target"),
    ],
)
def test_a_key_result_change_of_the_wrong_type_is_refused(admin, kr, body, field):
    response = send(admin, "patch", f"/api/v1/key-results/{kr.pk}", body)

    assert (response.status_code, blamed(response)) == (422, [field])
    assert KeyResult.objects.get(pk=kr.pk).target == 100000


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "Water for all", "cycle_id": "1", "team_id": 1}, "cycle_id"),
        ({"title": "Water for all", "cycle_id": 1, "team_id": True}, "team_id"),
        ({"title": 7, "cycle_id": 1, "team_id": 1}, "title"),
    ],
)
def test_an_objective_with_ids_that_are_not_whole_numbers_is_refused(admin, body, field):
    response = send(admin, "post", "/api/v1/objectives", body)

    assert (response.status_code, blamed(response)) == (422, [field])


def test_a_kpi_bound_beyond_the_limit_is_refused(world, admin):
    body = {"name": "Uptime", "team_id": world.growth.pk, "lower_bound": -2e15}
    response = send(admin, "post", "/api/v1/kpis", body)

    assert (response.status_code, blamed(response)) == (422, ["lower_bound"])


@pytest.mark.parametrize("new", [False, True], ids=["changed", "added"])
def test_an_imported_number_beyond_the_limit_is_refused_and_nothing_is_imported(admin, kr, new):
    document = admin.get("/api/v1/export").json()
    key_results = document["objectives"][0]["key_results"]
    if new:
        key_results.append({**key_results[0], "id": "huge", "title": "Reach a huge number"})
    key_results[-1]["target"] = 1e300
    response = send(admin, "post", "/api/v1/import", document)

    # Refused by the reader (422) or, should a number pass it, by the rows' own check (409).
    assert response.status_code in (409, 422)
    said = str(response.json())
    assert "target" in said and ("1e+15" in said or "1e15" in said), said
    assert KeyResult.objects.get(pk=kr.pk).target == 100000


@pytest.mark.parametrize("start", [0, 1800000000, "2027-02-30", "2027-4-1"])
def test_a_cycle_date_that_is_not_a_written_day_is_refused(admin, start):
    body = {"name": "2027-Q2", "start": start, "end": "2027-06-30"}
    response = send(admin, "post", "/api/v1/cycles", body)

    assert (response.status_code, blamed(response)) == (422, ["start"])


def test_a_measurement_moment_given_as_a_number_is_refused(world, admin):
    kpi = send(
        admin,
        "post",
        "/api/v1/kpis",
        {"name": "Uptime", "team_id": world.growth.pk, "lower_bound": 99},
    ).json()
    body = {"value": 99.5, "measured_at": 0}
    response = send(admin, "post", f"/api/v1/kpis/{kpi['id']}/measurements", body)

    assert (response.status_code, blamed(response)) == (422, ["measured_at"])
