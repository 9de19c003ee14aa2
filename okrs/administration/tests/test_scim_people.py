"""SCIM Users: an identity provider creates, finds, changes and deactivates people."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD
from okrs.administration.models import ProvisionedPerson
from okrs.administration.tests.scim_client import IdentityProvider, scim_error
from okrs.api.actions import create_token
from okrs.organizations.actions import add_person, join_team
from okrs.organizations.models import AdministrativeChange, Person, Role


@pytest.fixture
def okta(world):
    """Return Okta, connected to Acme with a SCIM token Ada made."""
    return IdentityProvider(world.org, world.admin)


def history(world) -> list[str]:
    """Return the summaries of Acme's administrative changes, oldest first, made by nobody."""
    changes = AdministrativeChange.objects.of(world.org).filter(actor=None).order_by("at", "id")
    return list(changes.values_list("summary", flat=True))


def test_creating_a_user_adds_a_member_to_the_organisation(world, okta):
    user_id = okta.create_user("Jane.Doe@Acme.test", externalId="00u1abc")

    jane = Person.objects.get(pk=user_id)
    assert (jane.email, jane.name, jane.organization, jane.role) == (
        "jane.doe@acme.test",
        "Jane Doe",
        world.org,
        Role.MEMBER,
    )
    assert jane.is_active and not jane.has_usable_password()
    link = ProvisionedPerson.objects.get(person=jane)
    assert (link.external_id, link.given_name, link.family_name) == ("00u1abc", "Jane", "Doe")
    assert history(world) == ["Jane Doe was added via SCIM"]
    assert AdministrativeChange.objects.get(person=jane).details == {"token": "Okta"}


def test_the_created_user_answers_as_scim_says(okta):
    response = okta.post(
        "Users",
        {"userName": "kim@acme.test", "name": {"formatted": "Kim Lee"}, "externalId": "e-7"},
    )

    assert response.status_code == 201
    assert response["Content-Type"] == "application/scim+json"
    user = response.json()
    assert response["Location"] == f"http://127.0.0.1:8000/scim/v2/Users/{user['id']}"
    assert user["userName"] == "kim@acme.test"
    assert user["name"] == {"formatted": "Kim Lee"}
    assert user["externalId"] == "e-7"
    assert user["emails"] == [{"value": "kim@acme.test", "type": "work", "primary": True}]
    assert user["active"] is True


def test_a_filter_on_user_name_finds_the_person_whatever_the_case(okta):
    user_id = okta.create_user("jane@acme.test")

    found = okta.get("Users", filter='userName eq "JANE@acme.TEST"', startIndex=1, count=100)
    missing = okta.get("Users", filter='userName eq "nobody@acme.test"')

    assert found.status_code == 200
    assert found.json()["totalResults"] == 1
    assert [u["id"] for u in found.json()["Resources"]] == [user_id]
    assert missing.json() == {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": 0,
        "itemsPerPage": 0,
        "startIndex": 1,
        "Resources": [],
    }


def test_people_made_in_okrs_are_users_too_and_can_be_linked(world, okta):
    found = okta.get("Users", filter='userName eq "alice@acme.test"').json()["Resources"]
    assert [u["id"] for u in found] == [str(world.alice.pk)]
    assert found[0]["groups"][0]["display"] == "Growth"

    okta.patch(f"Users/{world.alice.pk}", {"op": "add", "path": "externalId", "value": "00u-alice"})

    by_external_id = okta.get("Users", filter='externalId eq "00u-alice"').json()
    assert [u["userName"] for u in by_external_id["Resources"]] == ["alice@acme.test"]


def test_the_list_pages_with_start_index_and_count(world, okta):
    everyone = okta.get("Users", count=2).json()
    second_page = okta.get("Users", startIndex=3, count=2).json()

    assert everyone["totalResults"] == 4  # Ada, Alice, Bob, Sam
    assert everyone["itemsPerPage"] == 2
    assert [u["userName"] for u in second_page["Resources"]] == ["bob@acme.test", "sam@acme.test"]
    assert second_page["startIndex"] == 3


def test_patch_active_false_stops_the_person_signing_in_anywhere(world, okta):
    token = create_token(world.bob, "sheet sync")[1]
    assert Client().login(username="bob@acme.test", password=PASSWORD)

    response = okta.patch(f"Users/{world.bob.pk}", {"op": "replace", "value": {"active": False}})

    assert response.status_code == 200
    assert response.json()["active"] is False
    world.bob.refresh_from_db()
    assert world.bob.is_active is False
    assert not Client().login(username="bob@acme.test", password=PASSWORD)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/teams").status_code == 401
    assert history(world) == ["Bob Roe was deactivated via SCIM"]


def test_patch_active_true_lets_the_person_back_in(world, okta):
    okta.patch(f"Users/{world.bob.pk}", {"op": "replace", "value": {"active": False}})

    okta.patch(f"Users/{world.bob.pk}", {"op": "replace", "value": {"active": True}})

    world.bob.refresh_from_db()
    assert world.bob.is_active
    assert Client().login(username="bob@acme.test", password=PASSWORD)
    assert history(world)[-1] == "Bob Roe was reactivated via SCIM"


def test_entra_deactivates_with_a_path_and_the_string_false(world, okta):
    response = okta.patch(
        f"Users/{world.bob.pk}", {"op": "Replace", "path": "active", "value": "False"}
    )

    assert response.status_code == 200
    assert Person.objects.get(pk=world.bob.pk).is_active is False


def test_okta_renames_with_a_name_object(okta):
    user_id = okta.create_user("jane@acme.test")

    response = okta.patch(
        f"Users/{user_id}",
        {"op": "replace", "value": {"name": {"givenName": "Janet", "familyName": "Dough"}}},
    )

    assert response.json()["name"] == {
        "formatted": "Janet Dough",
        "givenName": "Janet",
        "familyName": "Dough",
    }
    assert Person.objects.get(pk=user_id).name == "Janet Dough"


def test_entra_renames_one_part_of_the_name_at_a_time(world, okta):
    user_id = okta.create_user("jane@acme.test")

    okta.patch(
        f"Users/{user_id}",
        {"op": "Replace", "path": "name.familyName", "value": "Smith"},
        {
            "op": "Add",
            "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            "value": "Sales",
        },
        {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "jane@acme.test"},
    )

    assert Person.objects.get(pk=user_id).name == "Jane Smith"
    assert history(world)[-1] == "Jane Smith's name changed via SCIM"


def test_put_replaces_the_e_mail_address_and_name(okta):
    user_id = okta.create_user("jane@acme.test")

    name = {"givenName": "Jane", "familyName": "Smith"}
    response = okta.put(
        f"Users/{user_id}", {"userName": "jane.smith@acme.test", "name": name, "active": True}
    )

    assert response.status_code == 200
    jane = Person.objects.get(pk=user_id)
    assert (jane.email, jane.name, jane.is_active) == ("jane.smith@acme.test", "Jane Smith", True)


def test_delete_deactivates_and_keeps_the_person_and_their_history(world, okta):
    response = okta.delete(f"Users/{world.alice.pk}")

    assert response.status_code == 204
    alice = Person.objects.get(pk=world.alice.pk)
    assert alice.is_active is False
    assert alice.memberships.filter(team=world.growth).exists()
    assert okta.get(f"Users/{alice.pk}").json()["active"] is False


def test_the_last_admin_is_never_deactivated(world, okta):
    response = okta.patch(
        f"Users/{world.admin.pk}", {"op": "replace", "path": "active", "value": False}
    )

    detail = scim_error(response, 400, "invalidValue")
    assert "last admin" in detail
    assert Person.objects.get(pk=world.admin.pk).is_active
    assert history(world) == []


def test_a_password_sent_on_creation_lets_the_person_sign_in(okta):
    okta.create_user("pat@acme.test", password="a-long-enough-passphrase")

    assert Client().login(username="pat@acme.test", password="a-long-enough-passphrase")


def test_a_weak_password_is_refused_and_nobody_is_created(world, okta):
    response = okta.post("Users", {"userName": "pat@acme.test", "password": "123"})

    assert "password" in scim_error(response, 400, "invalidValue").lower()
    assert not Person.objects.filter(email="pat@acme.test").exists()
    assert history(world) == []


def test_a_user_created_inactive_cannot_sign_in(okta):
    user_id = okta.create_user("pat@acme.test", active=False, password="a-long-enough-passphrase")

    assert Person.objects.get(pk=user_id).is_active is False
    assert not Client().login(username="pat@acme.test", password="a-long-enough-passphrase")


def test_listing_users_takes_the_same_queries_however_many_people(world, okta):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert okta.get("Users", count=500).status_code == 200
        return len(captured)

    okta.get("Users")  # the token's first use notes when it was used
    few = queries()
    for number in range(12):
        person = add_person(world.org, f"walker{number}@acme.test", f"Walker {number}")
        join_team(person, world.growth if number % 2 else world.support)
    okta.create_user("provisioned@acme.test", externalId="00u9")

    assert queries() == few
