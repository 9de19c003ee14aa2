"""The action plan over the API: list, create, change and delete initiatives; never a 500."""

import pytest

from okrs.objectives.actions import add_key_result
from okrs.objectives.initiatives import add_initiative
from okrs.objectives.models import Initiative, KeyResult
from okrs.webhooks.actions import create_endpoint
from okrs.webhooks.models import Delivery


def test_a_team_member_plans_the_work_under_a_key_result(api, world):
    kr = world.objective().key_results.first()
    client = api(world.alice)
    created = client.post(
        f"/key-results/{kr.pk}/initiatives",
        {"title": "Partner with schools", "owner_id": world.alice.pk, "due": "2027-02-15",
         "link": "https://tracker.acme.test/PET-12"},
    )  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert {
        k: body[k] for k in ("title", "owner_id", "status", "due", "link", "key_result_id")
    } == {
        "title": "Partner with schools",
        "owner_id": world.alice.pk,
        "status": "planned",
        "due": "2027-02-15",
        "link": "https://tracker.acme.test/PET-12",
        "key_result_id": kr.pk,
    }
    assert body["objective_id"] == kr.objective_id
    listed = client.get(f"/key-results/{kr.pk}/initiatives").json()
    assert listed["count"] == 1
    assert listed["items"][0]["id"] == body["id"]
    assert client.get(f"/initiatives/{body['id']}").json()["title"] == "Partner with schools"


def test_a_change_moves_the_status_and_clears_the_owner(api, world):
    initiative = add_initiative(
        world.objective().key_results.first(), "Partner with schools", owner=world.alice
    )
    answer = api(world.alice).patch(
        f"/initiatives/{initiative.pk}", {"status": "done", "owner_id": None}
    )
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["owner_id"]) == ("done", None)
    assert answer.json()["title"] == "Partner with schools"


def test_delete_removes_it_and_the_history_keeps_it(api, world):
    objective = world.objective()
    initiative = add_initiative(objective.key_results.first(), "Partner with schools")
    client = api(world.alice)
    assert client.delete(f"/initiatives/{initiative.pk}").json() == {"deleted": initiative.pk}
    assert not Initiative.objects.exists()
    history = client.get(f"/objectives/{objective.pk}/history", limit=500).json()
    initiatives = [item for item in history["items"] if item["subject"] == "initiative"]
    assert [item["action"] for item in initiatives] == ["removed", "created"]
    assert history["count"] == len(history["items"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"title": "Partner", "status": "finished"}, "status"),
        ({"title": "Partner", "link": "javascript:alert(1)"}, "link"),
        ({"title": "Partner", "link": "https://" + "a" * 600}, "link"),
        ({"title": "Partner", "due": 20270215}, "due"),
        ({"title": "Partner", "due": "2027-02-30"}, "due"),
        ({"title": "Partner", "weight": 2}, "weight"),
        ({"title": "Partner\x00"}, "title"),
    ],
)
def test_bad_input_is_refused_naming_the_field(api, world, body, field):
    kr = world.objective().key_results.first()
    answer = api(world.alice).post(f"/key-results/{kr.pk}/initiatives", body)
    assert answer.status_code == 422, answer.content
    assert any(e["field"] == field for e in answer.json()["errors"]), answer.json()
    assert not Initiative.objects.exists()


def test_an_unknown_owner_is_not_found(api, world, other_world):
    kr = world.objective().key_results.first()
    body = {"title": "Partner with schools", "owner_id": other_world["person"].pk}
    assert api(world.alice).post(f"/key-results/{kr.pk}/initiatives", body).status_code == 404
    assert not Initiative.objects.exists()


def test_a_stakeholder_reads_and_may_not_write(api, world):
    kr = world.objective().key_results.first()
    initiative = add_initiative(kr, "Partner with schools")
    client = api(world.sam)
    assert client.get(f"/key-results/{kr.pk}/initiatives").json()["count"] == 1
    assert client.patch(f"/initiatives/{initiative.pk}", {"status": "done"}).status_code == 403
    assert Initiative.objects.get().status == "planned"


def test_an_unshared_drafts_plan_is_not_found_outside_its_team(api, world):
    kr = world.objective(status="draft").key_results.first()
    initiative = add_initiative(kr, "Secret plan")
    client = api(world.bob)
    assert client.get(f"/key-results/{kr.pk}/initiatives").status_code == 404
    assert client.get(f"/initiatives/{initiative.pk}").status_code == 404
    assert api(world.alice).get(f"/initiatives/{initiative.pk}").status_code == 200


def test_moving_an_activity_into_the_action_plan(api, world):
    objective = world.objective()
    activity = add_key_result(objective, "Launch the petition website", type="binary")
    answer = api(world.alice).post(f"/key-results/{activity.pk}/move-to-action-plan", {})
    assert answer.status_code == 201
    assert answer.json()["key_result_id"] == objective.key_results.first().pk
    assert answer.json()["title"] == "Launch the petition website"
    assert not KeyResult.objects.filter(pk=activity.pk).exists()


def test_moving_under_a_key_result_of_another_objective_is_not_found(api, world):
    activity = add_key_result(world.objective(), "Launch the petition website", type="binary")
    elsewhere = world.objective(team=world.growth, title="Another").key_results.first()
    answer = api(world.alice).post(
        f"/key-results/{activity.pk}/move-to-action-plan", {"under_id": elsewhere.pk}
    )
    assert answer.status_code == 404
    assert KeyResult.objects.filter(pk=activity.pk).exists()


def test_webhooks_hear_initiatives_of_shared_objectives_only(api, world):
    create_endpoint(world.org, "https://hooks.acme.test/okrs", ["initiative.created",
                    "initiative.updated", "initiative.deleted"])  # fmt: skip
    client = api(world.alice)
    kr = world.objective().key_results.first()
    draft_kr = world.objective(status="draft", title="A draft").key_results.first()
    created = client.post(f"/key-results/{kr.pk}/initiatives", {"title": "Partner"}).json()
    client.patch(f"/initiatives/{created['id']}", {"status": "doing"})
    client.delete(f"/initiatives/{created['id']}")
    client.post(f"/key-results/{draft_kr.pk}/initiatives", {"title": "Secret plan"})
    deliveries = list(Delivery.objects.order_by("pk"))
    assert [d.event for d in deliveries] == [
        "initiative.created",
        "initiative.updated",
        "initiative.deleted",
    ]
    assert deliveries[1].payload["data"]["changed"] == ["status"]
    assert deliveries[2].payload["data"]["initiative"]["id"] == created["id"]
    assert "Secret plan" not in str([d.payload for d in deliveries])


def test_the_openapi_schema_describes_the_action_plan(api, world):
    schema = api(world.alice).get("/openapi.json").json()
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/key-results/{key_result_id}/initiatives"])
    assert {"get", "patch", "delete"} <= set(paths["/api/v1/initiatives/{initiative_id}"])
    statuses = schema["components"]["schemas"]["InitiativeIn"]["properties"]["status"]
    assert statuses["enum"] == ["planned", "doing", "done", "dropped"]


def test_a_check_in_marks_initiatives_doing_or_done_in_the_same_request(api, world):
    kr = world.objective().key_results.first()
    started = add_initiative(kr, "Partner with schools")
    finished = add_initiative(kr, "Door-to-door weekends", status="doing")
    body = {
        "value": 40000,
        "confidence": 7,
        "initiatives": [
            {"id": started.pk, "status": "doing"},
            {"id": finished.pk, "status": "done"},
        ],
    }
    answer = api(world.alice).post(f"/key-results/{kr.pk}/check-ins", body)
    assert answer.status_code == 201, answer.content
    assert dict(Initiative.objects.values_list("title", "status")) == {
        "Partner with schools": "doing",
        "Door-to-door weekends": "done",
    }


def test_a_check_in_naming_another_key_results_initiative_records_nothing(api, world):
    signatures, wait = world.objective().key_results.all()
    elsewhere = add_initiative(wait, "Hire a second clerk")
    body = {
        "value": 40000,
        "confidence": 7,
        "initiatives": [{"id": elsewhere.pk, "status": "done"}],
    }
    answer = api(world.alice).post(f"/key-results/{signatures.pk}/check-ins", body)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "initiatives"
    assert signatures.check_ins.count() == 0
    assert Initiative.objects.get().status == "planned"
