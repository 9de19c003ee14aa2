"""The API's PATCH sets the teams sharing an objective, as the drafting form does."""

from okrs.api.tests.conftest import ApiClient


def test_patch_sets_exactly_the_contributing_teams(world):
    objective = world.objective()
    path = f"/objectives/{objective.pk}"
    both = [world.support.pk, world.marketing.pk]
    response = ApiClient(world.alice).patch(path, {"contributors": both})
    assert response.status_code == 200 and sorted(response.json()["contributors"]) == sorted(both)
    response = ApiClient(world.alice).patch(path, {"contributors": [world.marketing.pk]})
    assert response.json()["contributors"] == [world.marketing.pk]
    refused = ApiClient(world.alice).patch(path, {"contributors": [world.growth.pk]})
    assert refused.status_code == 422 and "Growth owns this objective" in refused.json()["detail"]
    assert ApiClient(world.bob).patch(path, {"contributors": []}).status_code == 403
