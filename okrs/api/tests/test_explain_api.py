"""`GET /objectives/{id}?explain=true`: the figures with their formulas, the same as the page."""

from datetime import date

import pytest

from okrs.api.tests.conftest import ApiClient
from okrs.objectives.actions import link_key_result, record_check_in
from tests.calendar import at_ten

MID_QUARTER = date(2027, 2, 15)  # day 45 of 89 of 2027-Q1


@pytest.fixture
def going(world, clock):
    """Growth's objective mid-quarter: signatures at 40%, wait time at 50%."""
    clock.move_to(at_ten(MID_QUARTER), tick=True)
    objective = world.objective(title="Going")
    signatures, wait = objective.key_results.order_by("position")
    record_check_in(signatures, 52000, 7, author=world.alice)
    record_check_in(wait, 6, 5, author=world.alice)
    return objective


def test_without_explain_the_objective_reads_as_before(world, going):
    api = ApiClient(world.alice)
    one = api.get(f"/objectives/{going.pk}").json()
    listed = api.get("/objectives").json()["items"]
    assert "explanation" not in one
    assert "explanation" not in api.get(f"/objectives/{going.pk}", explain="false").json()
    assert one == next(item for item in listed if item["id"] == going.pk)


def test_explain_gives_each_figure_with_its_values(world, going):
    read = ApiClient(world.alice).get(f"/objectives/{going.pk}", explain="true")
    assert read.status_code == 200
    body = read.json()
    why = body["explanation"]
    assert why["progress"] == pytest.approx(body["progress"]) == pytest.approx(0.45)
    assert why["score"]["value"] == body["score"] == 4.5
    assert why["state"]["state"] == body["state"] == "at-risk"
    assert why["state"]["status"] == body["progress_status"]
    assert why["state"]["rule"] == "pace"
    assert why["state"]["on_track_from"] == pytest.approx(0.9 * 45 / 89)
    assert why["pace"]["day"] == 45 and why["pace"]["days"] == 89
    assert why["pace"]["expected"] == pytest.approx(body["expected_progress"], abs=1e-4)
    assert why["confidence"] == body["confidence"] == 6
    signatures = why["key_results"][0]
    assert signatures["id"] == body["key_results"][0]["id"]
    assert signatures["formula"] == {
        "rule": "metric",
        "start": 20000.0,
        "target": 100000.0,
        "current": 52000.0,
        "ratio": 0.4,
        "progress": 0.4,
        "sentence": "(current − start) / (target − start) = "
        "(52,000 − 20,000) / (100,000 − 20,000) = 40%",
    }
    assert (signatures["weight"], signatures["share"], signatures["contribution"]) == (
        1.0,
        0.5,
        0.2,
    )
    assert signatures["linked_objective"] is None
    assert why["progress_sentence"] == (
        "Progress 45%: the key results' progress weighted by their weights, "
        "(40% × 1 + 50% × 1) / 2 = 45%."
    )


def test_a_linked_child_shows_its_progress_and_share(world, going):
    parent = world.objective(team=world.marketing, title="Parent")
    link_key_result(parent.key_results.first(), going)
    why = ApiClient(world.alice).get(f"/objectives/{parent.pk}", explain="true").json()
    linked = why["explanation"]["key_results"][0]
    assert linked["linked_objective"] == {
        "id": going.pk,
        "title": "Going",
        "progress": pytest.approx(0.45),
        "checked_in": True,
    }
    assert linked["share"] == 0.5
    assert "linked child objective “Going”: 45%" in linked["sentence"]


def test_a_bad_explain_flag_is_422_naming_it(world, going):
    read = ApiClient(world.alice).get(f"/objectives/{going.pk}", explain="perhaps")
    assert read.status_code == 422
    assert "explain" in read.content.decode()


def test_another_teams_draft_stays_unknown_with_explain(world):
    draft = world.objective(title="Quiet draft", status="draft")
    assert ApiClient(world.bob).get(f"/objectives/{draft.pk}", explain="true").status_code == 404


def test_the_openapi_document_describes_the_explanation(world):
    spec = ApiClient(world.alice).get("/openapi.json").json()
    operation = spec["paths"]["/api/v1/objectives/{objective_id}"]["get"]
    assert any(p["name"] == "explain" and p["in"] == "query" for p in operation["parameters"])
    schemas = spec["components"]["schemas"]
    explained = schemas["ObjectiveExplainedOut"]["properties"]["explanation"]
    assert "Present only with ?explain=true." in explained["description"]
    assert {"formula", "share", "contribution", "linked_objective"} <= set(
        schemas["KeyResultWhyOut"]["properties"]
    )
