"""Every text field has a documented maximum; over-long input is refused by name and stores nothing.

Short fields take their database limits (names 200, titles 300, units 40); long texts (descriptions,
missions, hypotheses, notes, reflections) 5,000 characters. Imports are size-limited and YAML is
read with the safe loader.
"""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from conftest import signed_in
from okrs.api.actions import create_token
from okrs.api.models import ApiToken
from okrs.api.tests.conftest import ApiClient
from okrs.cadence.models import CadenceEvent
from okrs.domain.okrfile import read_document
from okrs.domain.reading import LONG_TEXT, DocumentError
from okrs.evaluation.models import Evaluation, Review
from okrs.objectives.models import CheckIn, Objective
from okrs.organizations.actions import add_person, create_organization, create_team, update_team
from okrs.organizations.models import Organization, Person, Team
from okrs.planning.models import CandidateObjective, TeamPlanningNote

LONG = "x" * (LONG_TEXT + 1)
REFUSED = "at most 5000 characters"  # Django's "Ensure this value has at most 5000 characters"


def refused(response, limit: int = LONG_TEXT):
    """Assert the page refused the input and named the limit."""
    assert response.status_code in (200, 422), response.status_code
    assert f"at most {limit}" in response.content.decode()


def test_objective_form_limits_title_description_and_hypothesis(world):
    admin = signed_in(world.admin)
    body = {
        "team": world.growth.pk,
        "cycle": world.quarter.pk,
        "status": "draft",
        "ambition": "roofshot",
        "kr-TOTAL_FORMS": "0",
        "kr-INITIAL_FORMS": "0",
    }
    for field, value, limit in [
        ("title", "t" * 301, 300),
        ("description", LONG, LONG_TEXT),
        ("hypothesis", LONG, LONG_TEXT),
    ]:
        data = {"title": "Make water clean", **body, field: value}
        refused(admin.post(reverse("objective-new"), data), limit)
    assert not Objective.objects.exists()


def test_check_in_notes_are_limited(world):
    key_result = world.objective().key_results.first()
    alice = signed_in(world.alice)
    for note in ("progress_note", "problems_note", "plans_note"):
        data = {"value": "30000", "confidence": "6", note: LONG}
        refused(alice.post(reverse("check-in", args=[key_result.pk]), data))
    assert not CheckIn.objects.exists()


def test_review_evaluation_and_event_texts_are_limited(world):
    world.objective()
    admin, alice = signed_in(world.admin), signed_in(world.alice)
    review = {"team": world.growth.pk, "cycle": world.quarter.pk, "held_on": "2027-02-15"}
    refused(admin.post(reverse("evaluation:review-new"), {**review, "notes": LONG}))
    assert not Review.objects.exists()
    url = reverse("evaluation:team", args=[world.quarter.pk, "growth"])
    for field in ("worked", "did_not_work", "why", "outside_factors"):
        refused(alice.post(url, {field: LONG}))
    assert not Evaluation.objects.exists()
    event = CadenceEvent.objects.filter(organization=world.org).first()
    refused(admin.post(reverse("cadence-event-notes", args=[event.pk]), {"notes": LONG}))
    event.refresh_from_db()
    assert event.notes == ""


def test_planning_texts_are_limited(world):
    alice = signed_in(world.alice)
    url = reverse("planning-note-add", args=[world.quarter.pk, "growth"])
    refused(alice.post(url, {"kind": "need", "text": "n" * 301}), 300)
    assert not TeamPlanningNote.objects.exists()
    backlog = reverse("planning-backlog", args=["growth"])
    for field in ("description", "hypothesis", "notes"):
        data = {"title": "Be the charity people talk about", "ambition": "roofshot", field: LONG}
        refused(alice.post(backlog, data))
    assert not CandidateObjective.objects.exists()


def test_token_name_is_limited(world):
    response = signed_in(world.alice).post(reverse("tokens"), {"name": "n" * 101})
    assert response.status_code == 422
    assert "Name: at most 100 characters, got 101." in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.fixture
def api(world):
    """Return a JSON client carrying the admin's token."""
    client = Client(HTTP_AUTHORIZATION=f"Bearer {create_token(world.admin, 'limits')[1]}")

    def post(path, body):
        return client.post(f"/api/v1{path}", json.dumps(body), content_type="application/json")

    return post


def test_api_refuses_long_texts_with_the_field_path(world, api):
    key_result = world.objective().key_results.first()
    cases = [
        ("/teams", {"name": "n" * 201}, "name"),
        ("/teams", {"name": "Ops", "mission": LONG}, "mission"),
        (
            "/objectives",
            {"title": "Clean", "cycle_id": world.quarter.pk, "team_id": world.growth.pk,
             "description": LONG},
            "description",
        ),
        (f"/key-results/{key_result.pk}/check-ins",
         {"value": 1, "confidence": 5, "plans_note": LONG}, "plans_note"),
        ("/kpis", {"name": "Churn", "team_id": world.growth.pk, "unit": "u" * 41,
                   "lower_bound": 1}, "unit"),
    ]  # fmt: skip
    for path, body, field in cases:
        response = api(path, body)
        assert response.status_code == 422, path
        assert any(e["field"] == field and "at most" in e["message"]
                   for e in response.json()["errors"]), response.json()  # fmt: skip
    assert Team.objects.filter(organization=world.org).count() == 4
    assert not CheckIn.objects.exists()


def test_document_reader_names_line_and_field_of_a_long_text():
    text = "\n".join(
        [
            "organization: Acme Water",
            "cycles: [{id: Q1, start: 2027-01-01, end: 2027-03-31}]",
            "teams: [{id: growth, mission: " + "m" * 5001 + "}]",
            "objectives:",
            "  - id: O1",
            "    title: " + "t" * 301,
            "    cycle: Q1",
            "    team: growth",
        ]
    )
    with pytest.raises(DocumentError) as error:
        read_document(text)
    assert [str(p) for p in error.value.problems] == [
        "line 3, teams[0].mission: at most 5,000 characters, got 5,001",
        "line 6, objectives[0].title: at most 300 characters, got 301",
    ]


def test_api_import_of_a_long_text_is_refused_and_nothing_saved(world, api):
    document = {"organization": "Acme", "teams": [{"id": "ops", "name": "n" * 201}]}
    response = api("/import", document)
    assert response.status_code == 422
    error = {"field": "teams[0].name", "message": "at most 200 characters, got 201"}
    assert error in response.json()["errors"]
    assert not Team.objects.filter(slug="ops").exists()


def test_cli_import_refuses_a_file_over_the_size_limit(db, tmp_path, settings):
    settings.MAX_IMPORT_BYTES = 100
    path = tmp_path / "okrs.yaml"
    path.write_text("organization: Acme Water\n" + "# padding\n" * 20)
    limit = (
        r"past the file size limit \(OKRS_MAX_IMPORT_BYTES\): the file is 225 bytes, 100 at most"
    )
    with pytest.raises(CommandError, match=limit):
        call_command("import", str(path))
    assert not Organization.objects.exists()


def test_cli_import_names_the_long_field(db, tmp_path):
    path = Path(tmp_path / "okrs.yaml")
    path.write_text("organization: Acme Water\npeople: [{id: eve, name: " + "e" * 201 + "}]\n")
    with pytest.raises(
        CommandError, match=r"okrs.yaml:2: people\[0\]\.name: at most 200 characters"
    ):
        call_command("import", str(path))
    assert not Organization.objects.exists()


def test_api_body_over_the_import_limit_is_413(world, api, settings):
    document = {"organization": "Acme", "teams": [{"id": "ops", "mission": "m" * 4000}]}
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    assert api("/import", document).status_code == 413


def test_yaml_python_tags_are_refused():
    text = "organization: !!python/object/apply:os.system ['echo owned']\n"
    with pytest.raises(DocumentError) as error:
        read_document(text)
    assert "not valid YAML" in str(error.value)
    assert "python/object/apply:os.system" in str(error.value)


def test_actions_refuse_long_names_naming_the_field(world):
    with pytest.raises(ValidationError) as error:
        create_team(world.org, "n" * 201, "tactical")
    assert error.value.message_dict == {"name": ["Name: at most 200 characters, got 201."]}
    with pytest.raises(ValidationError, match="Mission: at most 5,000 characters"):
        update_team(world.growth, mission=LONG)
    with pytest.raises(ValidationError, match="Name: at most 200 characters"):
        add_person(world.org, "eve@acme.test", "e" * 201)
    with pytest.raises(ValidationError, match="Name: at most 200 characters"):
        create_organization("o" * 201)
    assert Team.objects.count() == 4
    assert not Person.objects.filter(email="eve@acme.test").exists()
    world.growth.refresh_from_db()
    assert world.growth.mission == ""


def test_a_token_name_over_the_limit_is_refused_by_the_command(world):
    with pytest.raises(CommandError, match="Name: at most 100 characters, got 101"):
        call_command("token", "create", "--user", world.alice.email, "--name", "n" * 101)
    assert not world.alice.api_tokens.exists()


def test_an_api_search_over_the_limit_is_refused_with_the_field(world):
    response = ApiClient(world.alice).get("/objectives", q="x" * 301)
    assert response.status_code == 422
    assert "q" in response.content.decode()
