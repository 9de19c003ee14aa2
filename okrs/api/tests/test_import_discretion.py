"""Importing people over the API says nothing of other organisations' people."""

from okrs.api.tests.conftest import ApiClient
from okrs.organizations.models import Person


def _with_person(document: dict, email: str) -> dict:
    person = {"id": "newcomer", "name": "New Comer", "email": email, "teams": ["growth"]}
    return {**document, "people": [*document["people"], person]}


def test_an_address_of_another_organisation_answers_as_an_unknown_one(world, other_world):
    admin = ApiClient(world.admin)
    document = admin.get("/export").json()
    admin.post("/import", document)  # the first import gives everyone their handle
    taken = admin.post("/import", _with_person(document, "gina@globex.test"))
    Person.objects.filter(handle="newcomer").delete()
    fresh = admin.post("/import", _with_person(document, "nobody@example.test"))

    assert taken.status_code == fresh.status_code == 200
    assert taken.json() == fresh.json()
    assert "globex" not in taken.content.decode().lower()
    gina = Person.objects.get(email="gina@globex.test")
    assert gina.organization == other_world["org"]


def test_the_newcomer_is_imported_without_the_address_taken_elsewhere(world, other_world):
    admin = ApiClient(world.admin)
    document = _with_person(admin.get("/export").json(), "gina@globex.test")
    assert admin.post("/import", document).status_code == 200

    newcomer = Person.objects.get(organization=world.org, handle="newcomer")
    assert newcomer.email == "newcomer@acme.people.invalid"
    again = admin.post("/import", document)
    assert again.json()["changes"] == {}
