"""The API lists an objective's changes and restores deleted objectives for admins."""

from okrs.objectives.actions import delete_objective, remove_key_result


def test_history_lists_changes_newest_first_with_who_and_values(api, world):
    objective = world.objective(title="Old title")
    alice = api(world.alice)
    assert alice.patch(f"/objectives/{objective.pk}", {"title": "New title"}).status_code == 200
    kr = objective.key_results.first()
    alice.post(f"/key-results/{kr.pk}/check-ins", {"value": 30000, "confidence": 6})
    body = alice.get(f"/objectives/{objective.pk}/history").json()
    assert body["count"] == 5
    first, second = body["items"][:2]
    assert (first["subject"], first["action"], first["by_id"]) == (
        "check-in",
        "created",
        world.alice.pk,
    )
    assert second["summary"] == "changed the title from “Old title” to “New title”"
    assert second["changes"][0]["before"] == "Old title"
    assert second["by"] == "Alice Doe"
    assert body["items"][-1]["action"] == "created"
    page = alice.get(f"/objectives/{objective.pk}/history", limit=1, offset=1).json()
    assert [i["summary"] for i in page["items"]] == [second["summary"]]


def test_history_is_for_signed_in_people_of_the_same_organisation(api, world, other_world):
    objective = world.objective()
    assert api().get(f"/objectives/{objective.pk}/history").status_code == 401
    assert api(other_world["person"]).get(f"/objectives/{objective.pk}/history").status_code == 404
    delete_objective(objective)
    assert api(world.admin).get(f"/objectives/{objective.pk}/history").status_code == 404


def test_delete_is_soft_and_admins_restore(api, world):
    objective = world.objective()
    assert api(world.alice).delete(f"/objectives/{objective.pk}").status_code == 200
    assert api(world.alice).get(f"/objectives/{objective.pk}").status_code == 404
    assert api(world.alice).post(f"/objectives/{objective.pk}/restore", {}).status_code == 403
    restored = api(world.admin).post(f"/objectives/{objective.pk}/restore", {})
    assert restored.status_code == 200
    assert len(restored.json()["key_results"]) == 2
    again = api(world.admin).post(f"/objectives/{objective.pk}/restore", {})
    assert again.status_code == 404


def test_admins_restore_a_key_result_deleted_alone(api, world, other_world):
    kr = world.objective().key_results.first()
    remove_key_result(kr)
    assert api(other_world["person"]).post(f"/key-results/{kr.pk}/restore", {}).status_code == 404
    response = api(world.admin).post(f"/key-results/{kr.pk}/restore", {})
    assert (response.status_code, response.json()["id"]) == (200, kr.pk)
