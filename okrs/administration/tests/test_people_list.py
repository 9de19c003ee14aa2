"""The people list: search, filters, paging, and a query count that does not grow with people."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import signed_in
from okrs.administration.invitations import invite_person
from okrs.organizations.actions import add_person, join_team
from okrs.organizations.models import Role
from okrs.organizations.people import deactivate_person

PEOPLE = "/administration/people/"


def listed(client, **query) -> str:
    """Return the people page's HTML for the query."""
    response = client.get(PEOPLE, query)
    assert response.status_code == 200
    return response.content.decode()


def test_an_admin_sees_everyone_with_role_teams_and_state(world, other_world):
    deactivate_person(world.bob, by=world.admin)

    page = listed(signed_in(world.admin))

    assert "Alice Doe" in page and "alice@acme.test" in page
    assert "Growth · lead" in page
    assert page.count('class="pill closed">Deactivated') == 1
    assert "Gina Globex" not in page and "globex" not in page.lower()
    assert '>3 active</a> · <a href="?state=deactivated">1 deactivated</a>' in page


def test_search_finds_people_by_name_or_email_in_any_case(world):
    client = signed_in(world.admin)

    by_name = listed(client, q="alice")
    by_email = listed(client, q="BOB@ACME")

    assert "Alice Doe" in by_name and "Bob Roe" not in by_name
    assert "Bob Roe" in by_email and "Alice Doe" not in by_email


def test_filters_by_team_role_and_state(world):
    deactivate_person(world.bob, by=world.admin)
    client = signed_in(world.admin)

    growth = listed(client, team="growth")
    stakeholders = listed(client, role=Role.STAKEHOLDER)
    deactivated = listed(client, state="deactivated")
    active_in_support = listed(client, team="support", state="active")

    assert "Alice Doe" in growth and "Bob Roe" not in growth
    assert "Sam Stakeholder" in stakeholders and "Alice Doe" not in stakeholders
    assert "Bob Roe" in deactivated and "Alice Doe" not in deactivated
    assert "No one matches these filters" in active_in_support


def test_nonsense_filters_are_ignored_and_an_unknown_team_said(world, other_world):
    client = signed_in(world.admin)

    page = listed(client, team="globex-ops", role="boss", state="zombie", page="x")

    assert "No team of yours goes by the team in this address" in page
    assert "globex" not in page
    assert "Alice Doe" in page and "Bob Roe" in page


def test_the_invited_state_lists_open_invitations_with_the_same_filters(world, mailoutbox):
    invite_person(world.org, "carol@acme.test", "Carol Poe", teams=[world.growth], by=world.admin)
    invite_person(world.org, "dan@acme.test", "Dan", Role.OKR_LEADER, by=world.admin)
    client = signed_in(world.admin)

    invited = listed(client, state="invited")
    in_growth = listed(client, state="invited", team="growth")
    leaders = listed(client, state="invited", role=Role.OKR_LEADER)

    assert "carol@acme.test" in invited and "dan@acme.test" in invited
    assert "Alice Doe" not in invited
    assert "carol@acme.test" in in_growth and "dan@acme.test" not in in_growth
    assert "dan@acme.test" in leaders and "carol@acme.test" not in leaders


def many_people(world, count: int, start: int = 0) -> None:
    """Add people to Acme, each in Support, every third one deactivated."""
    for number in range(start, start + count):
        person = add_person(world.org, f"p{number:03}@acme.test", f"Person {number:03}")
        join_team(person, world.support)
        join_team(person, world.growth)
        if number % 3 == 0:
            person.is_active = False
            person.save(update_fields=["is_active"])


def queries_for(client, **query) -> int:
    """Return how many queries the people page takes for the query."""
    with CaptureQueriesContext(connection) as queries:
        listed(client, **query)
    return len(queries)


def test_the_list_takes_a_few_queries_however_many_people(world, mailoutbox):
    client = signed_in(world.admin)
    many_people(world, 10)
    invite_person(world.org, "carol@acme.test", teams=[world.growth], by=world.admin)
    few = {
        "all": queries_for(client),
        "search": queries_for(client, q="person", team="support", role="member"),
        "invited": queries_for(client, state="invited"),
    }

    many_people(world, 120, start=10)
    for number in range(5):
        invite_person(world.org, f"i{number}@acme.test", teams=[world.growth], by=world.admin)
    many = {
        "all": queries_for(client),
        "search": queries_for(client, q="person", team="support", role="member"),
        "invited": queries_for(client, state="invited"),
    }

    # session, person, teams, counts by state, open invitations, page count, page rows, their teams
    assert many == few == {"all": 8, "search": 8, "invited": 8}


def test_the_list_is_paged_and_the_pages_keep_the_filters(world):
    many_people(world, 120)
    client = signed_in(world.admin)

    first = listed(client, team="support")
    third = listed(client, team="support", page=3)

    assert "Page 1 of 3" in first
    assert 'href="?team=support&amp;page=2"' in first
    assert first.count('class="person-name"') == 50
    assert third.count('class="person-name"') == 21  # Bob is in Support too
    assert "Person 119" in third


def test_only_admins_see_the_list(world):
    for person in (world.alice, world.sam):
        assert signed_in(person).get(PEOPLE).status_code == 403
