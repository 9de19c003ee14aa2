"""A person's page: role, teams and access, each change kept in their history."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD, signed_in
from okrs.administration.invitations import accept_invitation, invite_person
from okrs.organizations.models import AdministrativeChange, Membership, Person, Role
from okrs.organizations.people import change_role


def page_of(person) -> str:
    return f"/administration/people/{person.pk}/"


def actions_about(person) -> list[str]:
    """Return the actions of the changes about the person, oldest first."""
    rows = AdministrativeChange.objects.filter(person=person).order_by("at", "id")
    return list(rows.values_list("action", flat=True))


def test_the_page_shows_teams_role_state_and_history(world):
    client = signed_in(world.admin)
    client.post(f"{page_of(world.alice)}role/", {"role": Role.OKR_LEADER})

    page = client.get(page_of(world.alice)).content.decode()

    assert "<h1>Alice Doe" in page
    assert 'href="/teams/growth/"' in page
    assert '<option value="lead" selected>Lead</option>' in page
    assert "Alice Doe is now OKR Leader (was Member)" in page
    assert 'class="pill on-track">Active' in page


def test_changing_the_role_is_kept_in_the_history(world):
    response = signed_in(world.admin).post(
        f"{page_of(world.bob)}role/", {"role": "okr-practitioner"}
    )

    assert response.status_code == 302
    world.bob.refresh_from_db()
    assert world.bob.role == Role.OKR_PRACTITIONER
    change = AdministrativeChange.objects.get(person=world.bob)
    assert (change.actor, change.action) == (world.admin, "person.role_changed")


def test_a_role_that_does_not_exist_is_refused_by_name(world):
    response = signed_in(world.admin).post(f"{page_of(world.bob)}role/", {"role": "boss"})

    assert response.status_code == 422
    assert "Role: choose one of the roles." in response.content.decode()
    world.bob.refresh_from_db()
    assert world.bob.role == Role.MEMBER


def test_the_last_admin_cannot_step_down_nor_deactivate_themselves(world):
    client = signed_in(world.admin)

    step_down = client.post(f"{page_of(world.admin)}role/", {"role": "member"})
    deactivate = client.post(f"{page_of(world.admin)}deactivate/")

    assert step_down.status_code == 422
    assert "is the organisation&#x27;s last admin" in step_down.content.decode()
    assert deactivate.status_code == 422
    assert "You cannot deactivate yourself" in deactivate.content.decode()
    world.admin.refresh_from_db()
    assert world.admin.role == Role.ADMIN and world.admin.is_active
    assert not AdministrativeChange.objects.exists()


def test_an_admin_who_steps_down_is_sent_home(world):
    Person.objects.filter(pk=world.bob.pk).update(role=Role.ADMIN)

    response = signed_in(world.admin).post(f"{page_of(world.admin)}role/", {"role": "okr-leader"})

    assert response.url == "/"


def test_deactivate_and_reactivate(world):
    client = signed_in(world.admin)
    alice = signed_in(world.alice)

    client.post(f"{page_of(world.alice)}deactivate/")

    assert alice.get("/").status_code == 302  # signed out on the spot
    assert not Client().login(username=world.alice.email, password=PASSWORD)
    assert (
        "Deactivated: Alice Doe cannot sign in."
        in client.get(page_of(world.alice)).content.decode()
    )
    client.post(f"{page_of(world.alice)}reactivate/")
    assert Client().login(username=world.alice.email, password=PASSWORD)
    assert actions_about(world.alice) == ["person.deactivated", "person.reactivated"]


def test_add_to_a_team_set_the_team_role_move_and_remove(world):
    client = signed_in(world.admin)
    bob = world.bob

    client.post(f"{page_of(bob)}teams/", {"team": world.growth.pk, "team_role": "member"})
    client.post(f"{page_of(bob)}teams/", {"team": world.growth.pk, "team_role": "lead"})
    client.post(f"{page_of(bob)}teams/{world.support.pk}/move/", {"to_team": world.marketing.pk})
    client.post(f"{page_of(bob)}teams/{world.growth.pk}/leave/")

    teams = Membership.objects.filter(person=bob).values_list("team__name", "role")
    assert list(teams) == [("Marketing", "member")]
    assert actions_about(bob) == [
        "team.member_added",
        "team.member_role_changed",
        "team.member_moved",
        "team.member_removed",
    ]
    summaries = AdministrativeChange.objects.filter(person=bob).values_list("summary", flat=True)
    assert "Bob Roe moved from Support to Marketing" in summaries
    assert all(change.actor == world.admin for change in AdministrativeChange.objects.all())


def test_moving_keeps_the_team_role(world):
    signed_in(world.admin).post(
        f"{page_of(world.alice)}teams/{world.growth.pk}/move/", {"to_team": world.support.pk}
    )

    assert world.alice.memberships.get().team == world.support
    assert world.alice.memberships.get().role == "lead"


def test_moving_into_a_team_they_are_in_is_refused(world):
    Membership.objects.create(
        organization=world.org, person=world.alice, team=world.support, role="member"
    )

    response = signed_in(world.admin).post(
        f"{page_of(world.alice)}teams/{world.growth.pk}/move/", {"to_team": world.support.pk}
    )

    assert response.status_code == 422
    assert "Alice Doe is already in Support." in response.content.decode()
    assert world.alice.memberships.count() == 2


def test_bad_team_input_is_refused_and_changes_nothing(world, other_world):
    client = signed_in(world.admin)
    globex_team = other_world["team"]

    foreign = client.post(
        f"{page_of(world.bob)}teams/", {"team": globex_team.pk, "team_role": "member"}
    )
    bad_role = client.post(
        f"{page_of(world.bob)}teams/", {"team": world.growth.pk, "team_role": "boss"}
    )
    foreign_move = client.post(
        f"{page_of(world.bob)}teams/{world.support.pk}/move/", {"to_team": globex_team.pk}
    )
    foreign_path = client.post(f"{page_of(world.bob)}teams/{globex_team.pk}/leave/")

    assert (foreign.status_code, bad_role.status_code, foreign_move.status_code) == (422, 422, 422)
    assert "Team: Select a valid choice" in foreign.content.decode()
    assert "Team role: Select a valid choice" in bad_role.content.decode()
    assert foreign_path.status_code == 404
    assert list(world.bob.memberships.values_list("team__name", flat=True)) == ["Support"]
    assert not AdministrativeChange.objects.exists()


def test_another_organisations_person_is_unknown(world, other_world):
    gina = other_world["person"]
    client = signed_in(world.admin)

    assert client.get(page_of(gina)).status_code == 404
    for action in ("role/", "deactivate/", "reactivate/"):
        assert client.post(f"{page_of(gina)}{action}", {"role": "member"}).status_code == 404
    gina.refresh_from_db()
    assert gina.is_active and gina.role == Role.ADMIN


def test_the_history_of_an_invited_person_starts_with_the_invitation(world, mailoutbox):
    sent = invite_person(world.org, "carol@acme.test", "Carol", by=world.admin)
    carol = accept_invitation(sent.invitation, "Carol Poe", "river-delta-lantern-77")

    page = signed_in(world.admin).get(page_of(carol)).content.decode()

    assert "carol@acme.test was invited as Member" in page
    assert "Carol Poe accepted the invitation and joined as Member" in page


def test_only_admins_open_or_change_a_person(world):
    for person in (world.alice, world.sam):
        client = signed_in(person)
        assert client.get(page_of(world.bob)).status_code == 403
        assert client.post(f"{page_of(world.bob)}role/", {"role": "admin"}).status_code == 403
    world.bob.refresh_from_db()
    assert world.bob.role == Role.MEMBER


def test_the_page_takes_the_same_queries_however_long_the_history(world):
    client = signed_in(world.admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page_of(world.alice)).status_code == 200
        return len(captured)

    change_role(world.alice, Role.OKR_LEADER, by=world.admin)
    few = queries()
    for role in [Role.MEMBER, Role.OKR_PRACTITIONER] * 15:
        change_role(world.alice, role, by=world.admin)
    Membership.objects.create(organization=world.org, person=world.alice, team=world.support)

    # session, signed-in person, the person, their teams, history count and page, all teams
    assert queries() == few == 7
