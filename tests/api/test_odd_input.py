"""Odd input the schemathesis run turned up: each answers a documented error, never a 500."""

import json

import pytest
from django.conf import settings
from django.test import Client

from okrs.api.actions import create_token
from okrs.kpis.actions import create_kpi
from okrs.organizations.models import Team

HUGE = "1" + "0" * 23


@pytest.fixture
def call(world):
    """Return a function that calls the API as the admin."""
    _, token = create_token(world.admin)
    client = Client(headers={"Authorization": f"Bearer {token}"})

    def call(method, path, body=None):
        if body is None:
            return getattr(client, method)(path)
        return getattr(client, method)(path, json.dumps(body), content_type="application/json")

    return call


def fields(response) -> list[str]:
    """Return the fields an error answer blames."""
    return [e["field"] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    "path, field",
    [
        (f"/api/v1/kpis?team_id={HUGE}", "team_id"),
        (f"/api/v1/objectives?cycle_id={HUGE}", "cycle_id"),
        (f"/api/v1/key-results?objective_id={HUGE}", "objective_id"),
        (f"/api/v1/people?team_id={HUGE}", "team_id"),
        (f"/api/v1/teams?parent_id={HUGE}", "parent_id"),
    ],
)
def test_filter_by_an_id_beyond_the_database_range_is_refused(call, path, field):
    response = call("get", path)
    assert response.status_code == 422
    assert fields(response) == [field]


def test_nul_characters_are_refused_in_bodies_and_queries(call):
    created = call("post", "/api/v1/teams", {"name": "Gro\x00wth"})
    searched = call("get", "/api/v1/objectives?q=a%00b")
    assert (created.status_code, fields(created)) == (422, ["name"])
    assert (searched.status_code, fields(searched)) == (422, ["q"])


def test_a_team_name_longer_than_the_database_holds_is_refused(call):
    response = call("post", "/api/v1/teams", {"name": "n" * 201})
    assert (response.status_code, fields(response)) == (422, ["name"])


def test_a_measurement_is_stored_in_utc_whatever_its_offset(call, world):
    kpi = create_kpi(world.growth, "Newsletter opt-outs", upper_bound=2)
    response = call(
        "post",
        f"/api/v1/kpis/{kpi.pk}/measurements",
        {"value": 1.5, "measured_at": "2027-01-05T10:00:00+23:00"},
    )
    assert response.status_code == 201
    assert response.json()["measured_at"] == "2027-01-04T11:00:00Z"


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_a_moment_outside_the_years_1_to_9999_in_utc_is_refused(call, world, moment):
    kpi = create_kpi(world.growth, "Newsletter opt-outs", upper_bound=2)
    response = call(
        "post", f"/api/v1/kpis/{kpi.pk}/measurements", {"value": 1, "measured_at": moment}
    )
    assert (response.status_code, fields(response)) == (422, ["measured_at"])


def test_too_many_query_fields_answer_400_in_the_error_shape(call):
    response = call("get", "/api/v1/teams?" + "&".join(f"f{i}=1" for i in range(1100)))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "DATA_UPLOAD_MAX_NUMBER_FIELDS" in response.json()["detail"]


def test_a_body_beyond_the_upload_limit_answers_413_in_the_error_shape(call):
    too_much = "m" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = call("post", "/api/v1/teams", {"name": "Growth", "mission": too_much})
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large.", "errors": []}


def test_an_import_with_an_over_long_name_answers_422_and_imports_nothing(call, world):
    document = call("get", "/api/v1/export").json()
    document["teams"].append({"id": "ops", "name": "n" * 250, "level": "tactical"})
    response = call("post", "/api/v1/import", document)
    assert response.status_code == 422
    refusal = {"field": f"teams[{len(document['teams']) - 1}].name", "message": "at most 200 "}
    refusal["message"] += "characters, got 250"
    assert refusal in response.json()["errors"]
    assert not Team.objects.filter(organization=world.org, slug="ops").exists()
