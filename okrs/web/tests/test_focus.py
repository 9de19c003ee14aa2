"""P-OKR: one objective per team whatever the cadence, warned while drafting, freed by finishing."""

from django.urls import reverse

from conftest import signed_in
from okrs.objectives.history import objective_history
from okrs.objectives.models import Objective


def _coach(client, world):
    body = {
        "title": "Win the hearts of young donors",
        "team": world.growth.pk,
        "cycle": world.quarter.pk,
        "kr-TOTAL_FORMS": "0",
    }
    return client.post(reverse("coach-draft"), body).content.decode()


def test_drafting_a_quarterly_objective_beside_an_open_annual_one_is_warned(client, world):
    annual = world.objective(title="Be the region's water voice", cycle=world.annual)
    alice = signed_in(world.alice, client)
    coach = _coach(alice, world)
    assert "Growth holds open objectives in 2027 and in 2027-Q1 at the same time" in coach
    assert f"O{annual.pk}" in coach and "this draft" in coach
    page = alice.get(reverse("objective-new"), {"team": "growth", "cycle": world.quarter.pk})
    assert "one objective per team, whatever the cadence" in page.content.decode()


def test_the_team_fulfils_its_annual_objective_with_a_note_which_frees_it(client, world):
    annual = world.objective(title="Be the region's water voice", cycle=world.annual)
    alice = signed_in(world.alice, client)
    page = alice.get(reverse("objective", args=[annual.pk])).content.decode()
    assert "Fulfil or abandon this objective" in page
    url = reverse("objective-finish", args=[annual.pk])
    assert alice.post(url, {"state": "achieved", "note": ""}).status_code == 302
    assert Objective.objects.get(pk=annual.pk).status == "active"  # a note is needed
    alice.post(url, {"state": "achieved", "note": "Every town council heard us"})
    assert Objective.objects.get(pk=annual.pk).status == "achieved"
    latest = objective_history(Objective.objects.get(pk=annual.pk))[0]
    assert (latest.who(), latest.reason) == ("Alice Doe", "Every town council heard us")
    assert "changed the status from “Active” to “Achieved”" in latest.summary()
    assert "holds open objectives" not in _coach(alice, world)


def test_only_the_team_fulfils_or_abandons(client, world):
    goal = world.objective()
    url = reverse("objective-finish", args=[goal.pk])
    for outsider in (world.bob, world.admin, world.sam):
        response = signed_in(outsider, client).post(url, {"state": "abandoned", "note": "No"})
        assert response.status_code == 403
    page = signed_in(world.admin, client).get(reverse("objective", args=[goal.pk]))
    assert "Fulfil or abandon this objective" not in page.content.decode()
    assert Objective.objects.get(pk=goal.pk).status == "active"
