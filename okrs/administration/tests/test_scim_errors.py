"""SCIM requests okrs refuses: a SCIM error names what is wrong, and nothing is written."""

import pytest
from django.test import Client

from conftest import signed_in
from okrs.administration.models import ScimToken
from okrs.administration.scim.tokens import revoke_scim_token
from okrs.administration.tests.scim_client import PATCH, IdentityProvider, scim_error
from okrs.api.actions import create_token
from okrs.organizations.models import AdministrativeChange, Membership, Person, Team

EXTENSION = "urn:okrs:params:scim:schemas:extension:team:2.0:Group"


@pytest.fixture
def okta(world):
    """Return Okta, connected to Acme with a SCIM token Ada made."""
    return IdentityProvider(world.org, world.admin)


def rows() -> tuple:
    """Return what SCIM could change: people, teams, memberships and the history."""
    people = tuple(Person.objects.values_list("email", "name", "is_active").order_by("pk"))
    teams = tuple(Team.objects.values_list("name", "parent_id").order_by("pk"))
    return people, teams, Membership.objects.count(), AdministrativeChange.objects.count()


@pytest.fixture
def unchanged(world, okta):
    """Check, after the test, that nothing changed."""
    before = rows()
    yield
    assert rows() == before


BAD_USERS = [
    ("{not json", "invalidSyntax", "not JSON"),
    (b"\xff\xfe{}", "invalidSyntax", "not JSON"),
    ('["a list"]', "invalidSyntax", "JSON object"),
    ({"name": {"givenName": "No"}}, "invalidValue", "userName: required"),
    ({"userName": 42}, "invalidValue", "userName: must be a string"),
    ({"userName": "not-an-address"}, "invalidValue", "not an e-mail address"),
    ({"userName": "x@acme.test", "name": "Jane"}, "invalidValue", "name: must be an object"),
    ({"userName": "x@acme.test", "name": {"givenName": 7}}, "invalidValue", "name.givenName"),
    ({"userName": "x@acme.test", "active": "maybe"}, "invalidValue", "active: must be true"),
    ({"userName": "x@acme.test", "externalId": ["a"]}, "invalidValue", "externalId"),
    ({"userName": "x@acme.test", "name": {"formatted": "n" * 201}}, "invalidValue", "at most 200"),
]


@pytest.mark.parametrize(("body", "scim_type", "said"), BAD_USERS)
def test_a_user_that_breaks_the_schema_is_refused(okta, unchanged, body, scim_type, said):
    detail = scim_error(okta.post("Users", body), 400, scim_type)

    assert said in detail


def test_an_empty_body_is_refused(okta, unchanged):
    scim_error(okta.post("Users", ""), 400)


@pytest.mark.parametrize("email", ["alice@acme.test", "ALICE@acme.test", "gina@globex.test"])
def test_a_taken_user_name_is_a_conflict_that_names_no_organisation(
    okta, other_world, email, unchanged
):
    detail = scim_error(okta.post("Users", {"userName": email}), 409, "uniqueness")

    assert detail == f"userName: {email.lower()} is already taken by another person."


def test_changing_the_e_mail_address_to_a_taken_one_is_a_conflict(world, okta, unchanged):
    response = okta.patch(
        f"Users/{world.bob.pk}", {"op": "replace", "path": "userName", "value": "alice@acme.test"}
    )

    scim_error(response, 409, "uniqueness")


BAD_OPERATIONS = [
    ({"Operations": {"op": "replace"}}, "invalidSyntax", "must be a list"),
    ({"Operations": ["replace"]}, "invalidSyntax", 'needs an "op"'),
    ({"Operations": [{"op": "merge", "path": "active", "value": False}]}, "invalidSyntax", "merge"),
    ({"Operations": [{"op": "remove"}]}, "noTarget", "needs a"),
    ({"Operations": [{"op": "replace", "value": False}]}, "invalidValue", "must be an object"),
    ({"Operations": [{"op": "replace", "path": "]]", "value": 1}]}, "invalidPath", "path"),
    ({"Operations": [{"op": "replace", "path": 5, "value": 1}]}, "invalidPath", "path"),
    ({"Operations": [{"op": "replace", "path": "active", "value": 3}]}, "invalidValue", "active"),
    ({"Operations": [{"op": "remove", "path": "userName"}]}, "mutability", "cannot be removed"),
    # The first operation is valid: nothing of it is kept either.
    (
        {
            "Operations": [
                {"op": "replace", "path": "name.givenName", "value": "Robert"},
                {"op": "replace", "path": "userName", "value": "nope"},
            ]
        },
        "invalidValue",
        "not an e-mail address",
    ),
]


@pytest.mark.parametrize(("body", "scim_type", "said"), BAD_OPERATIONS)
def test_a_patch_that_breaks_the_schema_is_refused(world, okta, unchanged, body, scim_type, said):
    response = okta.send("patch", f"Users/{world.bob.pk}", {"schemas": [PATCH]} | body)

    assert said in scim_error(response, 400, scim_type)


def test_a_patch_without_operations_is_refused(world, okta, unchanged):
    scim_error(okta.send("patch", f"Users/{world.bob.pk}", {"schemas": [PATCH]}), 400)


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ('userName eq "unterminated', "is not a SCIM filter"),
        ("userName eq", "is not a SCIM filter"),
        ('password eq "secret"', "cannot filter on 'password'"),
        ('id co "1"', "ids compare with"),
        ("active gt 5", "value must be either True or False"),
    ],
)
def test_a_filter_okrs_cannot_read_is_refused(okta, query, said):
    assert said in scim_error(okta.get("Users", filter=query), 400, "invalidFilter")


def test_paging_values_must_be_numbers(okta):
    assert "count" in scim_error(okta.get("Users", count="all"), 400)


def test_members_that_are_nobody_here_are_refused(world, okta, other_world, unchanged):
    for value in ("abc", "999999", str(other_world["person"].pk)):
        response = okta.patch(
            f"Groups/{world.growth.pk}",
            {"op": "add", "path": "members", "value": [{"value": value}]},
        )

        assert scim_error(response, 400, "invalidValue") == f"members: no person has id '{value}'."


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({"members": []}, "displayName: required"),
        ({"displayName": "   "}, "displayName: required"),
        ({"displayName": "X", "members": {"value": "1"}}, "members: must be a list"),
        ({"displayName": "X", "members": [{"display": "no value"}]}, "members.value: required"),
        ({"displayName": "X", EXTENSION: {"level": "company"}}, "level"),
    ],
)
def test_a_group_that_breaks_the_schema_is_refused(okta, unchanged, body, said):
    assert said in scim_error(okta.post("Groups", body), 400, "invalidValue")


def test_unknown_ids_answer_404(okta):
    for path in ("Users/999999", "Users/abc", "Groups/999999", "Groups/12345678901234567890"):
        assert scim_error(okta.get(path), 404)


def test_without_a_token_scim_answers_401(world, unchanged):
    for client in (
        Client(),
        Client(HTTP_AUTHORIZATION="Bearer okrs_scim_not-a-token"),
        Client(HTTP_AUTHORIZATION="Basic YWRtaW46YWRtaW4="),
    ):
        response = client.post(
            "/scim/v2/Users", {"userName": "x@acme.test"}, content_type="application/scim+json"
        )
        assert "SCIM token" in scim_error(response, 401)
        assert response["WWW-Authenticate"] == 'Bearer realm="okrs SCIM"'


def test_a_signed_in_admin_or_a_personal_api_token_does_not_open_scim(world, unchanged):
    personal = Client(HTTP_AUTHORIZATION=f"Bearer {create_token(world.admin, 'mine')[1]}")

    for client in (signed_in(world.admin), personal):
        scim_error(client.get("/scim/v2/Users"), 401)
        scim_error(client.delete(f"/scim/v2/Users/{world.bob.pk}"), 401)


def test_a_revoked_token_is_refused(world, okta):
    revoke_scim_token(ScimToken.objects.get(), world.admin)

    scim_error(okta.get("Users"), 401)
    response = okta.post("Users", {"userName": "late@acme.test"})
    scim_error(response, 401)
    assert not Person.objects.filter(email="late@acme.test").exists()


def test_post_to_one_resource_is_not_allowed(world, okta, unchanged):
    scim_error(okta.post(f"Users/{world.bob.pk}", {"userName": "x@acme.test"}), 405)


def test_a_path_scim_does_not_have_answers_a_scim_404(okta, unchanged):
    for method, path in (("get", "Me"), ("post", "Bulk"), ("post", ".search"), ("get", "")):
        response = getattr(okta.client, method)(f"/scim/v2/{path}")
        assert "No such SCIM endpoint" in scim_error(response, 404)


def test_a_slash_too_many_is_tolerated(world, okta):
    assert okta.get("Users/").json()["totalResults"] == 4
    assert okta.client.get(f"/scim/v2//Users/{world.bob.pk}/").json()["userName"] == "bob@acme.test"
