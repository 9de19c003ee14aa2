"""The cycles' administration pages: create, next quarter, dates until the start, close."""

from datetime import date

from django.urls import reverse

from conftest import signed_in
from okrs.cycles.models import Cycle


def new_cycle(client, **fields):
    body = {"name": "2027-Q2", "kind": "quarter", "start": "2027-04-01", "end": "2027-06-30"}
    return client.post(reverse("administration-cycle-new"), body | fields)


def test_the_list_nests_quarters_in_their_year_and_links_closing(world):
    body = signed_in(world.admin).get(reverse("administration-cycles")).content.decode()

    assert body.index(">2027</a>") < body.index(">2027-Q1</a>")
    assert reverse("evaluation:close", args=[world.quarter.pk]) in body
    assert "Create next quarter: 2027-Q2" in body


def test_create_a_quarter_finds_its_year(world):
    response = new_cycle(signed_in(world.admin))

    q2 = Cycle.objects.get(organization=world.org, name="2027-Q2")
    assert response.status_code == 302
    assert (q2.parent, q2.state, q2.kind) == (world.annual, "planning", "quarter")


def test_create_a_multi_year_cycle(world):
    new_cycle(
        signed_in(world.admin), name="Strategy 2027-2029", kind="multi-year", end="2029-12-31"
    )

    cycle = Cycle.objects.get(organization=world.org, name="Strategy 2027-2029")
    assert (cycle.kind, cycle.end, cycle.parent) == ("multi-year", date(2029, 12, 31), None)


def test_a_name_taken_in_the_organisation_is_refused(world, other_world):
    client = signed_in(world.admin)

    taken = new_cycle(client, name="2027-Q1")
    theirs = new_cycle(client, name=other_world["cycle"].name)

    assert taken.status_code == 422
    assert taken.context["form"].errors["name"] == ["A cycle named 2027-Q1 already exists."]
    assert theirs.status_code == 302  # names are unique within one organisation only


def test_dates_outside_what_okrs_keeps_are_refused_by_field(world):
    response = new_cycle(signed_in(world.admin), start="1969-12-31", end="2201-01-01")

    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors["start"] == ["Choose a date from 1970-01-01 to 2200-12-31."]
    assert errors["end"] == ["Choose a date from 1970-01-01 to 2200-12-31."]
    assert not Cycle.objects.filter(name="2027-Q2").exists()


def test_an_end_before_the_start_is_refused(world):
    response = new_cycle(signed_in(world.admin), end="2027-03-01")

    assert response.status_code == 422
    assert response.context["form"].errors["end"] == ["A cycle must end after it starts."]


def test_a_quarter_outside_the_chosen_parent_is_refused(world):
    response = new_cycle(
        signed_in(world.admin), start="2028-01-01", end="2028-03-31", parent=world.annual.pk
    )

    assert response.status_code == 422
    assert "inside 2027" in response.content.decode()


def test_create_next_quarter_in_one_click(world):
    response = signed_in(world.admin).post(reverse("administration-cycle-next-quarter"))

    q2 = Cycle.objects.get(organization=world.org, name="2027-Q2")
    assert response.status_code == 302
    assert (q2.start, q2.end, q2.parent) == (date(2027, 4, 1), date(2027, 6, 30), world.annual)


def test_move_the_dates_of_a_cycle_to_come(world, q2):
    response = signed_in(world.admin).post(
        reverse("administration-cycle", args=[q2.pk]), {"start": "2027-04-05", "end": "2027-06-30"}
    )

    assert response.status_code == 302
    assert Cycle.objects.get(pk=q2.pk).start == date(2027, 4, 5)


def test_the_dates_of_a_started_cycle_are_refused_with_the_reason(world):
    client = signed_in(world.admin)
    url = reverse("administration-cycle", args=[world.quarter.pk])

    page = client.get(url)
    response = client.post(url, {"start": "2027-01-05", "end": "2027-03-31"})

    assert "2027-Q1 is active: its dates can no longer change." in page.content.decode()
    assert response.status_code == 422
    assert response.context["form"].errors["start"] == [
        "2027-Q1 is active: its dates can no longer change."
    ]
    assert Cycle.objects.get(pk=world.quarter.pk).start == date(2027, 1, 1)


def test_another_organisations_cycle_is_unknown(world, other_world):
    url = reverse("administration-cycle", args=[other_world["cycle"].pk])

    assert signed_in(world.admin).post(url, {"start": "2027-01-05"}).status_code == 404


def test_members_may_not_create_cycles(world):
    client = signed_in(world.alice)

    assert client.get(reverse("administration-cycles")).status_code == 403
    assert client.post(reverse("administration-cycle-next-quarter")).status_code == 403
    assert not Cycle.objects.filter(name="2027-Q2").exists()
