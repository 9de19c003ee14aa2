"""An invitation end to end through a real SMTP server on 127.0.0.1: mail, link, password, in."""

import re
from datetime import timedelta

import pytest
from django.test import Client

from conftest import signed_in
from okrs.administration.models import Invitation
from okrs.organizations.models import Person
from tests.mailbox import Mailbox

PASSWORD = "river-delta-lantern-77"
INVITE = "/administration/people/invite/"


@pytest.fixture
def mailbox(settings):
    """Run an SMTP receiver and point Django's SMTP backend at it."""
    box = Mailbox()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", box.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.BASE_URL = "http://testserver"
    settings.DEFAULT_FROM_EMAIL = "okrs@acme.test"
    yield box
    box.stop()


def link_in(mailbox, index=-1) -> str:
    """Return the path of the invitation link in a received e-mail."""
    found = re.search(r"http://testserver(/invitations/[\w-]+/)", mailbox.text(index))
    assert found, mailbox.text(index)
    return found.group(1)


def invite_carol(world, mailbox) -> str:
    """Invite Carol to Growth from the administration; return her link's path."""
    body = {
        "email": "carol@acme.test",
        "name": "Carol",
        "role": "member",
        "teams": [world.growth.pk],
    }
    response = signed_in(world.admin).post(INVITE, body, follow=True)
    assert "Invitation sent to carol@acme.test." in response.content.decode()
    return link_in(mailbox)


def join(link, name="Carol Poe"):
    """Accept the invitation in a fresh browser; return the client and the answer."""
    client = Client()
    return client, client.post(link, {"name": name, "password1": PASSWORD, "password2": PASSWORD})


def test_invite_mail_link_password_signed_in_and_the_link_is_dead(world, mailbox):
    link = invite_carol(world, mailbox)

    assert mailbox.envelopes == [("okrs@acme.test", ["carol@acme.test"])]
    message = mailbox.messages[0]
    assert message["Subject"] == "Ada Admin invited you to Acme Water on okrs"
    assert "You join as Member, in Growth." in mailbox.text()
    assert message.get_body(preferencelist=("html",)) is not None
    assert "Join Acme Water" in Client().get(link).content.decode()

    client, joined = join(link)

    assert joined.status_code == 302 and joined.url == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Welcome to Acme Water, Carol." in home.content.decode()
    carol = Person.objects.get(email="carol@acme.test")
    assert client.session["_auth_user_id"] == str(carol.pk)
    assert carol.memberships.get().team == world.growth
    again = Client().get(link)
    assert again.status_code == 410
    assert "This invitation was already used" in again.content.decode()
    _, twice = join(link, "Mallory")
    assert twice.status_code == 410
    assert Person.objects.filter(email="carol@acme.test").count() == 1


def test_the_mailed_link_expires_after_seven_days(world, mailbox, clock):
    link = invite_carol(world, mailbox)

    clock.move_to(Invitation.objects.get().expires_at + timedelta(seconds=1))
    _, late = join(link)

    assert late.status_code == 410
    assert "This invitation has expired" in late.content.decode()
    assert not Person.objects.filter(email="carol@acme.test").exists()


def test_a_resent_invitation_mails_a_new_link_and_only_that_one_works(world, mailbox):
    old = invite_carol(world, mailbox)
    invitation = Invitation.objects.get()

    signed_in(world.admin).post(f"/administration/people/invitations/{invitation.pk}/resend/")

    assert len(mailbox.messages) == 2
    new = link_in(mailbox)
    assert new != old
    _, stale = join(old)
    assert stale.status_code == 410
    assert "A newer invitation replaced this one" in stale.content.decode()
    _, joined = join(new)
    assert joined.status_code == 302


def test_a_cancelled_invitation_mail_leads_nowhere(world, mailbox):
    link = invite_carol(world, mailbox)
    invitation = Invitation.objects.get()

    signed_in(world.admin).post(f"/administration/people/invitations/{invitation.pk}/cancel/")
    _, refused = join(link)

    assert refused.status_code == 410
    assert "This invitation was cancelled" in refused.content.decode()
    assert not Person.objects.filter(email="carol@acme.test").exists()
