"""SCIM tokens: made by an admin, shown once, stored hashed, revocable; each opens one tenant."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from okrs import clock
from okrs.administration.models import SCIM_TOKEN_PREFIX, ScimToken, scim_digest
from okrs.organizations.audit import record_change
from okrs.organizations.models import Organization, Person

TOUCH_EVERY = timedelta(minutes=5)
NAME_LIMIT: int = ScimToken._meta.get_field("name").max_length or 0


@transaction.atomic
def create_scim_token(
    organization: Organization, name: str, by: Person | None
) -> tuple[ScimToken, str]:
    """Create a SCIM token; return it with the raw key, which is shown only this once."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Name: say what will use the token, e.g. Okta."})
    if len(name) > NAME_LIMIT:
        raise ValidationError({"name": f"Name: at most {NAME_LIMIT} characters, got {len(name)}."})
    raw = SCIM_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ScimToken.objects.create(
        organization=organization,
        name=name,
        hint=raw[: len(SCIM_TOKEN_PREFIX) + 6],
        key_hash=scim_digest(raw),
        created_by=by,
    )
    record_change(
        organization, by, "scim.token_created", f"SCIM token “{name}” was created", token=name
    )
    return token, raw


@transaction.atomic
def revoke_scim_token(token: ScimToken, by: Person | None) -> ScimToken:
    """Revoke the token: the identity provider that holds it is refused from now on."""
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        record_change(
            token.organization,
            by,
            "scim.token_revoked",
            f"SCIM token “{token.name}” was revoked",
            token=token.name,
        )
    return token


def scim_token_for(raw: str) -> ScimToken | None:
    """Return the active token whose key this is, noting when it was last used; None otherwise."""
    if not raw.startswith(SCIM_TOKEN_PREFIX):
        return None
    token = (
        ScimToken.objects.select_related("organization")
        .filter(key_hash=scim_digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ScimToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
