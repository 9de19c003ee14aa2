"""SCIM Groups: an identity provider creates teams and keeps their members, as Okta and Entra do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from okrs.administration.models import ProvisionedTeam
from okrs.administration.tests.scim_client import IdentityProvider, scim_error
from okrs.organizations.models import AdministrativeChange, Membership, Team

EXTENSION = "urn:okrs:params:scim:schemas:extension:team:2.0:Group"


@pytest.fixture
def okta(world):
    """Return Okta, connected to Acme with a SCIM token Ada made."""
    return IdentityProvider(world.org, world.admin)


def members(team_id) -> dict[str, str]:
    """Return the team's members' e-mail addresses and team roles."""
    rows = Membership.objects.filter(team_id=team_id).values_list("person__email", "role")
    return dict(rows)


def history(world) -> list[str]:
    """Return the summaries of the changes made by nobody, oldest first."""
    changes = AdministrativeChange.objects.of(world.org).filter(actor=None).order_by("at", "id")
    return list(changes.values_list("summary", flat=True))


def test_creating_a_group_creates_a_tactical_team_below_the_company(world, okta):
    group_id = okta.create_group("Platform", [str(world.bob.pk)], externalId="00g1")

    team = Team.objects.get(pk=group_id)
    assert (team.name, team.level, team.parent, team.organization) == (
        "Platform",
        "tactical",
        world.company,
        world.org,
    )
    assert members(group_id) == {"bob@acme.test": "member"}
    assert ProvisionedTeam.objects.get(team=team).external_id == "00g1"
    assert history(world) == [
        "Team Platform was created via SCIM",
        "Bob Roe joined Platform via SCIM",
    ]


def test_the_team_extension_places_a_new_team_below_a_parent_group(world, okta):
    group_id = okta.create_group(
        "Field sales", **{EXTENSION: {"parent": str(world.marketing.pk), "level": "tactical"}}
    )
    strategic_id = okta.create_group("Sales", **{EXTENSION: {"level": "strategic"}})

    assert Team.objects.get(pk=group_id).parent == world.marketing
    sales = Team.objects.get(pk=strategic_id)
    assert (sales.level, sales.parent) == ("strategic", world.company)


def test_a_group_is_found_by_display_name(world, okta):
    found = okta.get("Groups", filter='displayName eq "growth"').json()

    assert found["totalResults"] == 1
    group = found["Resources"][0]
    assert (group["id"], group["displayName"]) == (str(world.growth.pk), "Growth")
    assert group["members"] == [
        {
            "value": str(world.alice.pk),
            "display": "Alice Doe",
            "$ref": f"http://127.0.0.1:8000/scim/v2/Users/{world.alice.pk}",
        }
    ]


def test_entra_leaves_members_out_when_asked(world, okta):
    found = okta.get(
        "Groups",
        filter=f'id eq "{world.growth.pk}" and members[value eq "{world.alice.pk}"]',
        excludedAttributes="members",
    ).json()

    assert [g["displayName"] for g in found["Resources"]] == ["Growth"]
    assert "members" not in found["Resources"][0]


def test_okta_adds_members_and_a_lead_stays_lead(world, okta):
    response = okta.patch(
        f"Groups/{world.growth.pk}",
        {
            "op": "add",
            "path": "members",
            "value": [{"value": str(world.bob.pk)}, {"value": str(world.alice.pk)}],
        },
    )

    assert response.status_code == 200
    assert members(world.growth.pk) == {"alice@acme.test": "lead", "bob@acme.test": "member"}
    assert history(world) == ["Bob Roe joined Growth via SCIM"]


def test_okta_removes_a_member_by_a_filtered_path(world, okta):
    response = okta.patch(
        f"Groups/{world.growth.pk}",
        {"op": "remove", "path": f'members[value eq "{world.alice.pk}"]'},
    )

    assert response.status_code == 200
    assert members(world.growth.pk) == {}
    assert history(world) == ["Alice Doe left Growth via SCIM"]


def test_entra_removes_members_listed_in_the_value(world, okta):
    group_id = okta.create_group("Platform", [str(world.bob.pk), str(world.sam.pk)])

    okta.patch(
        f"Groups/{group_id}",
        {"op": "Remove", "path": "members", "value": [{"value": str(world.sam.pk)}]},
    )

    assert members(group_id) == {"bob@acme.test": "member"}


def test_entra_renames_the_team(world, okta):
    okta.patch(
        f"Groups/{world.support.pk}", {"op": "Replace", "path": "displayName", "value": "Care"}
    )

    assert Team.objects.get(pk=world.support.pk).name == "Care"
    assert history(world) == ["Team Support renamed to Care via SCIM"]


def test_okta_renames_with_a_value_object(world, okta):
    okta.patch(
        f"Groups/{world.support.pk}",
        {"op": "replace", "value": {"id": str(world.support.pk), "displayName": "Customer care"}},
    )

    assert Team.objects.get(pk=world.support.pk).name == "Customer care"


def test_put_sets_exactly_the_listed_members(world, okta):
    response = okta.put(
        f"Groups/{world.growth.pk}",
        {
            "displayName": "Growth",
            "members": [{"value": str(world.alice.pk)}, {"value": str(world.sam.pk)}],
        },
    )

    assert response.status_code == 200
    assert members(world.growth.pk) == {"alice@acme.test": "lead", "sam@acme.test": "member"}


def test_removing_members_without_a_value_empties_the_team(world, okta):
    okta.patch(f"Groups/{world.growth.pk}", {"op": "remove", "path": "members"})

    assert members(world.growth.pk) == {}


def test_deleting_a_group_deletes_a_team_without_okrs(world, okta):
    group_id = okta.create_group("Platform", [str(world.bob.pk)])

    assert okta.delete(f"Groups/{group_id}").status_code == 204

    assert not Team.objects.filter(pk=group_id).exists()
    assert history(world)[-1] == "Team Platform was deleted via SCIM"
    scim_error(okta.get(f"Groups/{group_id}"), 404)


def test_deleting_the_group_of_a_team_with_okrs_keeps_the_team(world, okta):
    world.objective()  # Growth owns an objective

    assert okta.delete(f"Groups/{world.growth.pk}").status_code == 204

    growth = Team.objects.get(pk=world.growth.pk)
    assert members(growth.pk) == {"alice@acme.test": "lead"}
    assert ProvisionedTeam.objects.get(team=growth).released_at is not None
    assert history(world)[-1] == (
        "Team Growth was kept with its OKRs when its group was deleted via SCIM"
    )
    scim_error(okta.get(f"Groups/{growth.pk}"), 404)
    assert okta.get("Groups", filter='displayName eq "Growth"').json()["totalResults"] == 0


def test_a_released_team_becomes_a_group_again_by_its_name(world, okta):
    world.objective()
    okta.delete(f"Groups/{world.growth.pk}")

    group_id = okta.create_group("Growth", externalId="00g-growth")

    assert group_id == str(world.growth.pk)
    assert Team.objects.filter(organization=world.org, name="Growth").count() == 1
    assert okta.get(f"Groups/{group_id}").json()["externalId"] == "00g-growth"


def test_a_second_group_of_the_same_name_is_refused(world, okta):
    response = okta.post("Groups", {"displayName": "GROWTH"})

    assert "already exists" in scim_error(response, 409, "uniqueness")
    assert Team.objects.filter(name__iexact="growth").count() == 1


def test_listing_groups_takes_the_same_queries_however_many_teams(world, okta):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert okta.get("Groups", count=500).status_code == 200
        return len(captured)

    okta.get("Users")  # the token's first use notes when it was used
    few = queries()
    for number in range(6):
        okta.create_group(f"Squad {number}", [str(world.alice.pk), str(world.bob.pk)])

    assert queries() == few
