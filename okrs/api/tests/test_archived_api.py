"""Archived teams and KPIs over the API: flagged, left out of lists by default, set by PATCH."""

import pytest

from okrs.api.tests.conftest import ApiClient
from okrs.kpis.actions import archive_kpi, create_kpi
from okrs.organizations.actions import add_person, archive_team
from okrs.organizations.models import AdministrativeChange, Role


def names(answer) -> list[str]:
    """Return the names of a list answer's items."""
    assert answer.status_code == 200, answer.content
    return [item["name"] for item in answer.json()["items"]]


def test_the_team_list_shows_teams_in_use_unless_asked_for_archived_ones(world):
    archive_team(world.support, by=world.admin)
    client = ApiClient(world.bob)

    assert names(client.get("/teams")) == ["Acme Water", "Growth", "Marketing"]
    assert names(client.get("/teams", archived="true")) == ["Support"]
    assert names(client.get("/teams", archived="all")) == [
        "Acme Water",
        "Growth",
        "Marketing",
        "Support",
    ]
    support = client.get(f"/teams/{world.support.pk}").json()
    assert support["archived"] is True
    assert support["archived_at"].startswith("2026-12-07")
    growth = client.get(f"/teams/{world.growth.pk}").json()
    assert (growth["archived"], growth["archived_at"]) == (False, None)


def test_an_unknown_archived_filter_is_a_clear_422(world):
    answer = ApiClient(world.bob).get("/teams", archived="maybe")

    assert answer.status_code == 422
    assert "archived" in str(answer.json())


def test_an_admin_archives_and_unarchives_a_team_and_the_history_keeps_both(world):
    client = ApiClient(world.admin)

    archived = client.patch(f"/teams/{world.support.pk}", {"archived": True})
    assert archived.status_code == 200 and archived.json()["archived"] is True
    back = client.patch(f"/teams/{world.support.pk}", {"archived": False, "mission": "Help"})
    assert back.status_code == 200
    assert (back.json()["archived"], back.json()["mission"]) == (False, "Help")

    changes = AdministrativeChange.objects.filter(team=world.support).order_by("pk")
    assert [(c.action, c.actor) for c in changes] == [
        ("team.archived", world.admin),
        ("team.unarchived", world.admin),
        ("team.mission_changed", world.admin),
    ]


@pytest.mark.parametrize("role", [Role.OKR_LEADER, Role.MEMBER, Role.STAKEHOLDER])
def test_only_admins_archive_a_team(world, role):
    person = add_person(world.org, f"{role}@acme.test", "Someone", role)

    answer = ApiClient(person).patch(f"/teams/{world.support.pk}", {"archived": True})

    assert answer.status_code == 403
    world.support.refresh_from_db()
    assert world.support.archived_at is None


def test_a_team_with_teams_in_use_below_it_is_neither_archived_nor_renamed(world):
    answer = ApiClient(world.admin).patch(
        f"/teams/{world.marketing.pk}", {"archived": True, "name": "Outreach"}
    )

    assert answer.status_code == 422
    assert "Teams below Marketing are still in use" in answer.json()["errors"][0]["message"]
    world.marketing.refresh_from_db()
    assert (world.marketing.name, world.marketing.archived_at) == ("Marketing", None)


def test_the_kpi_list_shows_watched_kpis_unless_asked_for_archived_ones(world):
    churn = create_kpi(world.support, "Donor churn", upper_bound=5)
    create_kpi(world.support, "Response time", upper_bound=24)
    archive_kpi(churn, by=world.bob)
    client = ApiClient(world.alice)

    assert names(client.get("/kpis")) == ["Response time"]
    assert names(client.get("/kpis", archived="true")) == ["Donor churn"]
    assert names(client.get("/kpis", archived="all")) == ["Donor churn", "Response time"]
    assert client.get(f"/kpis/{churn.pk}").json()["archived"] is True


def test_a_team_member_archives_and_unarchives_a_kpi_and_the_history_keeps_both(world):
    churn = create_kpi(world.support, "Donor churn", upper_bound=5)
    client = ApiClient(world.bob)

    archived = client.patch(f"/kpis/{churn.pk}", {"archived": True})
    assert archived.status_code == 200
    assert archived.json()["archived"] is True and archived.json()["archived_at"]
    back = client.patch(f"/kpis/{churn.pk}", {"archived": False})
    assert (back.json()["archived"], back.json()["archived_at"]) == (False, None)

    actions = AdministrativeChange.objects.filter(details__kpi=churn.pk).order_by("pk")
    assert [(c.action, c.actor) for c in actions] == [
        ("kpi.archived", world.bob),
        ("kpi.unarchived", world.bob),
    ]


def test_someone_outside_the_team_does_not_archive_its_kpi(world):
    churn = create_kpi(world.support, "Donor churn", upper_bound=5)

    answer = ApiClient(world.alice).patch(f"/kpis/{churn.pk}", {"archived": True})

    assert answer.status_code == 403
    churn.refresh_from_db()
    assert churn.archived_at is None


def test_archived_takes_a_boolean_only(world):
    answer = ApiClient(world.admin).patch(f"/teams/{world.support.pk}", {"archived": "yes"})

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "archived"
