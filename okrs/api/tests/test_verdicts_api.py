"""Hypotheses tested at reviews through the API: record a verdict, read them and their history."""

from datetime import date

from okrs.api.tests.conftest import ApiClient
from okrs.cycles.actions import set_cycle_state
from okrs.evaluation.actions import create_review
from okrs.evaluation.models import HypothesisVerdict

HYPOTHESIS = "We believe petitions move MPs, because they count signatures."


def setup(world):
    objective = world.objective(hypothesis=HYPOTHESIS)
    review = create_review(world.growth, world.quarter, date(2027, 2, 15))
    return objective, review


def url(review, objective):
    return f"/reviews/{review.pk}/objectives/{objective.pk}/verdict"


def test_the_team_records_a_verdict_and_everyone_reads_it(world):
    objective, review = setup(world)
    body = {"verdict": "refuted", "note": "MPs answered letters, not the petition."}
    response = ApiClient(world.alice).call("put", url(review, objective), body)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["verdict"], data["hypothesis"], data["held_on"]) == (
        "refuted",
        HYPOTHESIS,
        "2027-02-15",
    )
    assert data["decided_by_id"] == world.alice.pk
    read = ApiClient(world.sam).get(f"/reviews/{review.pk}/verdicts").json()
    assert [item["note"] for item in read["items"]] == ["MPs answered letters, not the petition."]


def test_the_objectives_verdicts_are_its_history_review_by_review(world):
    objective, review = setup(world)
    later = create_review(world.growth, world.quarter, date(2027, 3, 15))
    client = ApiClient(world.alice)
    client.call("put", url(later, objective), {"verdict": "supported"})
    client.call("put", url(review, objective), {"verdict": "too-early"})
    history = client.get(f"/objectives/{objective.pk}/verdicts").json()
    assert [(i["held_on"], i["verdict"]) for i in history["items"]] == [
        ("2027-02-15", "too-early"),
        ("2027-03-15", "supported"),
    ]


def test_a_refuted_verdict_without_note_is_422_naming_the_note(world):
    objective, review = setup(world)
    response = ApiClient(world.alice).call("put", url(review, objective), {"verdict": "refuted"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "note"
    assert not HypothesisVerdict.objects.exists()


def test_an_unknown_verdict_is_422(world):
    objective, review = setup(world)
    response = ApiClient(world.alice).call("put", url(review, objective), {"verdict": "maybe"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "verdict"


def test_no_hypothesis_or_a_closed_cycle_is_422(world):
    objective, review = setup(world)
    bare = world.objective(title="Reach every school")
    client = ApiClient(world.alice)
    refused = client.call("put", url(review, bare), {"verdict": "supported"})
    assert refused.status_code == 422 and "no hypothesis" in refused.json()["detail"]
    set_cycle_state(world.quarter, "closed")
    closed = client.call("put", url(review, objective), {"verdict": "supported"})
    assert closed.status_code == 422 and "closed" in closed.json()["detail"]


def test_a_stakeholder_or_another_teams_member_may_not_record(world):
    objective, review = setup(world)
    for person in (world.sam, world.bob):
        response = ApiClient(person).call("put", url(review, objective), {"verdict": "supported"})
        assert response.status_code == 403
    assert not HypothesisVerdict.objects.exists()


def test_an_objective_the_review_does_not_cover_is_404(world):
    _, review = setup(world)
    theirs = world.objective(team=world.support, hypothesis=HYPOTHESIS)
    response = ApiClient(world.alice).call("put", url(review, theirs), {"verdict": "supported"})
    assert response.status_code == 404
