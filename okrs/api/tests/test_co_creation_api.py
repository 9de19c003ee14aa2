"""The API records who drafted for a team from outside it, lets the team accept, invite coaches."""

import pytest

from okrs.api.tests.conftest import ApiClient
from okrs.objectives.models import Objective
from okrs.organizations.actions import add_person
from okrs.organizations.models import Role


@pytest.fixture
def leo(world):
    """Return Acme's OKR leader, in no team."""
    return add_person(world.org, "leo@acme.test", "Leo Leader", Role.OKR_LEADER)


def _draft_for_growth(world, person, **fields):
    body = {"title": "Win young donors", "cycle_id": world.quarter.pk, "team_id": world.growth.pk}
    return ApiClient(person).post("/objectives", body | fields)


def test_an_objective_written_by_the_okr_leader_is_recorded_and_waits_for_the_team(world, leo):
    response = _draft_for_growth(world, leo)
    assert response.status_code == 201
    data = response.json()
    assert (data["drafted_by_id"], data["accepted_at"]) == (leo.pk, None)
    refused = ApiClient(leo).patch(f"/objectives/{data['id']}", {"status": "active"})
    assert refused.status_code == 422
    assert "a member of Growth accepts it" in refused.json()["detail"]
    assert ApiClient(leo).post(f"/objectives/{data['id']}/accept", {}).status_code == 403
    accepted = ApiClient(world.alice).post(f"/objectives/{data['id']}/accept", {})
    assert accepted.status_code == 200 and accepted.json()["accepted_at"].startswith("2026-12-07")
    published = ApiClient(world.alice).post(
        f"/objectives/{data['id']}/publish",
        {"publish_despite": "The key results come at the team's planning"},
    )
    assert published.status_code == 200, published.json()
    assert published.json()["status"] == "active"


def test_the_leader_cannot_publish_what_he_drafts_for_a_team(world, leo):
    response = _draft_for_growth(world, leo, status="active")
    assert response.status_code == 422
    assert not Objective.objects.filter(title="Win young donors").exists()


def test_the_team_s_own_draft_records_no_drafter(world):
    data = _draft_for_growth(world, world.alice).json()
    assert data["drafted_by_id"] is None


def test_the_team_invites_a_coach_who_then_reads_the_draft_until_revoked(world, leo):
    draft = _draft_for_growth(world, world.alice).json()
    path = f"/objectives/{draft['id']}"
    assert ApiClient(world.admin).get(path).status_code == 404
    invited = ApiClient(world.alice).post(f"{path}/coaches", {"person_ids": [world.admin.pk]})
    assert invited.status_code == 200
    assert [c["person_id"] for c in invited.json()] == [world.admin.pk]
    assert ApiClient(world.admin).get(path).json()["title"] == "Win young donors"
    assert ApiClient(world.admin).get(f"{path}/coaches").json()[0]["person"] == "Ada Admin"
    revoked = ApiClient(world.alice).delete(f"{path}/coaches/{world.admin.pk}")
    assert revoked.status_code == 200 and revoked.json() == []
    assert ApiClient(world.admin).get(path).status_code == 404


def test_only_the_team_invites_coaches(world):
    draft = _draft_for_growth(world, world.alice).json()
    path = f"/objectives/{draft['id']}/coaches"
    assert ApiClient(world.bob).post(path, {"person_ids": [world.bob.pk]}).status_code == 404
    assert ApiClient(world.sam).post(path, {"person_ids": [world.sam.pk]}).status_code == 403
    assert ApiClient(world.alice).post(path, {"person_ids": []}).status_code == 422


def test_the_team_fulfils_an_objective_through_the_api_with_a_note(world):
    goal = world.objective()
    path = f"/objectives/{goal.pk}/finish"
    body = {"state": "achieved", "note": "Every town heard us"}
    assert ApiClient(world.admin).post(path, body).status_code == 403  # the team decides
    assert ApiClient(world.alice).post(path, body | {"note": " "}).status_code == 422
    done = ApiClient(world.alice).post(path, body)
    assert done.status_code == 200 and done.json()["status"] == "achieved"
    again = ApiClient(world.alice).post(path, body)
    assert again.status_code == 422 and "only an active objective" in again.json()["detail"]
