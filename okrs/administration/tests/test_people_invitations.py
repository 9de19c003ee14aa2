"""Inviting people by e-mail: the invitation, its single-use link, resending and cancelling."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import signed_in
from okrs.administration.invitations import (
    accept_invitation,
    cancel_invitation,
    invite_person,
    resend_invitation,
)
from okrs.administration.models import Invitation
from okrs.organizations.models import AdministrativeChange, Person, Role

NEW_PASSWORD = "river-delta-lantern-77"


def link_in(message) -> str:
    """Return the path of the invitation link in an e-mail's text."""
    return re.search(r"https?://[^/\s]+(/invitations/[\w-]+/)", message.body).group(1)


def invite_carol(world, mailoutbox, **fields):
    """Invite Carol to Acme as a member of Growth; return the invitation and its link's path."""
    fields.setdefault("teams", [world.growth])
    sent = invite_person(world.org, "Carol@Acme.test ", "Carol Poe", by=world.admin, **fields)
    assert sent.problem == ""
    return sent.invitation, link_in(mailoutbox[-1])


def test_an_invitation_is_mailed_with_a_link_whose_token_is_kept_only_as_a_hash(world, mailoutbox):
    invitation, link = invite_carol(world, mailoutbox, role=Role.OKR_PRACTITIONER)

    message = mailoutbox[0]
    token = link.split("/")[2]
    assert message.to == ["carol@acme.test"]
    assert message.subject == "Ada Admin invited you to Acme Water on okrs"
    assert "You join as OKR Practitioner, in Growth." in message.body
    assert "The link works once, until 14 December 2026" in message.body
    assert link in message.alternatives[0][0]
    row = Invitation.objects.values().get(pk=invitation.pk)
    assert token not in str(row) and len(token) >= 40
    assert invitation.expires_at == invitation.created_at + timedelta(days=7)
    change = AdministrativeChange.objects.get(action="person.invited")
    assert (change.actor, change.summary) == (
        world.admin,
        "carol@acme.test was invited as OKR Practitioner in Growth",
    )


def test_the_invited_person_sets_a_password_and_is_signed_in_with_role_and_teams(world, mailoutbox):
    _, link = invite_carol(world, mailoutbox, role=Role.OKR_LEADER)
    client = Client()
    page = client.get(link)
    assert page.status_code == 200
    assert "Ada Admin invited <strong>carol@acme.test</strong> as OKR Leader, in Growth" in (
        page.content.decode()
    )

    response = client.post(
        link, {"name": "Carol Poe", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302 and response.url == "/"
    carol = Person.objects.get(email="carol@acme.test")
    assert (carol.organization, carol.role, carol.name) == (world.org, Role.OKR_LEADER, "Carol Poe")
    assert list(carol.memberships.values_list("team__name", "role")) == [("Growth", "member")]
    assert client.session["_auth_user_id"] == str(carol.pk)
    assert client.get("/").status_code == 200
    assert Client().login(username="carol@acme.test", password=NEW_PASSWORD)
    joined = AdministrativeChange.objects.get(action="person.joined")
    assert (joined.actor, joined.person) == (carol, carol)


def test_the_link_is_dead_once_used(world, mailoutbox):
    invitation, link = invite_carol(world, mailoutbox)
    body = {"name": "Carol Poe", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    Client().post(link, body)

    again = Client().post(link, dict(body, name="Mallory"))

    assert again.status_code == 410
    assert "This invitation was already used" in again.content.decode()
    assert Person.objects.filter(email="carol@acme.test").get().name == "Carol Poe"
    with pytest.raises(Exception, match="accepted"):
        accept_invitation(invitation, "Mallory", NEW_PASSWORD)


def test_the_password_must_pass_the_rules_and_nothing_is_created_otherwise(world, mailoutbox):
    _, link = invite_carol(world, mailoutbox)
    client = Client()

    weak = client.post(link, {"name": "Carol Poe", "password1": "123", "password2": "123"})
    differ = client.post(
        link, {"name": "Carol Poe", "password1": NEW_PASSWORD, "password2": "something-else-1"}
    )
    like_email = client.post(
        link, {"name": "Carol Poe", "password1": "carolacme", "password2": "carolacme"}
    )

    assert weak.status_code == 422
    assert "This password is too short" in weak.content.decode()
    assert "entirely numeric" in weak.content.decode()
    assert "The two passwords differ" in differ.content.decode()
    assert "too similar" in like_email.content.decode()
    assert not Person.objects.filter(email="carol@acme.test").exists()
    assert "_auth_user_id" not in client.session


def test_the_link_expires_after_seven_days(world, mailoutbox, clock):
    invitation, link = invite_carol(world, mailoutbox)

    clock.move_to(invitation.expires_at - timedelta(minutes=1))
    assert Client().get(link).status_code == 200
    clock.move_to(invitation.expires_at + timedelta(seconds=1))
    expired = Client().post(
        link, {"name": "Carol Poe", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert expired.status_code == 410
    assert "This invitation has expired" in expired.content.decode()
    assert "Ask Ada Admin to send it again" in expired.content.decode()
    assert not Person.objects.filter(email="carol@acme.test").exists()


def test_resending_gives_a_new_link_and_the_old_one_says_it_was_replaced(world, mailoutbox, clock):
    invitation, old = invite_carol(world, mailoutbox)
    clock.move_to(invitation.expires_at + timedelta(days=3))  # expired: resending revives it

    sent = resend_invitation(invitation, by=world.admin)

    new = link_in(mailoutbox[-1])
    assert new != old and sent.problem == ""
    stale = Client().get(old)
    assert stale.status_code == 410
    assert "A newer invitation replaced this one" in stale.content.decode()
    assert Client().get(new).status_code == 200
    invitation.refresh_from_db()
    assert invitation.expires_at - invitation.sent_at == timedelta(days=7)
    assert invitation.sent_at > invitation.created_at + timedelta(days=10)
    assert AdministrativeChange.objects.filter(action="person.invitation_resent").count() == 1


def test_a_cancelled_invitation_link_says_so(world, mailoutbox):
    invitation, link = invite_carol(world, mailoutbox)

    cancel_invitation(invitation, by=world.admin)

    page = Client().get(link)
    assert page.status_code == 410
    assert "This invitation was cancelled" in page.content.decode()
    with pytest.raises(ValidationError, match="cancelled"):
        resend_invitation(invitation, by=world.admin)
    assert AdministrativeChange.objects.filter(action="person.invitation_cancelled").count() == 1


def test_a_made_up_link_is_not_valid(db):
    page = Client().get("/invitations/not-a-real-token/")

    assert page.status_code == 404
    assert "This invitation link is not valid" in page.content.decode()


def test_inviting_someone_who_exists_is_a_clear_error_that_never_says_where(
    world, other_world, mailoutbox
):
    with pytest.raises(ValidationError) as ours:
        invite_person(world.org, "ALICE@acme.test", by=world.admin)
    with pytest.raises(ValidationError) as theirs:
        invite_person(world.org, "gina@globex.test", by=world.admin)

    assert ours.value.message_dict["email"] == [
        "alice@acme.test is already Alice Doe's address here."
    ]
    assert theirs.value.message_dict["email"] == [
        "gina@globex.test cannot be invited: the address is already in use."
    ]
    assert "Globex" not in str(theirs.value)
    assert not Invitation.objects.exists() and mailoutbox == []


def test_bad_input_names_the_field_and_stores_nothing(world, other_world, mailoutbox):
    cases = [
        ({"email": "not-an-address"}, "email", "is not an e-mail address"),
        ({"email": ""}, "email", "enter the address"),
        ({"email": "x@acme.test", "role": "boss"}, "role", "'boss' is not a role"),
        ({"email": "x@acme.test", "name": "N" * 201}, "name", "at most 200 characters"),
        ({"email": "x@acme.test", "teams": [other_world["team"]]}, "teams", "your own"),
    ]
    for fields, field, problem in cases:
        with pytest.raises(ValidationError) as error:
            invite_person(world.org, by=world.admin, **fields)
        assert problem in " ".join(error.value.message_dict[field]), fields
    assert not Invitation.objects.exists() and mailoutbox == []
    assert not AdministrativeChange.objects.exists()


def test_a_pending_invitation_is_resent_not_duplicated_and_an_expired_one_gives_way(
    world, mailoutbox, clock
):
    first, _ = invite_carol(world, mailoutbox)
    with pytest.raises(ValidationError, match="resend that invitation"):
        invite_person(world.org, "carol@acme.test", by=world.admin)

    clock.move_to(first.expires_at + timedelta(hours=1))
    second = invite_person(world.org, "carol@acme.test", by=world.admin).invitation

    first.refresh_from_db()
    assert first.state() == "cancelled" and second.state() == "pending"


def test_a_mail_server_that_fails_is_reported_and_the_invitation_kept(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 9, False
    client = signed_in(world.admin)

    response = client.post(
        "/administration/people/invite/", {"email": "dan@acme.test", "role": "member"}, follow=True
    )

    page = response.content.decode()
    assert "The invitation of dan@acme.test is saved, but its e-mail could not be sent" in page
    assert Invitation.objects.filter(email="dan@acme.test").exists()


def test_an_admin_invites_from_the_page_and_sees_the_invitation_listed(world, mailoutbox):
    client = signed_in(world.admin)
    form = client.get("/administration/people/invite/")
    assert form.status_code == 200 and "Support" in form.content.decode()

    response = client.post(
        "/administration/people/invite/",
        {
            "email": "dan@acme.test",
            "name": "Dan",
            "role": "okr-leader",
            "teams": [world.support.pk],
        },
        follow=True,
    )

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/administration/people/?state=invited"
    assert "Invitation sent to dan@acme.test." in page
    assert "dan@acme.test" in page and "OKR Leader" in page
    assert mailoutbox[0].to == ["dan@acme.test"]


def test_the_invite_form_shows_the_error_beside_the_field(world, other_world, mailoutbox):
    client = signed_in(world.admin)

    existing = client.post(
        "/administration/people/invite/", {"email": "gina@globex.test", "role": "member"}
    )
    foreign_team = client.post(
        "/administration/people/invite/",
        {"email": "dan@acme.test", "role": "member", "teams": [other_world["team"].pk]},
    )

    assert existing.status_code == 422
    assert "gina@globex.test cannot be invited" in existing.content.decode()
    assert "Globex" not in existing.content.decode()
    assert foreign_team.status_code == 422
    assert "Select a valid choice" in foreign_team.content.decode()
    assert not Invitation.objects.exists() and mailoutbox == []


def test_resend_and_cancel_from_the_list(world, mailoutbox):
    invitation, old = invite_carol(world, mailoutbox)
    client = signed_in(world.admin)

    resent = client.post(f"/administration/people/invitations/{invitation.pk}/resend/", follow=True)
    assert "Invitation sent again to carol@acme.test." in resent.content.decode()
    assert len(mailoutbox) == 2 and link_in(mailoutbox[1]) != old

    cancelled = client.post(
        f"/administration/people/invitations/{invitation.pk}/cancel/", follow=True
    )
    assert "The invitation of carol@acme.test is cancelled." in cancelled.content.decode()
    assert Client().get(link_in(mailoutbox[1])).status_code == 410
    assert "No invitation is waiting" in cancelled.content.decode()


def test_another_organisations_invitation_is_unknown(world, other_world, mailoutbox):
    theirs = invite_person(other_world["org"], "zed@globex.test", by=other_world["person"])
    client = signed_in(world.admin)

    for action in ("resend", "cancel"):
        url = f"/administration/people/invitations/{theirs.invitation.pk}/{action}/"
        assert client.post(url).status_code == 404
    theirs.invitation.refresh_from_db()
    assert theirs.invitation.state() == "pending"
    assert len(mailoutbox) == 1


def test_only_admins_invite(world, mailoutbox):
    for person in (world.alice, world.sam):
        client = signed_in(person)
        assert client.get("/administration/people/invite/").status_code == 403
        response = client.post("/administration/people/invite/", {"email": "x@acme.test"})
        assert response.status_code == 403
    assert not Invitation.objects.exists()
