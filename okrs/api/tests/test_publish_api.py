"""Publishing through the API: validation answers kept, the coach's errors fixed or explained."""

from okrs.api.tests.conftest import ApiClient
from okrs.objectives.actions import add_key_result, create_objective
from okrs.objectives.models import Objective
from okrs.organizations.actions import join_team


def _draft(world, key_results=2):
    objective = create_objective(world.quarter, "Win the hearts of young donors", team=world.growth)
    krs = [
        ("Grow monthly donors from 400 to 900", 400, 900),
        ("Raise retention from 60 to 75", 60, 75),
    ]
    for title, start, target in krs[:key_results]:
        add_key_result(objective, title, start=start, target=target)
    return objective


def test_publish_keeps_the_answers_and_shows_them(world):
    objective = _draft(world)
    response = ApiClient(world.alice).post(
        f"/objectives/{objective.pk}/publish",
        {
            "validation": {
                "complete": {"answer": "yes"},
                "influence": {"answer": "no", "note": "Retention depends on fundraising too."},
            }
        },
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "active" and data["publish_reason"] == ""
    assert data["validation"] == {
        "complete": {"answer": "yes", "note": ""},
        "influence": {"answer": "no", "note": "Retention depends on fundraising too."},
    }
    again = ApiClient(world.bob).get(f"/objectives/{objective.pk}").json()
    assert again["validation"]["influence"]["answer"] == "no"


def test_publish_with_an_empty_body_publishes_a_sound_draft(world):
    objective = _draft(world)
    response = ApiClient(world.alice).post(f"/objectives/{objective.pk}/publish", {})
    assert response.status_code == 200 and response.json()["validation"] == {}


def test_publish_with_errors_is_422_naming_them_unless_a_reason_is_given(world):
    objective = _draft(world, key_results=1)
    client = ApiClient(world.alice)
    refused = client.post(f"/objectives/{objective.pk}/publish", {})
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["field"] == "publish_despite" and "only 1 key result" in error["message"]
    assert Objective.objects.get(pk=objective.pk).status == "draft"
    done = client.post(
        f"/objectives/{objective.pk}/publish", {"publish_despite": "The survey comes in May."}
    )
    assert done.status_code == 200
    assert done.json()["publish_reason"] == "The survey comes in May."
    history = client.get(f"/objectives/{objective.pk}/history").json()["items"][0]
    assert {"field": "publish_reason", "before": "", "after": "The survey comes in May."} in (
        history["changes"]
    )


def test_patching_a_draft_active_asks_the_same(world):
    objective = _draft(world, key_results=1)
    client = ApiClient(world.alice)
    refused = client.patch(f"/objectives/{objective.pk}", {"status": "active"})
    assert refused.status_code == 422
    assert "Fix them first, or say why" in refused.json()["detail"]
    assert Objective.objects.get(pk=objective.pk).status == "draft"


def test_an_unknown_question_or_answer_is_422(world):
    objective = _draft(world)
    client = ApiClient(world.alice)
    for body in (
        {"validation": {"bold": {"answer": "yes"}}},
        {"validation": {"ambitious": {"answer": "maybe"}}},
    ):
        response = client.post(f"/objectives/{objective.pk}/publish", body)
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"].startswith("validation")
    assert Objective.objects.get(pk=objective.pk).status == "draft"


def test_a_member_who_is_not_the_lead_may_not_publish_and_an_outsider_does_not_see_it(world):
    objective = _draft(world)
    join_team(world.bob, world.growth)
    assert ApiClient(world.bob).post(f"/objectives/{objective.pk}/publish", {}).status_code == 403
    assert ApiClient(world.sam).post(f"/objectives/{objective.pk}/publish", {}).status_code == 404


def test_publishing_an_active_objective_is_422(world):
    objective = world.objective()
    response = ApiClient(world.alice).post(f"/objectives/{objective.pk}/publish", {})
    assert response.status_code == 422 and "is active" in response.json()["detail"]
