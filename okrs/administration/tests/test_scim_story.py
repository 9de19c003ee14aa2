"""One hire's life in Okta, step by step, with okrs's rows checked after each SCIM request."""

from django.test import Client

from okrs.administration.tests.scim_client import IdentityProvider
from okrs.api.actions import create_token
from okrs.organizations.models import AdministrativeChange, Membership, Person, Team


def rows(email: str) -> tuple:
    """Return the person's e-mail, name, activity and teams as okrs keeps them."""
    person = Person.objects.get(email=email)
    teams = sorted(Membership.objects.filter(person=person).values_list("team__name", flat=True))
    return person.name, person.is_active, teams


def test_okta_keeps_a_hire_in_sync_from_first_day_to_last(world):
    okta = IdentityProvider(world.org, world.admin)

    # Day one: Okta creates the user, then finds it again by userName.
    user_id = okta.create_user("noor.haddad@acme.test", "Noor", "Haddad", externalId="00u-noor")
    assert rows("noor.haddad@acme.test") == ("Noor Haddad", True, [])
    found = okta.get("Users", filter='userName eq "noor.haddad@acme.test"').json()["Resources"]
    assert [user["id"] for user in found] == [user_id]

    # A group for her squad, then she is pushed into it and into Growth.
    squad_id = okta.create_group("Water quality")
    assert Team.objects.get(pk=squad_id).parent == world.company
    okta.patch(
        f"Groups/{squad_id}", {"op": "add", "path": "members", "value": [{"value": user_id}]}
    )
    okta.patch(
        f"Groups/{world.growth.pk}", {"op": "add", "path": "members", "value": [{"value": user_id}]}
    )
    assert rows("noor.haddad@acme.test") == ("Noor Haddad", True, ["Growth", "Water quality"])

    # She marries and changes her family name.
    okta.patch(
        f"Users/{user_id}",
        {"op": "replace", "value": {"name": {"givenName": "Noor", "familyName": "Khan"}}},
    )
    assert rows("noor.haddad@acme.test") == ("Noor Khan", True, ["Growth", "Water quality"])

    # She moves out of Growth.
    okta.patch(
        f"Groups/{world.growth.pk}", {"op": "remove", "path": f'members[value eq "{user_id}"]'}
    )
    assert rows("noor.haddad@acme.test") == ("Noor Khan", True, ["Water quality"])

    # She leaves: Okta deactivates her, and her API token stops working.
    token = create_token(Person.objects.get(pk=user_id), "her script")[1]
    okta.patch(f"Users/{user_id}", {"op": "replace", "value": {"active": False}})
    assert rows("noor.haddad@acme.test") == ("Noor Khan", False, ["Water quality"])
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/teams").status_code == 401

    # Later the app is unassigned: DELETE keeps her, inactive, with her history.
    assert okta.delete(f"Users/{user_id}").status_code == 204
    assert rows("noor.haddad@acme.test") == ("Noor Khan", False, ["Water quality"])

    summaries = AdministrativeChange.objects.of(world.org).order_by("at", "id")
    assert list(summaries.values_list("summary", flat=True)) == [
        "SCIM token “Okta” was created",
        "Noor Haddad was added via SCIM",
        "Team Water quality was created via SCIM",
        "Noor Haddad joined Water quality via SCIM",
        "Noor Haddad joined Growth via SCIM",
        "Noor Khan's name changed via SCIM",
        "Noor Khan left Growth via SCIM",
        "Noor Khan was deactivated via SCIM",
    ]
