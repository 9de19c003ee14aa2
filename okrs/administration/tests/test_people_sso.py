"""Invited people and single sign-on: their first sign-in through the provider accepts."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from okrs.administration.invitations import cancel_invitation, invite_person
from okrs.administration.models import Invitation
from okrs.organizations.models import AdministrativeChange, Person, Role
from okrs.organizations.sso import discover
from tests.security.test_oidc import CLIENT_ID, CLIENT_SECRET, Provider, sign_on, signed_in_as

BACKEND = "okrs.administration.sso.InvitedSignOnBackend"


@pytest.fixture
def sso(settings):
    """Run a provider and configure single sign-on with it, as OKRS_OIDC_* would."""
    provider = Provider()
    discover.cache_clear()
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_ISSUER = provider.url
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    yield provider
    provider.close()
    discover.cache_clear()


def invite_carol(world, mailoutbox, **fields) -> str:
    """Invite Carol to Acme's Growth team; return her invitation link's path."""
    fields.setdefault("teams", [world.growth])
    invite_person(world.org, "carol@acme.test", "Carol", by=world.admin, **fields)
    return re.search(r"(/invitations/[\w-]+/)", mailoutbox[-1].body).group(1)


def through_the_invitation(client, link):
    """Open the invitation page, choose single sign-on and go through the provider."""
    page = client.get(link).content.decode()
    assert "Join with single sign-on" in page
    to_sign_on = client.get(f"{link}single-sign-on/")
    assert to_sign_on.status_code == 302
    return sign_on(client, start=to_sign_on.url)


def test_the_first_single_sign_on_accepts_the_invitation_with_its_role_and_teams(
    client, world, mailoutbox, sso
):
    link = invite_carol(world, mailoutbox, role=Role.OKR_LEADER)
    sso.user = {"email": "Carol@acme.test", "email_verified": True, "name": "Carol Poe"}

    response = through_the_invitation(client, link)

    carol = signed_in_as(client)
    assert response.url == "/"
    assert (carol.email, carol.name, carol.organization, carol.role) == (
        "carol@acme.test",
        "Carol Poe",
        world.org,
        Role.OKR_LEADER,
    )
    assert not carol.has_usable_password()
    assert carol.memberships.get().team == world.growth
    assert Invitation.objects.get().person == carol
    joined = AdministrativeChange.objects.get(action="person.joined")
    assert (
        joined.summary
        == "Carol Poe accepted the invitation by single sign-on and joined as OKR Leader"
    )
    assert Client().get(link).status_code == 410


def test_the_sign_in_page_button_works_for_an_invited_email_too(client, world, mailoutbox, sso):
    invite_carol(world, mailoutbox)
    sso.user = {"email": "carol@acme.test", "email_verified": True, "name": "Carol Poe"}

    sign_on(client)

    assert signed_in_as(client).organization == world.org


def test_the_invitation_wins_over_the_organisation_for_strangers(
    client, world, other_world, mailoutbox, sso, settings
):
    settings.OIDC_CREATE_PEOPLE = "globex"
    invite_carol(world, mailoutbox)
    sso.user = {"email": "carol@acme.test", "email_verified": True, "name": "Carol Poe"}

    sign_on(client)

    assert signed_in_as(client).organization == world.org


def test_another_account_at_the_provider_is_refused_with_what_to_do(client, world, mailoutbox, sso):
    link = invite_carol(world, mailoutbox)
    sso.user = {"email": "dave@elsewhere.test", "email_verified": True, "name": "Dave"}

    response = through_the_invitation(client, link)

    assert signed_in_as(client) is None
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [
        "Your single sign-on account is dave@elsewhere.test, but the invitation was sent to "
        "carol@acme.test. Sign in to the provider as carol@acme.test, or ask for an "
        "invitation to this address."
    ]
    assert not Person.objects.filter(email="dave@elsewhere.test").exists()
    assert Invitation.objects.get().state() == "pending"


def test_a_cancelled_invitation_lets_nobody_in(client, world, mailoutbox, sso):
    invite_carol(world, mailoutbox)
    cancel_invitation(Invitation.objects.get(), by=world.admin)
    sso.user = {"email": "carol@acme.test", "email_verified": True, "name": "Carol Poe"}

    sign_on(client)

    assert signed_in_as(client) is None
    assert not Person.objects.filter(email="carol@acme.test").exists()


def test_without_single_sign_on_the_invitation_offers_only_a_password(client, world, mailoutbox):
    link = invite_carol(world, mailoutbox)

    assert "single sign-on" not in client.get(link).content.decode()
    assert client.get(f"{link}single-sign-on/").url == link
