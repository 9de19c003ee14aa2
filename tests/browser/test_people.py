"""An admin finds people, invites a colleague who joins by the mailed link, sets role and teams."""

import re

import pytest
from django.core import mail

from conftest import PASSWORD
from okrs.organizations.actions import add_person, join_team
from okrs.organizations.models import Role
from okrs.organizations.people import deactivate_person
from tests.browser.conftest import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "river-delta-lantern-77"


@pytest.fixture
def acme(world):
    """Give Acme a few more colleagues, in teams, one of them deactivated."""
    for email, name, role, team, lead in [
        ("dee@acme.test", "Dee Okafor", Role.OKR_LEADER, world.marketing, True),
        ("eli@acme.test", "Eli Brandt", Role.MEMBER, world.growth, False),
        ("fay@acme.test", "Fay Lindqvist", Role.OKR_PRACTITIONER, world.support, False),
        ("gus@acme.test", "Gus Moreno", Role.MEMBER, world.support, True),
        ("hal@acme.test", "Hal Iverson", Role.MEMBER, world.growth, False),
    ]:
        join_team(
            add_person(world.org, email, name, role, PASSWORD), team, "lead" if lead else "member"
        )
    deactivate_person(world.bob, by=world.admin)
    return world


def sign_in(page, live_server, email, password=PASSWORD):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_an_admin_invites_a_colleague_who_joins_and_gets_a_role_and_a_team(
    page, browser, live_server, acme
):
    sign_in(page, live_server, "admin@acme.test")
    page.get_by_role("link", name="Administration").click()
    page.locator(".subnav").get_by_role("link", name="People", exact=True).click()
    page.get_by_role("heading", name="People", exact=True).wait_for()
    rows = page.locator("table.people tbody tr")
    assert rows.count() == 9
    assert "Deactivated" in rows.filter(has_text="Bob Roe").inner_text()
    shoot(page, "people-list")

    page.get_by_label("Team").select_option(label="Support")
    page.wait_for_url(re.compile(r"team=support"))
    page.locator("table.people tbody tr").filter(has_text="Gus Moreno").wait_for()
    assert page.locator("table.people tbody tr").count() == 3
    page.get_by_label("Search by name or e-mail").fill("fay")
    page.wait_for_url(re.compile(r"q=fay"))
    assert page.locator("table.people tbody tr").count() == 1
    shoot(page, "people-filtered")

    page.get_by_role("link", name="Invite someone").click()
    page.get_by_label("E-mail").fill("carol@acme.test")
    page.get_by_label("Name").fill("Carol Poe")
    page.get_by_label("Role").select_option(label="OKR Practitioner")
    page.get_by_label("Growth").check()
    shoot(page, "people-invite")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("Invitation sent to carol@acme.test.").wait_for()
    invited = page.locator("table.invitations tbody tr")
    assert "carol@acme.test" in invited.inner_text() and "Pending" in invited.inner_text()
    shoot(page, "people-invitations")

    link = re.search(r"https?://\S+(/invitations/[\w-]+/)", mail.outbox[-1].body).group(1)
    carol = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    carol.goto(f"{live_server.url}{link}")
    carol.get_by_role("heading", name="Join Acme Water").wait_for()
    assert carol.get_by_label("Your name").input_value() == "Carol Poe"
    carol.locator("#id_password1").fill("123")
    carol.locator("#id_password2").fill("123")
    carol.get_by_role("button", name="Join Acme Water").click()
    carol.get_by_text("This password is too short").wait_for()
    shoot(carol, "people-accept-error")
    carol.locator("#id_password1").fill(NEW_PASSWORD)
    carol.locator("#id_password2").fill(NEW_PASSWORD)
    shoot(carol, "people-accept")
    carol.get_by_role("button", name="Join Acme Water").click()
    carol.get_by_text("Welcome to Acme Water, Carol.").wait_for()
    shoot(carol, "people-joined")
    carol.goto(f"{live_server.url}{link}")
    carol.get_by_role("heading", name="This invitation was already used").wait_for()
    shoot(carol, "people-link-used")

    page.goto(f"{live_server.url}/administration/people/?q=carol")
    page.get_by_role("link", name="Carol Poe").click()
    page.get_by_role("heading", name="Carol Poe").wait_for()
    page.locator("#id_role").select_option(label="OKR Leader")
    page.get_by_role("button", name="Change role").click()
    page.get_by_text("Carol Poe is now OKR Leader.").wait_for()
    page.get_by_label("Add to").select_option(label="Support")
    page.locator("#add-team-role").select_option(label="Lead")
    page.get_by_role("button", name="Add to team").click()
    page.get_by_text("Carol Poe leads Support.").wait_for()
    teams = page.locator("table.person-teams tbody tr")
    teams.nth(1).wait_for()  # the page may show its message before the table is laid out
    assert teams.count() == 2
    history = page.locator("section[aria-labelledby='history-title']").inner_text()
    assert "Carol Poe joined Support as lead" in history
    assert "carol@acme.test was invited as OKR Practitioner in Growth" in history
    shoot(page, "people-person")
