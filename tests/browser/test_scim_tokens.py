"""An admin connects an identity provider: makes a SCIM token, copies it once, revokes it."""

import re

import pytest
from django.test import Client

from okrs.administration.models import ScimToken
from tests.browser.conftest import shoot
from tests.browser.test_first_ui import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_makes_and_revokes_a_scim_token_in_the_browser(page, live_server, world):
    sign_in(page, live_server, "admin@acme.test")
    page.goto(f"{live_server.url}/administration/")
    page.get_by_role("navigation", name="Administration").get_by_role("link", name="SCIM").click()
    base_url = page.locator(".scim-settings code").first.inner_text()
    assert base_url == "http://127.0.0.1:8000/scim/v2"  # from OKRS_BASE_URL
    page.get_by_label("Name").fill("Okta production")
    page.get_by_role("button", name="Create SCIM token").click()

    raw = page.locator("pre.token code").inner_text()
    assert re.fullmatch(r"okrs_scim_[A-Za-z0-9_-]{40,}", raw)
    okta = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert okta.get("/scim/v2/Users").status_code == 200
    shoot(page, "administration-scim-token")

    page.get_by_role("button", name="Revoke").click()
    page.wait_for_load_state()
    assert ScimToken.objects.get().revoked_at is not None
    assert "the identity provider holding it can no longer connect" in page.inner_text("main")
    assert okta.get("/scim/v2/Users").status_code == 401
    shoot(page, "administration-scim-revoked")
