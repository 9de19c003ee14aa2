"""Tenant isolation of SCIM: a token of one organisation never sees or changes another's rows.

The tenant walk (tests/security/test_tenant_walk.py) signs in a person; SCIM takes only SCIM
tokens, so it is walked here: Acme's token against every SCIM route with Globex's ids.
"""

import pytest

from okrs.administration.models import ProvisionedPerson, ProvisionedTeam
from okrs.administration.tests.scim_client import IdentityProvider, scim_error
from okrs.organizations.models import AdministrativeChange, Membership, Person, Team

EXTENSION = "urn:okrs:params:scim:schemas:extension:team:2.0:Group"
NEVER = "2147483640"
BODIES = {
    "Users": {"userName": "walker@acme.test", "name": {"formatted": "Walked"}, "active": False},
    "Groups": {"displayName": "Walked", "members": []},
}
OPERATIONS = {
    "Users": [{"op": "replace", "value": {"active": False, "displayName": "Walked"}}],
    "Groups": [
        {"op": "remove", "path": "members"},
        {"op": "replace", "path": "displayName", "value": "W"},
    ],
}


@pytest.fixture
def globex(other_world):
    """Return Globex with a person and a team its own identity provider made, and their ids."""
    entra = IdentityProvider(other_world["org"], other_world["person"], name="Globex Entra")
    person_id = entra.create_user("gwen@globex.test", "Gwen", "Globexian", externalId="globex-ext")
    entra.create_group("Globex Secret Lab", [person_id], externalId="globex-group")
    org = other_world["org"]
    people = Person.objects.filter(organization=org).values_list("pk", flat=True)
    teams = Team.objects.filter(organization=org).values_list("pk", flat=True)
    return {
        "org": org,
        "entra": entra,
        "people": [str(pk) for pk in people],
        "teams": [str(pk) for pk in teams],
        "secrets": ["Globex", "globex", "Gwen", "Gina", "Secret Lab"],
    }


def snapshot(org) -> dict:
    """Return every row of the organisation SCIM could touch."""
    fields = {
        Person: ("pk", "email", "name", "is_active"),
        Team: ("pk", "name", "parent_id"),
        Membership: ("person_id", "team_id", "role"),
        ProvisionedPerson: ("person_id", "external_id"),
        ProvisionedTeam: ("team_id", "external_id", "released_at"),
        AdministrativeChange: ("pk",),
    }
    return {
        model.__name__: sorted(model.objects.filter(organization=org).values_list(*names))
        for model, names in fields.items()
    }


def shows_nothing_of(response, globex):
    """Assert the response mentions nothing Globex holds."""
    body = response.content.decode()
    leaked = [secret for secret in globex["secrets"] if secret in body]
    assert not leaked, f"{response.request['PATH_INFO']} shows {leaked}"


def test_every_route_answers_globex_ids_as_unknown(world, globex):
    okta = IdentityProvider(world.org, world.admin)
    before = snapshot(globex["org"])
    acme_rows = {"Users": Person.objects, "Groups": Team.objects}
    ours = {
        resource: {
            str(pk) for pk in rows.filter(organization=world.org).values_list("pk", flat=True)
        }
        for resource, rows in acme_rows.items()
    }
    walked = 0
    for resource in ("Users", "Groups"):
        # A Globex person's id under Groups and a team's under Users are tried too, unless the
        # same number is one of Acme's own teams or people there.
        for theirs in set(globex["people"] + globex["teams"]) - ours[resource]:
            for method in ("get", "put", "patch", "delete"):
                answers = []
                for value in (theirs, NEVER):
                    path = f"{resource}/{value}"
                    if method == "get":
                        response = okta.get(path)
                    elif method == "delete":
                        response = okta.delete(path)
                    elif method == "put":
                        response = okta.put(path, BODIES[resource])
                    else:
                        response = okta.patch(path, *OPERATIONS[resource])
                    scim_error(response, 404)
                    shows_nothing_of(response, globex)
                    answers.append(response.json()["detail"].replace(value, "<id>"))
                assert answers[0] == answers[1], f"{method} {resource}/{theirs}"
                walked += 1
    assert walked >= 4 * (len(globex["people"]) + len(globex["teams"]))
    assert snapshot(globex["org"]) == before


@pytest.mark.parametrize(
    ("resource", "query"),
    [
        ("Users", 'userName eq "gwen@globex.test"'),
        ("Users", 'userName sw "g"'),
        ("Users", 'externalId eq "globex-ext"'),
        ("Users", 'name.familyName eq "Globexian"'),
        ("Users", "active eq true"),
        ("Groups", 'displayName eq "Globex Secret Lab"'),
        ("Groups", 'displayName co "Globex"'),
        ("Groups", 'externalId eq "globex-group"'),
        ("Groups", "displayName pr"),
    ],
)
def test_lists_and_filters_never_reach_globex(world, globex, resource, query):
    okta = IdentityProvider(world.org, world.admin)

    response = okta.get(resource, filter=query, count=500)

    assert response.status_code == 200
    shows_nothing_of(response, globex)
    ids = {row["id"] for row in response.json()["Resources"]}
    assert not ids & set(globex["people"] + globex["teams"])


def test_globex_ids_in_bodies_are_nobody_here(world, globex):
    okta = IdentityProvider(world.org, world.admin)
    before = snapshot(globex["org"])
    acme_memberships = Membership.objects.filter(organization=world.org).count()
    gwen, lab = globex["people"][-1], globex["teams"][-1]
    growth, as_members = f"Groups/{world.growth.pk}", [{"value": gwen}]

    refused = [
        okta.patch(growth, {"op": "add", "path": "members", "value": as_members}),
        okta.patch(growth, {"op": "remove", "path": f'members[value eq "{gwen}"]'}),
        okta.put(growth, {"displayName": "Growth", "members": as_members}),
        okta.post("Groups", {"displayName": "Moles", "members": as_members}),
        okta.post("Groups", {"displayName": "Moles", EXTENSION: {"parent": lab}}),
    ]

    for response in refused:
        scim_error(response, 400, "invalidValue")
        shows_nothing_of(response, globex)
    assert snapshot(globex["org"]) == before
    assert Membership.objects.filter(organization=world.org).count() == acme_memberships
    assert not Team.objects.filter(name="Moles").exists()


def test_each_token_sees_its_own_organisation_only(world, globex):
    okta = IdentityProvider(world.org, world.admin)

    acme = {u["userName"] for u in okta.get("Users").json()["Resources"]}
    theirs = {u["userName"] for u in globex["entra"].get("Users").json()["Resources"]}

    assert acme == {"admin@acme.test", "alice@acme.test", "bob@acme.test", "sam@acme.test"}
    assert theirs == {"gina@globex.test", "gwen@globex.test"}
    scim_error(globex["entra"].get(f"Users/{world.alice.pk}"), 404)
