"""Sign-in hardening: lockout, password rules, sliding sessions and signing out everywhere."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from okrs.api.actions import create_token
from okrs.organizations.actions import add_person, set_password
from okrs.organizations.sessions import RENEWED_AT

pytestmark = pytest.mark.django_db

STRONG = "river-otter-lantern-42"


def sign_in(client, email, password=PASSWORD):
    """Post the sign-in form and return the response."""
    return client.post(reverse("login"), {"username": email, "password": password})


def fail(client, email, times):
    """Post a wrong password for the e-mail the given number of times."""
    for _ in range(times):
        response = sign_in(client, email, "wrong-password")
        assert response.status_code == 200
        assert "Please enter a correct e-mail address and password" in response.content.decode()


def is_signed_in(client) -> bool:
    """Return whether the client's next page request is served (not sent to sign in)."""
    return client.get(reverse("home")).status_code == 200


def lock_out(client, email, limit=5):
    """Fail to sign in until the lockout; return the response to the failure that locks."""
    fail(client, email, limit - 1)
    response = sign_in(client, email, "wrong-password")
    assert response.status_code == 429
    return response


def test_the_fifth_wrong_password_locks_the_email_out_with_a_friendly_page(client, world):
    lock_out(client, "alice@acme.test")

    response = sign_in(client, "alice@acme.test")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many attempts" in page
    assert "alice@acme.test" in page
    assert "after 5 failed attempts" in page
    assert "Try again in 15 minutes" in page
    assert 'href="/login/"' in page
    assert not is_signed_in(client)


def test_lockout_is_per_email_and_address(client, world):
    lock_out(client, "alice@acme.test")

    assert sign_in(client, "bob@acme.test").status_code == 302
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert sign_in(elsewhere, "alice@acme.test").status_code == 302
    assert is_signed_in(elsewhere)


def test_changing_the_case_of_the_email_does_not_dodge_the_lockout(client, world):
    for email in ["alice@acme.test", "ALICE@acme.test", " Alice@Acme.Test", "alice@ACME.test"]:
        fail(client, email, 1)

    assert sign_in(client, "aLiCe@acme.test", "wrong-password").status_code == 429
    assert sign_in(client, "alice@acme.test").status_code == 429


def test_the_lockout_ends_after_the_cool_off(client, world):
    lock_out(client, "alice@acme.test")

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert sign_in(client, "alice@acme.test").status_code == 302
    assert is_signed_in(client)


def test_signing_in_clears_earlier_failures(client, world):
    fail(client, "alice@acme.test", 4)
    assert sign_in(client, "alice@acme.test").status_code == 302
    client.post(reverse("logout"))

    fail(client, "alice@acme.test", 4)

    assert sign_in(client, "alice@acme.test").status_code == 302


def test_failure_limit_and_lockout_minutes_follow_the_settings(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=45)
    lock_out(client, "alice@acme.test", limit=2)

    response = sign_in(client, "alice@acme.test")

    assert response.status_code == 429
    assert "after 2 failed attempts" in response.content.decode()
    assert "Try again in 45 minutes" in response.content.decode()


def test_failure_limit_and_lockout_minutes_come_from_the_environment(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "okrs.settings",
        "OKRS_DATA_DIR": str(tmp_path),
        "OKRS_LOGIN_FAILURES": "3",
        "OKRS_LOCKOUT_MINUTES": "60",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["3", "3600.0"]


def test_api_tokens_keep_working_while_sign_in_is_locked(client, world):
    _, raw = create_token(world.alice, "sync")
    lock_out(client, "alice@acme.test")

    response = Client().get("/api/v1/cycles", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 200
    assert "2027-Q1" in response.content.decode()


def test_adding_a_person_with_a_weak_password_is_refused_with_the_rule(world):
    with pytest.raises(ValidationError) as refused:
        add_person(world.org, "carol@acme.test", "Carol Poe", password="1234")

    messages = refused.value.message_dict["password"]
    assert any("too short" in m for m in messages)
    assert any("entirely numeric" in m for m in messages)
    assert not world.org.people.filter(email="carol@acme.test").exists()


def test_a_password_like_the_email_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        set_password(world.alice, "alice@acme.test")

    assert "too similar to the e-mail address" in " ".join(refused.value.messages)


def test_account_page_refuses_a_weak_new_password_and_says_why(client, world):
    client.force_login(world.alice)

    response = client.post(
        reverse("account"),
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )

    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    world.alice.refresh_from_db()
    assert world.alice.check_password(PASSWORD)


def test_changing_the_password_keeps_this_device_and_signs_out_the_others(world):
    laptop, phone = Client(), Client()
    assert sign_in(laptop, "alice@acme.test").status_code == 302
    assert sign_in(phone, "alice@acme.test").status_code == 302

    response = laptop.post(
        reverse("account"),
        {"old_password": PASSWORD, "new_password1": STRONG, "new_password2": STRONG},
        follow=True,
    )

    assert "Password changed" in response.content.decode()
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert sign_in(Client(), "alice@acme.test", STRONG).status_code == 302


def test_sign_out_everywhere_ends_the_sessions_on_every_device(world):
    laptop, phone = Client(), Client()
    assert sign_in(laptop, "alice@acme.test").status_code == 302
    assert sign_in(phone, "alice@acme.test").status_code == 302
    bob = Client()
    bob.force_login(world.bob)

    response = phone.post(reverse("sign-out-everywhere"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("login")
    assert "You are signed out on every device." in response.content.decode()
    assert not is_signed_in(phone)
    assert laptop.get(reverse("home")).url.startswith(reverse("login"))
    assert is_signed_in(bob)
    assert sign_in(laptop, "alice@acme.test").status_code == 302
    assert is_signed_in(laptop)


def test_sign_out_everywhere_leaves_api_tokens_working(client, world):
    _, raw = create_token(world.alice, "sync")
    client.force_login(world.alice)

    client.post(reverse("sign-out-everywhere"))

    response = Client().get("/api/v1/cycles", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_sign_out_everywhere_needs_a_post(client, world):
    client.force_login(world.alice)

    assert client.get(reverse("sign-out-everywhere")).status_code == 405
    assert is_signed_in(client)


def test_an_idle_session_expires(client, world):
    assert sign_in(client, "alice@acme.test").status_code == 302
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_used_session_slides_forward(client, world, settings):
    assert sign_in(client, "alice@acme.test").status_code == 302
    session = client.session
    session[RENEWED_AT] = 0
    session.save()
    soon = timezone.now() + timedelta(minutes=5)
    Session.objects.update(expire_date=soon)

    assert is_signed_in(client)

    expires = Session.objects.get().expire_date
    assert expires > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_a_recently_renewed_session_is_not_written_again(client, world):
    assert sign_in(client, "alice@acme.test").status_code == 302
    soon = timezone.now() + timedelta(minutes=5)
    Session.objects.update(expire_date=soon)

    assert is_signed_in(client)

    assert Session.objects.get().expire_date == soon
