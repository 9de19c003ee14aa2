"""Cycles through the API: names unique in the organisation, dates within 1970..2200."""

import pytest

from okrs.api.tests.conftest import ApiClient
from okrs.cycles.models import Cycle


def test_renaming_a_cycle_to_a_name_in_use_is_422_naming_the_field(world):
    response = ApiClient(world.admin).patch(f"/cycles/{world.quarter.pk}", {"name": "2027"})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "name", "message": "A cycle named 2027 already exists."}
    ]
    assert Cycle.objects.get(pk=world.quarter.pk).name == "2027-Q1"


def test_creating_a_cycle_with_a_name_in_use_is_422_naming_the_field(world):
    body = {"name": "2027-Q1", "start": "2027-04-01", "end": "2027-06-30"}
    response = ApiClient(world.admin).post("/cycles", body)

    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "name")


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("9999-10-01", "9999-12-31", "start"),
        ("2200-10-01", "2201-01-01", "end"),
        ("0001-01-01", "0001-03-31", "start"),
    ],
)
def test_a_cycle_outside_1970_to_2200_is_422_naming_the_range(world, start, end, field):
    body = {"name": "Far away", "start": start, "end": end}
    response = ApiClient(world.admin).post("/cycles", body)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert "1970-01-01..2200-12-31" in response.json()["errors"][0]["message"]
    assert not Cycle.objects.filter(name="Far away").exists()


@pytest.mark.parametrize("new", [False, True], ids=["changed", "added"])
def test_an_import_with_a_cycle_outside_1970_to_2200_is_refused(world, new):
    admin = ApiClient(world.admin)
    document = admin.get("/export").json()
    if new:
        document["cycles"].append({"id": "Far", "start": "9999-10-01", "end": "9999-12-31"})
    else:
        next(c for c in document["cycles"] if c["id"] == "2027-Q1")["end"] = "9999-12-31"
    response = admin.post("/import", document)

    assert response.status_code in (409, 422)
    said = response.json()["detail"] + str(response.json()["errors"])
    assert "1970" in said and "2200" in said, said
    assert Cycle.objects.get(pk=world.quarter.pk).end.year == 2027
    assert not Cycle.objects.filter(name="Far").exists()
