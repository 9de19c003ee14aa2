"""The API sets and removes an objective's status by hand, and shows it beside the state."""

from okrs.api.tests.conftest import ApiClient
from okrs.objectives.actions import record_check_in
from okrs.objectives.models import StatusOverride
from okrs.objectives.overrides import override_status

BLOCKED = {"state": "at-risk", "reason": "Blocked by the vendor"}


def test_objective_output_has_no_override_until_one_is_set(world):
    objective = world.objective()
    data = ApiClient(world.alice).get(f"/objectives/{objective.pk}").json()
    assert data["override"] is None


def test_the_lead_sets_a_status_shown_beside_the_computed_state(world):
    objective = world.objective()
    response = ApiClient(world.alice).post(f"/objectives/{objective.pk}/override", BLOCKED)
    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "not-started"
    override = data["override"]
    assert (override["state"], override["reason"], override["set_by"], override["set_by_id"]) == (
        "at-risk",
        "Blocked by the vendor",
        "Alice Doe",
        world.alice.pk,
    )
    assert override["set_at"].startswith("2026-12-07")


def test_the_list_carries_overrides_in_one_query_whatever_the_count(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = ApiClient(world.alice)
    first = world.objective()
    override_status(first, "off-track", "Budget frozen", by=world.alice)
    client.get("/objectives")  # the token's first use is written once
    with CaptureQueriesContext(connection) as few:
        client.get("/objectives")
    for n in range(4):
        more = world.objective(title=f"More {n}")
        override_status(more, "at-risk", f"Reason {n}", by=world.admin)
    with CaptureQueriesContext(connection) as many:
        items = client.get("/objectives").json()["items"]
    assert len(few) == len(many)
    assert sorted(i["override"]["reason"] for i in items) == [
        "Budget frozen",
        "Reason 0",
        "Reason 1",
        "Reason 2",
        "Reason 3",
    ]


def test_a_team_member_who_does_not_lead_gets_403_and_nothing_is_written(world):
    objective = world.objective(team=world.support)
    response = ApiClient(world.bob).post(f"/objectives/{objective.pk}/override", BLOCKED)
    assert response.status_code == 403
    assert "owner" in response.json()["detail"]
    assert not StatusOverride.objects.exists()


def test_a_stakeholder_gets_403(world):
    objective = world.objective()
    response = ApiClient(world.sam).post(f"/objectives/{objective.pk}/override", BLOCKED)
    assert response.status_code == 403
    assert not StatusOverride.objects.exists()


def test_another_organisations_objective_is_404(world, other_world):
    objective = other_world["objective"]
    response = ApiClient(world.admin).post(f"/objectives/{objective.pk}/override", BLOCKED)
    assert response.status_code == 404
    assert not StatusOverride.objects.exists()


def test_a_draft_is_422_with_a_clear_message(world):
    draft = world.objective(status="draft")
    response = ApiClient(world.alice).post(f"/objectives/{draft.pk}/override", BLOCKED)
    assert response.status_code == 422
    assert "A draft is not measured yet" in response.json()["detail"]


def test_a_long_reason_is_422_naming_the_limit(world):
    objective = world.objective()
    body = {"state": "at-risk", "reason": "x" * 281}
    response = ApiClient(world.alice).post(f"/objectives/{objective.pk}/override", body)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "reason", "message": "Reason: 280 characters at most (this one has 281)."}
    ]


def test_an_empty_reason_and_an_unknown_state_are_422(world):
    objective = world.objective()
    client = ApiClient(world.alice)
    empty = client.post(f"/objectives/{objective.pk}/override", {"state": "at-risk", "reason": ""})
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "reason"
    done = client.post(f"/objectives/{objective.pk}/override", {"state": "done", "reason": "x"})
    assert done.status_code == 422
    assert done.json()["errors"][0]["field"] == "state"
    assert not StatusOverride.objects.exists()


def test_delete_removes_it_and_a_second_delete_is_404(world):
    objective = world.objective()
    client = ApiClient(world.admin)
    client.post(f"/objectives/{objective.pk}/override", BLOCKED)
    removed = client.delete(f"/objectives/{objective.pk}/override")
    assert removed.status_code == 200
    assert removed.json()["override"] is None
    again = client.delete(f"/objectives/{objective.pk}/override")
    assert again.status_code == 404
    assert again.json()["detail"] == "No status is set by hand on this objective."
    assert StatusOverride.objects.get().ending == "removed"


def test_an_api_check_in_clears_the_status_set_by_hand(world):
    objective = world.objective()
    client = ApiClient(world.alice)
    client.post(f"/objectives/{objective.pk}/override", BLOCKED)
    key_result = objective.key_results.first()
    body = {"value": 30000, "confidence": 6}
    assert client.post(f"/key-results/{key_result.pk}/check-ins", body).status_code == 201
    assert client.get(f"/objectives/{objective.pk}").json()["override"] is None
    assert StatusOverride.objects.get().ending == "check-in"


def test_a_check_in_without_the_api_clears_it_too(world):
    objective = world.objective()
    override_status(objective, "at-risk", "Blocked by the vendor", by=world.alice)
    record_check_in(objective.key_results.last(), 6, 8)
    assert ApiClient(world.alice).get(f"/objectives/{objective.pk}").json()["override"] is None
