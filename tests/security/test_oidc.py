"""Single sign-on through OpenID Connect, against a tiny provider running on 127.0.0.1."""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from conftest import PASSWORD
from okrs.organizations.models import Person
from okrs.organizations.sso import ProviderUnavailable, discover
from tests.receiver import Flood

pytestmark = pytest.mark.django_db

CLIENT_ID = "okrs-test"
CLIENT_SECRET = "s3cret-" + "x" * 48
BACKEND = "okrs.organizations.sso.SingleSignOnBackend"


class Provider:
    """An OpenID provider that signs in whoever the test says, with HS256 id tokens."""

    def __init__(self):
        self.user = {"email": "alice@acme.test", "email_verified": True, "name": "Alice Doe"}
        self.audience = CLIENT_ID
        self.grants = {}
        self.token_requests = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                url = urlsplit(self.path)
                if url.path == "/.well-known/openid-configuration":
                    self.reply(200, provider.metadata())
                elif url.path == "/authorize":
                    self.send_response(302)
                    self.send_header("Location", provider.authorize(parse_qs(url.query)))
                    self.end_headers()
                elif url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    grant = provider.grants.get(token)
                    self.reply(200, grant["user"]) if grant else self.reply(401, {})
                else:
                    self.reply(404, {})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                status, body = provider.token(form)
                self.reply(status, body)

            def reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def metadata(self):
        """Return the discovery document."""
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
        }

    def authorize(self, query):
        """Sign the current user in and return the redirect back to the client with a code."""
        assert query["client_id"] == [CLIENT_ID]
        assert query["response_type"] == ["code"]
        code = secrets.token_urlsafe(16)
        self.grants[code] = {
            "user": dict(self.user),
            "nonce": query["nonce"][0],
            "challenge": query["code_challenge"][0],
            "redirect_uri": query["redirect_uri"][0],
        }
        state = query["state"][0]
        return f"{query['redirect_uri'][0]}?{urlencode({'code': code, 'state': state})}"

    def token(self, form):
        """Exchange a code (with the client secret and PKCE verifier) for tokens."""
        self.token_requests.append(form)
        grant = self.grants.pop(form.get("code"), None)
        verifier = form.get("code_verifier", "").encode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
        if (
            grant is None
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("redirect_uri") != grant["redirect_uri"]
            or challenge.decode() != grant["challenge"]
        ):
            return 400, {"error": "invalid_grant"}
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": self.audience,
            "sub": grant["user"]["email"],
            "nonce": grant["nonce"],
            "iat": now,
            "exp": now + 300,
        }
        access = secrets.token_urlsafe(16)
        self.grants[access] = grant
        id_token = jwt.encode(claims, CLIENT_SECRET, algorithm="HS256")
        return 200, {"access_token": access, "id_token": id_token, "token_type": "Bearer"}

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider():
    """Run a provider for one test."""
    running = Provider()
    yield running
    running.close()


@pytest.fixture
def sso(settings, provider):
    """Configure single sign-on with the provider's issuer (endpoints come from discovery)."""
    discover.cache_clear()
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_ISSUER = provider.url
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    yield provider
    discover.cache_clear()


def sign_on(client, start="/oidc/authenticate/"):
    """Go through the provider like a browser; return the response to the callback."""
    to_provider = client.get(start)
    assert to_provider.status_code == 302
    back = requests.get(to_provider.url, allow_redirects=False, timeout=5)
    assert back.status_code == 302
    callback = urlsplit(back.headers["Location"])
    assert callback.path == reverse("sso-callback")
    return client.get(callback.path, dict(parse_qs(callback.query)))


def signed_in_as(client):
    """Return the person signed in on the client, or None."""
    person_id = client.session.get(SESSION_KEY)
    return Person.objects.get(pk=person_id) if person_id else None


def test_a_known_email_signs_the_person_in(client, world, sso):
    response = sign_on(client)

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert signed_in_as(client) == world.alice
    assert client.get(reverse("home")).status_code == 200


def test_the_redirect_carries_state_nonce_and_pkce_and_the_next_page(client, world, sso):
    to_provider = client.get("/oidc/authenticate/?next=/tree/")

    query = parse_qs(urlsplit(to_provider.url).query)
    assert to_provider.url.startswith(f"{sso.url}/authorize?")
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert query["scope"] == ["openid email"]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert query["code_challenge_method"] == ["S256"]
    back = requests.get(to_provider.url, allow_redirects=False, timeout=5)
    callback = urlsplit(back.headers["Location"])

    response = client.get(callback.path, dict(parse_qs(callback.query)))

    assert response.url == "/tree/"
    assert sso.token_requests[0]["client_id"] == CLIENT_ID


def test_the_email_matches_in_any_case(client, world, sso):
    sso.user["email"] = "Bob@ACME.test"

    sign_on(client)

    assert signed_in_as(client) == world.bob


def test_an_unknown_email_is_refused_with_a_message(client, world, sso):
    sso.user["email"] = "stranger@elsewhere.test"

    response = sign_on(client)

    assert response.url == reverse("login")
    assert signed_in_as(client) is None
    page = client.get(response.url).content.decode()
    assert "No one with the e-mail address stranger@elsewhere.test uses okrs here" in page
    assert not Person.objects.filter(email="stranger@elsewhere.test").exists()


def test_an_unverified_email_is_refused(client, world, sso):
    sso.user["email_verified"] = False

    response = sign_on(client)

    assert signed_in_as(client) is None
    assert "is not verified by the provider" in client.get(response.url).content.decode()


def test_strangers_join_the_named_organisation_when_allowed(client, world, sso, settings):
    settings.OIDC_CREATE_PEOPLE = "acme"
    sso.user = {"email": "Carol@acme.test", "email_verified": True, "name": "Carol Poe"}

    sign_on(client)

    carol = signed_in_as(client)
    assert (carol.email, carol.name, carol.organization, carol.role) == (
        "carol@acme.test",
        "Carol Poe",
        world.org,
        "member",
    )
    assert not carol.has_usable_password()


def test_an_id_token_for_another_client_is_refused(client, world, sso):
    sso.audience = "some-other-app"

    response = sign_on(client)

    assert response.status_code == 400
    assert signed_in_as(client) is None


def test_a_callback_with_a_forged_state_is_refused(client, world, sso):
    client.get("/oidc/authenticate/")

    response = client.get(reverse("sso-callback"), {"code": "made-up", "state": "forged"})

    assert response.status_code == 400
    assert signed_in_as(client) is None
    assert sso.token_requests == []


def test_explicit_endpoints_work_without_discovery(client, world, settings, provider):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_ISSUER = ""
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider.url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider.url}/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]

    sign_on(client)

    assert signed_in_as(client) == world.alice


def test_an_unreachable_provider_sends_people_back_with_a_message(client, world, sso, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # the discard port: nothing answers

    response = client.get("/oidc/authenticate/", follow=True)

    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Single sign-on did not work" in response.content.decode()


def test_the_sign_in_page_offers_single_sign_on_only_when_configured(client, world, settings):
    assert "Sign in with single sign-on" not in client.get(reverse("login")).content.decode()
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/").status_code == 404

    settings.OIDC_ENABLED = True

    assert "Sign in with single sign-on" in client.get(reverse("login")).content.decode()


def test_password_sign_in_still_works_with_single_sign_on_on(client, world, sso):
    response = client.post(reverse("login"), {"username": "alice@acme.test", "password": PASSWORD})

    assert response.status_code == 302
    assert signed_in_as(client) == world.alice
    assert sso.token_requests == []


def test_the_operators_provider_is_reached_even_on_the_servers_own_network(
    client, world, sso, settings
):
    settings.OUTBOUND_ALLOW = []  # the issuer is the operator's choice, not an organisation's

    sign_on(client)

    assert signed_in_as(client) == world.alice


def test_a_discovery_document_without_end_is_read_only_up_to_a_bound(settings):
    flood = Flood("endless")
    discover.cache_clear()
    try:
        with pytest.raises(ProviderUnavailable, match="answer too long"):
            discover(flood.url)
    finally:
        flood.stop()
        discover.cache_clear()
