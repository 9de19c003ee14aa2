"""Through the API, another team's unshared draft cannot be found by writing to it either."""

from okrs.api.tests.conftest import ApiClient
from okrs.objectives.models import KeyResult, Objective
from okrs.planning.tests.helpers import draft

NEW_KEY_RESULT = {"title": "Sign up 40 young donors a month", "start": 0, "target": 40}


def test_adding_a_key_result_to_a_hidden_draft_answers_not_found(world, plan):
    secret = draft(world.growth, "Win the hearts of young donors", plan.q2)
    before = KeyResult.objects.filter(objective=secret).count()
    response = ApiClient(world.bob).post(
        "/key-results", {"objective_id": secret.pk, **NEW_KEY_RESULT}
    )
    assert response.status_code == 404
    assert "young donors" not in response.content.decode()
    assert KeyResult.objects.filter(objective=secret).count() == before


def test_the_owning_team_adds_key_results_to_its_draft(world, plan):
    mine = draft(world.growth, "Win the hearts of young donors", plan.q2)
    response = ApiClient(world.alice).post(
        "/key-results", {"objective_id": mine.pk, **NEW_KEY_RESULT}
    )
    assert response.status_code == 201
    assert KeyResult.objects.filter(objective=mine, title=NEW_KEY_RESULT["title"]).exists()


def test_aligning_to_a_hidden_draft_answers_not_found(world, plan):
    secret = draft(world.growth, "Win the hearts of young donors", plan.q2)
    body = {
        "cycle_id": plan.q2.pk,
        "team_id": world.support.pk,
        "title": "Answer every donor within a day",
        "aligned_to": [secret.pk],
    }
    response = ApiClient(world.bob).post("/objectives", body)
    assert response.status_code == 404
    assert not Objective.objects.filter(title=body["title"]).exists()
