"""A person of one organisation never sees another organisation's rows, through any page."""

import pytest
from django.urls import reverse

from conftest import PASSWORD
from okrs.objectives.models import CheckIn


@pytest.fixture
def alice(client, world, other_world):
    """Return a client signed in as Alice of Acme, with Globex present in the database."""
    world.objective()
    assert client.login(username="alice@acme.test", password=PASSWORD)
    return client


def test_other_organisations_objective_is_404(alice, other_world):
    assert alice.get(reverse("objective", args=[other_world["objective"].pk])).status_code == 404


def test_other_organisations_team_is_404(alice, other_world):
    assert alice.get(reverse("team", args=[other_world["team"].slug])).status_code == 404


def test_other_organisations_cycle_is_404(alice, other_world):
    for name in ("home", "tree"):
        assert alice.get(reverse(name), {"cycle": other_world["cycle"].pk}).status_code == 404


def test_check_in_on_other_organisations_key_result_is_404_and_writes_nothing(alice, other_world):
    response = alice.post(
        reverse("check-in", args=[other_world["kr"].pk]), {"value": "3", "confidence": "5"}
    )
    assert response.status_code == 404
    assert not CheckIn.objects.filter(key_result=other_world["kr"]).exists()


def test_no_page_mentions_the_other_organisation(alice, world, other_world):
    pages = [
        reverse("home"),
        reverse("tree"),
        reverse("team", args=["growth"]),
        reverse("objective", args=[world.growth.objectives.first().pk]),
    ]
    for url in pages:
        content = alice.get(url).content.decode()
        assert "Globex" not in content, url


def test_person_without_organisation_gets_a_friendly_page(client, world):
    from okrs.organizations.models import Person

    Person.objects.create_user("root@example.com", PASSWORD)
    client.login(username="root@example.com", password=PASSWORD)
    response = client.get(reverse("tree"))
    assert response.status_code == 403
    assert "not part of an organisation" in response.content.decode()


def test_unknown_pages_get_a_friendly_404(alice):
    response = alice.get("/objectives/999999/")
    assert response.status_code == 404
    assert "We couldn't find that" in response.content.decode()
    assert "Back to my OKRs" in response.content.decode()


def test_another_teams_unshared_draft_stays_within_that_team(client, world):
    draft = world.objective(team=world.support, title="Support's secret draft", status="draft")
    assert client.login(username="alice@acme.test", password=PASSWORD)
    assert client.get(reverse("objective", args=[draft.pk])).status_code == 404
    for url in [reverse("tree"), reverse("team", args=["support"]), reverse("map")]:
        content = client.get(url, {"cycle": world.quarter.pk}).content.decode()
        assert "Support's secret draft" not in content, url
    client.logout()
    assert client.login(username="bob@acme.test", password=PASSWORD)
    assert client.get(reverse("objective", args=[draft.pk])).status_code == 200
    client.logout()
    assert client.login(username="admin@acme.test", password=PASSWORD)
    assert client.get(reverse("objective", args=[draft.pk])).status_code == 404
    team_page = client.get(reverse("team", args=["support"]), {"cycle": world.quarter.pk})
    assert "Support's secret draft" not in team_page.content.decode()
    assert "Draft objective (private to Support)" in team_page.content.decode()
