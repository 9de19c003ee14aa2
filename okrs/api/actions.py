"""Writes to API tokens."""

import secrets

from django.db import transaction

from okrs import clock
from okrs.api.models import PREFIX, ApiToken, digest
from okrs.organizations.models import Person

TOKEN_NAME_LENGTH = 100


@transaction.atomic
def create_token(person: Person, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for the person; return it with the raw key, which is shown only this once."""
    if person.organization_id is None:
        raise ValueError("Only a person of an organisation can have an API token.")
    if len(name) > TOKEN_NAME_LENGTH:
        raise ValueError(f"Name: at most {TOKEN_NAME_LENGTH} characters, got {len(name)}.")
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organization_id=person.organization_id,
        person=person,
        name=name or "API token",
        hint=raw[: len(PREFIX) + 6],
        key_hash=digest(raw),
    )
    return token, raw


@transaction.atomic
def revoke_token(token: ApiToken) -> ApiToken:
    """Revoke the token: it no longer opens the API."""
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
    return token
