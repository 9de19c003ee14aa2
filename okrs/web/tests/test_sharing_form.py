"""The drafting form adds and removes contributing teams and sets a key result's owning team."""

from django.urls import reverse

from conftest import signed_in
from okrs.objectives.models import Contribution, KeyResult


def _edit_body(objective, **changes):
    key_results = list(objective.key_results.order_by("position"))
    body = {
        "title": objective.title,
        "team": objective.team_id,
        "cycle": objective.cycle_id,
        "status": objective.status,
        "ambition": objective.ambition,
        "version": objective.version,
        "kr-TOTAL_FORMS": str(len(key_results)),
        "kr-INITIAL_FORMS": str(len(key_results)),
    }
    for n, kr in enumerate(key_results):
        body |= {
            f"kr-{n}-id": kr.pk,
            f"kr-{n}-title": kr.title,
            f"kr-{n}-type": kr.type,
            f"kr-{n}-start": kr.start,
            f"kr-{n}-target": kr.target,
            f"kr-{n}-unit": kr.unit,
            f"kr-{n}-kind": kr.kind,
            f"kr-{n}-weight": kr.weight,
        }
    return body | changes


def _shared(objective):
    return set(
        Contribution.objects.filter(objective=objective).values_list("team__slug", flat=True)
    )


def test_the_team_shares_its_objective_and_stops_sharing_it_on_the_form(client, world):
    objective = world.objective()
    alice = signed_in(world.alice, client)
    form = alice.get(reverse("objective-edit", args=[objective.pk])).content.decode()
    assert 'name="contributing_teams"' in form and "Shared with" in form
    url = reverse("objective-edit", args=[objective.pk])
    body = _edit_body(objective, contributing_teams=[world.support.pk, world.marketing.pk])
    assert alice.post(url, body).status_code == 302
    assert _shared(objective) == {"support", "marketing"}
    objective.refresh_from_db()
    assert alice.post(url, _edit_body(objective, contributing_teams=[world.marketing.pk]))
    assert _shared(objective) == {"marketing"}
    page = alice.get(reverse("objective", args=[objective.pk])).content.decode()
    assert "no longer shared it with Support" in page
    assert "shared it with Marketing, Support" in page


def test_the_owning_team_is_not_among_those_it_shares_with(client, world):
    objective = world.objective()
    url = reverse("objective-edit", args=[objective.pk])
    body = _edit_body(objective, contributing_teams=[world.growth.pk])
    response = signed_in(world.alice, client).post(url, body)
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()  # the form does not offer it
    assert _shared(objective) == set()


def test_a_key_result_gets_its_owning_team_on_the_form(client, world):
    objective = world.objective()
    url = reverse("objective-edit", args=[objective.pk])
    response = signed_in(world.alice, client).post(
        url, _edit_body(objective, **{"kr-1-team": world.support.pk})
    )
    assert response.status_code == 302
    teams = list(objective.key_results.order_by("position").values_list("team__slug", flat=True))
    assert teams == [None, "support"]
    body = _edit_body(objective, **{"kr-1-team": ""})
    body["version"] = type(objective).objects.get(pk=objective.pk).version
    signed_in(world.alice, client).post(url, body)
    assert KeyResult.objects.filter(objective=objective, team__isnull=False).count() == 0


def test_someone_outside_the_team_cannot_change_whom_it_shares_with(client, world):
    objective = world.objective()
    url = reverse("objective-edit", args=[objective.pk])
    body = _edit_body(objective, contributing_teams=[world.support.pk])
    assert signed_in(world.bob, client).post(url, body).status_code == 403
    assert _shared(objective) == set()
