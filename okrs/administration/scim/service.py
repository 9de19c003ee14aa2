"""What django-scim2 asks of okrs before its views load: authentication, addresses, schemas."""

import json

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django_scim import constants
from django_scim import exceptions as scim
from django_scim.models import SCIMServiceProviderConfig
from django_scim.schemas import ALL as LIBRARY_SCHEMAS

from okrs.administration.scim.common import EXTENSION_SCHEMA
from okrs.administration.scim.tokens import scim_token_for

MAX_RESULTS = 500
TEAM_EXTENSION = {
    "id": EXTENSION_SCHEMA,
    "name": "Team",
    "description": "Where okrs places the team of a new group (read on creation only).",
    "attributes": [
        {
            "name": name,
            "type": "string",
            "multiValued": False,
            "description": description,
            "required": False,
            "caseExact": False,
            "mutability": "immutable",
            "returned": "default",
            "uniqueness": "none",
        }
        for name, description in (
            ("parent", "The id of the group whose team the new team sits below."),
            ("level", "strategic or tactical (the default)."),
        )
    ],
    "meta": {"resourceType": "Schema", "location": f"/scim/v2/Schemas/{EXTENSION_SCHEMA}"},
}


def scim_error(status: int, detail: str, scim_type: str = "") -> HttpResponse:
    """Return a SCIM error response."""
    error = scim.SCIMException(detail, status=status, scim_type=scim_type or None)
    return HttpResponse(
        json.dumps(error.to_dict()), content_type=constants.SCIM_CONTENT_TYPE, status=status
    )


class ScimTokenCheck:
    """Let a request in only with an active SCIM token; it then acts in the token's organisation.

    django-scim2 wraps each of its views with this (SCIM_SERVICE_PROVIDER's AUTH_CHECK_MIDDLEWARE),
    so a browser session or a personal API token never opens /scim/v2/.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request, *args, **kwargs):
        scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
        token = scim_token_for(raw.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            response = scim_error(
                401,
                "Authentication required: send Authorization: Bearer with an active SCIM token.",
            )
            response["WWW-Authenticate"] = 'Bearer realm="okrs SCIM"'
            return response
        request.user = AnonymousUser()
        request.organization = token.organization
        request.scim_token = token
        return self.get_response(request, *args, **kwargs)


def base_location(request=None, *args, **kwargs) -> str:
    """Return the address SCIM locations start with: okrs's public address."""
    return settings.BASE_URL


def schemas() -> list[dict]:
    """Return the schemas /scim/v2/Schemas describes: SCIM's own and the team extension."""
    return [*LIBRARY_SCHEMAS, TEAM_EXTENSION]


class ServiceProviderConfig(SCIMServiceProviderConfig):
    """What okrs's SCIM endpoint supports: PATCH, filters, passwords; no bulk, sort or ETags."""

    def to_dict(self) -> dict:
        """Return the configuration as SCIM describes it."""
        config = super().to_dict()
        config["filter"] = {"supported": True, "maxResults": MAX_RESULTS}
        return config
