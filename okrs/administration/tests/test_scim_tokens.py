"""The SCIM tokens page: an admin makes a token shown once, sees the tokens and revokes one."""

import re

from conftest import signed_in
from okrs.administration.models import ScimToken, scim_digest
from okrs.administration.scim.tokens import create_scim_token
from okrs.administration.tests.scim_client import IdentityProvider, scim_error
from okrs.organizations.models import AdministrativeChange

RAW = re.compile(r"okrs_scim_[A-Za-z0-9_-]{40,}")


def test_an_admin_creates_a_token_shown_once_and_stored_hashed(world):
    ada = signed_in(world.admin)

    page = ada.post("/administration/scim/", {"name": "Okta production"}).content.decode()

    raw = RAW.search(page).group(0)
    token = ScimToken.objects.get()
    assert (token.name, token.organization, token.created_by) == (
        "Okta production",
        world.org,
        world.admin,
    )
    assert token.key_hash == scim_digest(raw) and raw not in token.key_hash
    assert raw.startswith(token.hint)
    assert "http://127.0.0.1:8000/scim/v2<" in page
    again = ada.get("/administration/scim/").content.decode()
    assert raw not in again and token.hint in again
    change = AdministrativeChange.objects.get(action="scim.token_created")
    assert (change.actor, change.summary) == (
        world.admin,
        "SCIM token “Okta production” was created",
    )


def test_the_new_token_opens_scim_for_the_organisation(world):
    page = signed_in(world.admin).post("/administration/scim/", {"name": "Entra"}).content
    okta = IdentityProvider(world.org, raw=RAW.search(page.decode()).group(0))

    assert okta.get("Users").json()["totalResults"] == 4
    assert ScimToken.objects.get().last_used_at is not None


def test_a_token_needs_a_name(world):
    response = signed_in(world.admin).post("/administration/scim/", {"name": "  "})

    assert response.status_code == 422
    assert "Name: say what will use the token" in response.content.decode()
    assert not ScimToken.objects.exists()


def test_a_too_long_name_is_refused(world):
    response = signed_in(world.admin).post("/administration/scim/", {"name": "x" * 101})

    assert response.status_code == 422
    assert "at most 100 characters, got 101" in response.content.decode()
    assert not ScimToken.objects.exists()


def test_a_revoked_token_is_refused_from_then_on(world):
    okta = IdentityProvider(world.org, world.admin)
    token = ScimToken.objects.get()

    response = signed_in(world.admin).post(f"/administration/scim/{token.pk}/revoke/")

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    scim_error(okta.get("Users"), 401)
    assert AdministrativeChange.objects.filter(action="scim.token_revoked").count() == 1
    page = signed_in(world.admin).get("/administration/scim/").content.decode()
    assert "revoked" in page


def test_members_may_not_see_or_make_scim_tokens(world):
    create_scim_token(world.org, "Okta", world.admin)
    alice = signed_in(world.alice)

    assert alice.get("/administration/scim/").status_code == 403
    assert alice.post("/administration/scim/", {"name": "Mine"}).status_code == 403
    assert ScimToken.objects.count() == 1


def test_another_organisations_token_cannot_be_revoked(world, other_world):
    theirs, _ = create_scim_token(other_world["org"], "Globex Okta", other_world["person"])

    response = signed_in(world.admin).post(f"/administration/scim/{theirs.pk}/revoke/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_the_page_lists_only_the_organisations_tokens(world, other_world):
    create_scim_token(world.org, "Acme Okta", world.admin)
    create_scim_token(other_world["org"], "Globex Okta", other_world["person"])

    page = signed_in(world.admin).get("/administration/scim/").content.decode()

    assert "Acme Okta" in page and "Globex Okta" not in page
