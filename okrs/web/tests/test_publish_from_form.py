"""The drafting form publishes a draft only when the coach marks no error in it."""

from django.urls import reverse

from conftest import signed_in
from okrs.objectives.models import Objective
from okrs.web.tests.test_drafting import draft

ONE_KR = {"kr-1-title": "", "kr-1-type": "metric"}


def test_saving_a_new_objective_active_with_an_error_is_refused_and_keeps_nothing(client, world):
    signed_in(world.alice, client)
    response = client.post(reverse("objective-new"), draft(world, **ONE_KR))
    assert response.status_code == 422
    html = response.content.decode()
    assert "only 1 key result" in html and "publish it from the planning board" in html
    assert not Objective.objects.filter(title__startswith="Make clean water").exists()


def test_the_same_draft_is_saved_as_a_draft(client, world):
    signed_in(world.alice, client)
    response = client.post(reverse("objective-new"), draft(world, status="draft", **ONE_KR))
    assert response.status_code == 302
    assert Objective.objects.get(title__startswith="Make clean water").status == "draft"


def test_a_published_objective_with_an_error_is_still_edited(client, world):
    objective = world.objective()
    objective.key_results.last().delete()
    signed_in(world.alice, client)
    data = draft(world, title="Make clean water everyone's topic", version=objective.version)
    data |= {"kr-TOTAL_FORMS": "0"}
    response = client.post(reverse("objective-edit", args=[objective.pk]), data)
    assert response.status_code == 302
    assert Objective.objects.get(pk=objective.pk).title == "Make clean water everyone's topic"
