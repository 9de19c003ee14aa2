"""People imported without a password join by invitation, keeping their role and teams."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import PASSWORD, signed_in
from okrs.administration.import_invitations import invite_not_joined
from okrs.administration.invitations import (
    accept_by_single_sign_on,
    accept_invitation,
    invite_person,
    not_joined,
    waiting_for_invitation,
)
from okrs.administration.models import Invitation
from okrs.organizations.actions import add_person, join_team
from okrs.organizations.models import Person, Role
from okrs.organizations.people import deactivate_person

NEW_PASSWORD = "river-delta-lantern-77"


@pytest.fixture
def imported(world):
    """Give Acme three people imported from an org chart: no password, never signed in."""
    dee = add_person(world.org, "dee@acme.test", "Dee Okafor", Role.OKR_LEADER)
    join_team(dee, world.support, "lead")
    eli = add_person(world.org, "eli@acme.test", "Eli Brandt", Role.MEMBER)
    join_team(eli, world.growth)
    gone = add_person(world.org, "gus@acme.test", "Gus Moreno", Role.MEMBER)
    deactivate_person(gone, by=world.admin)
    return world


def link_in(message) -> str:
    """Return the path of the invitation link in an e-mail's text."""
    return re.search(r"https?://[^/\s]+(/invitations/[\w-]+/)", message.body).group(1)


def test_only_the_active_people_who_never_joined_wait_for_an_invitation(imported):
    waiting = waiting_for_invitation(imported.org).order_by("email")

    assert [person.email for person in waiting] == ["dee@acme.test", "eli@acme.test"]


def test_one_click_invites_each_with_the_role_and_teams_they_have(imported, mailoutbox):
    sent = invite_not_joined(imported.org, by=imported.admin)

    assert [one.invitation.email for one in sent] == ["dee@acme.test", "eli@acme.test"]
    assert all(one.problem == "" for one in sent)
    dee = Invitation.objects.get(email="dee@acme.test")
    assert (dee.name, dee.role, list(dee.teams.all())) == (
        "Dee Okafor",
        Role.OKR_LEADER,
        [imported.support],
    )
    assert "You join as OKR Leader, in Support." in mailoutbox[0].body
    assert invite_not_joined(imported.org, by=imported.admin) == []  # invited already
    assert Invitation.objects.count() == 2


def test_an_imported_lead_joins_by_the_link_and_stays_the_lead(imported, mailoutbox):
    invite_not_joined(imported.org, by=imported.admin)
    dee = Person.objects.get(email="dee@acme.test")
    client = Client()

    answer = client.post(
        link_in(mailoutbox[0]),
        {"name": "Dee Okafor-Lund", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert answer.status_code == 302 and answer.url == "/"
    joined = Person.objects.get(pk=dee.pk)
    assert joined.name == "Dee Okafor-Lund" and joined.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(dee.pk)
    assert list(joined.memberships.values_list("team__name", "role")) == [("Support", "lead")]
    assert Person.objects.filter(email="dee@acme.test").count() == 1
    assert Invitation.objects.get(email="dee@acme.test").person == joined
    assert [person.email for person in not_joined(imported.org)] == ["eli@acme.test"]


def test_an_admin_may_invite_an_imported_person_with_another_role_and_team(imported):
    sent = invite_person(
        imported.org, "eli@acme.test", role=Role.OKR_PRACTITIONER, teams=[imported.support]
    )

    eli = accept_invitation(sent.invitation, "Eli Brandt", NEW_PASSWORD)

    assert eli.role == Role.OKR_PRACTITIONER
    assert sorted(eli.memberships.values_list("team__name", flat=True)) == ["Growth", "Support"]


def test_a_weak_password_keeps_the_imported_person_out(imported):
    sent = invite_person(imported.org, "eli@acme.test")

    with pytest.raises(ValidationError, match="too short"):
        accept_invitation(sent.invitation, "Eli Brandt", "123")

    assert not Person.objects.get(email="eli@acme.test").has_usable_password()
    assert Invitation.objects.get().accepted_at is None


def test_single_sign_on_lets_an_imported_person_in_without_a_password(imported):
    sent = invite_person(imported.org, "eli@acme.test")

    eli = accept_by_single_sign_on(sent.invitation, "Eli Brandt")

    assert eli.pk == Person.objects.get(email="eli@acme.test").pk
    assert not eli.has_usable_password()
    assert Invitation.objects.get().accepted_at is not None


def test_people_who_joined_or_left_cannot_be_invited_again(imported):
    for email in ("alice@acme.test", "gus@acme.test"):
        with pytest.raises(ValidationError, match="already"):
            invite_person(imported.org, email)
    assert not Invitation.objects.exists()


def test_the_people_page_offers_the_invitations_and_sends_them(imported, mailoutbox):
    admin = signed_in(imported.admin)

    page = admin.get("/administration/people/").content.decode()
    assert "Invite the 2 people yet to join" in page
    answer = admin.post("/administration/people/invite-not-joined/", follow=True)

    assert "Sent 2 invitations." in answer.content.decode()
    assert len(mailoutbox) == 2
    assert "people yet to join" not in admin.get("/administration/people/").content.decode()


def test_only_admins_send_them(imported):
    answer = signed_in(imported.alice).post("/administration/people/invite-not-joined/")

    assert answer.status_code == 403
    assert not Invitation.objects.exists()


def test_without_an_smtp_server_the_admin_learns_the_invitations_did_not_leave(
    imported, settings, capsys
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    admin = signed_in(imported.admin)

    form = admin.get("/administration/people/invite/").content.decode()
    one = admin.post(
        "/administration/people/invite/", {"email": "ivy@acme.test", "role": "member"}, follow=True
    )
    all_of_them = admin.post("/administration/people/invite-not-joined/", follow=True)

    assert "E-mail is not set up yet" in form
    assert "E-mail is not set up, so send ivy@acme.test this link yourself" in one.content.decode()
    assert "2 invitations are saved, but e-mail is not set up" in all_of_them.content.decode()
    assert "/invitations/" in capsys.readouterr().out  # the server's output has the links
    assert Invitation.objects.count() == 3


def test_without_an_smtp_server_the_admin_passes_the_link_on_and_it_lets_the_person_in(
    imported, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    page = signed_in(imported.admin).post(
        "/administration/people/invite/", {"email": "ivy@acme.test", "role": "member"}, follow=True
    )
    [link] = re.findall(r"http://[^\s<]+/invitations/[\w-]+/", page.content.decode())

    path = link.split("://", 1)[1].split("/", 1)[1]
    accepted = Client().post(
        f"/{path}", {"name": "Ivy Green", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert accepted.status_code == 302
    assert Person.objects.get(email="ivy@acme.test").check_password(PASSWORD)
