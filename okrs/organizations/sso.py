"""Optional single sign-on through an OpenID Connect provider (configured from the environment)."""

import json
import logging
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from okrs import outbound
from okrs.organizations.actions import add_person
from okrs.organizations.backends import PersonBackend
from okrs.organizations.models import Organization

log = logging.getLogger(__name__)

# A discovery document is a few kilobytes; a provider's answer is never read beyond this.
DISCOVERY_BYTES = 256 * 1024
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class ProviderUnavailable(Exception):
    """The OpenID provider could not be reached or answered nonsense."""


@cache
def discover(issuer: str) -> dict:
    """Return the provider's metadata from ISSUER/.well-known/openid-configuration."""
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        # The operator named this issuer: it may live on their own network.
        answer = outbound.send(
            "GET",
            url,
            timeout=settings.OIDC_TIMEOUT,
            max_bytes=DISCOVERY_BYTES,
            redirects=3,
            allow=[urlsplit(issuer).hostname or ""],
        )
    except outbound.OutboundError as error:
        raise ProviderUnavailable(f"{url}: {error}") from error
    if answer.status != 200 or not answer.complete:
        problem = f"HTTP {answer.status}" if answer.status != 200 else "answer too long"
        raise ProviderUnavailable(f"{url}: {problem}")
    try:
        metadata = json.loads(answer.body)
    except ValueError as error:
        raise ProviderUnavailable(f"{url}: {error}") from error
    if not isinstance(metadata, dict):
        raise ProviderUnavailable(f"{url}: the discovery document is not a JSON object")
    return metadata


def sso_setting(attr, *args):
    """Return an OIDC setting; endpoints left empty come from the issuer's discovery document."""
    value = import_from_settings(attr, *args)
    if attr in DISCOVERED and not value and settings.OIDC_ISSUER:
        return discover(settings.OIDC_ISSUER).get(DISCOVERED[attr]) or (args[0] if args else "")
    return value


class SingleSignOnBackend(OIDCAuthenticationBackend):
    """Sign in the person whose e-mail the provider vouches for; refuse strangers."""

    get_settings = staticmethod(sso_setting)

    def __init__(self, *args, **kwargs):
        # Endpoints are read when a callback arrives, so password sign-ins never reach the provider.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        """Return the person for an authorization-code callback, or None for anything else."""
        if not settings.OIDC_ENABLED or request is None or "code" not in request.GET:
            return None
        super().__init__()
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """Return the id token's claims after checking its signature, nonce, audience and issuer."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The id token was issued for another client.")
        if settings.OIDC_ISSUER and payload.get("iss", "").rstrip("/") != settings.OIDC_ISSUER:
            raise SuspiciousOperation("The id token comes from another issuer.")
        return payload

    def verify_claims(self, claims):
        """Accept the claims when they carry an e-mail the provider has not marked unverified."""
        if not claims.get("email"):
            self._refuse("The single sign-on provider did not share your e-mail address.")
            return False
        if claims.get("email_verified") is False:
            self._refuse(f"Your e-mail address {claims['email']} is not verified by the provider.")
            return False
        return True

    def filter_users_by_claims(self, claims):
        """Return the person with the claimed e-mail (any case)."""
        return self.UserModel.objects.filter(email__iexact=claims["email"].strip())

    def create_user(self, claims):
        """Add a stranger to the organisation named by OKRS_OIDC_CREATE_PEOPLE, or refuse them."""
        email = claims["email"].strip().lower()
        slug = settings.OIDC_CREATE_PEOPLE
        organization = Organization.objects.filter(slug=slug).first() if slug else None
        if organization is None:
            self._refuse(
                f"No one with the e-mail address {email} uses okrs here. "
                "Ask an admin of your organisation to add you."
            )
            return None
        return add_person(organization, email, name=claims.get("name", "")[:200])

    def get_user(self, user_id):
        """Return the active person with their organisation, as password sign-ins do."""
        return PersonBackend().get_user(user_id)

    def _refuse(self, message: str) -> None:
        messages.error(self.request, message)


class SignOnRequestView(OIDCAuthenticationRequestView):
    """Send the browser to the provider with a fresh state, nonce and PKCE challenge."""

    get_settings = staticmethod(sso_setting)


class SignOnCallbackView(OIDCAuthenticationCallbackView):
    """Finish the provider's redirect: sign the person in, or back to the sign-in page."""

    get_settings = staticmethod(sso_setting)

    @property
    def failure_url(self):
        return reverse("login")


def _provider_down(request, error: Exception):
    log.warning("Single sign-on failed: %s", error)
    messages.error(
        request,
        "Single sign-on did not work: the provider refused the sign-in or did not answer. "
        "Try again, or sign in with your password.",
    )
    return redirect("login")


def sso_start(request):
    """Start single sign-on (404 when it is not configured)."""
    if not settings.OIDC_ENABLED:
        raise Http404("Single sign-on is not configured.")
    try:
        return SignOnRequestView.as_view()(request)
    except ProviderUnavailable as error:
        return _provider_down(request, error)


def sso_callback(request):
    """Receive the provider's answer (404 when single sign-on is not configured)."""
    if not settings.OIDC_ENABLED:
        raise Http404("Single sign-on is not configured.")
    try:
        return SignOnCallbackView.as_view()(request)
    # mozilla-django-oidc reaches the configured provider with requests; its errors are OSErrors.
    except (ProviderUnavailable, OSError) as error:
        return _provider_down(request, error)
