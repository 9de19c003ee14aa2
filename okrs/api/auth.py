"""API authentication: a personal token as `Authorization: Bearer`, or the browser's session."""

from datetime import timedelta

from ninja.security import HttpBearer, SessionAuth

from okrs import clock
from okrs.api.models import ApiToken, digest

TOUCH_EVERY = timedelta(minutes=5)


class TokenAuth(HttpBearer):
    """Authenticate with a personal API token; the request then acts as the token's person."""

    openapi_description = "A personal API token: `Authorization: Bearer okrs_...`."

    def authenticate(self, request, token):
        """Return the person of an active token whose person is active and in an organisation."""
        found = (
            ApiToken.objects.select_related("person__organization")
            .filter(key_hash=digest(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not found.person.is_active or found.person.organization_id is None:
            return None
        now = clock.now()
        if found.last_used_at is None or now - found.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.person
        request.organization = found.person.organization
        return found.person


class BrowserSession(SessionAuth):
    """Authenticate with the browser's session (CSRF-checked for writes)."""

    def __call__(self, request):
        """Return the signed-in person; no session, or a request with a token, is not ours to judge.

        The CSRF check runs only for a signed-in session: a call with a bad token or with no
        credentials at all then ends at 401, not at a CSRF refusal.
        """
        if request.headers.get("Authorization"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request, key):
        """Return the signed-in person of an organisation."""
        person = super().authenticate(request, key)
        if person is None or getattr(person, "organization_id", None) is None:
            return None
        request.organization = person.organization
        return person
