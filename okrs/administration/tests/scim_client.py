"""An identity provider in the tests: it talks SCIM to okrs with a SCIM token, as Okta does."""

import json

from django.test import Client

from okrs.administration.scim.tokens import create_scim_token

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"


class IdentityProvider:
    """Sends SCIM requests to /scim/v2/ with its bearer token."""

    def __init__(self, organization, by=None, name="Okta", raw=None):
        if raw is None:
            self.token, raw = create_scim_token(organization, name, by)
        self.raw = raw
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def get(self, path, **params):
        """GET a resource or a list."""
        return self.client.get(f"/scim/v2/{path}", params)

    def send(self, method, path, body):
        """Send a JSON body (a dict, or raw text as it is)."""
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return getattr(self.client, method)(
            f"/scim/v2/{path}", data, content_type="application/scim+json"
        )

    def post(self, path, body):
        """Create a resource."""
        return self.send("post", path, body)

    def put(self, path, body):
        """Replace a resource."""
        return self.send("put", path, body)

    def patch(self, path, *operations):
        """Change a resource by PATCH operations."""
        return self.send("patch", path, {"schemas": [PATCH], "Operations": list(operations)})

    def delete(self, path):
        """Delete a resource."""
        return self.client.delete(f"/scim/v2/{path}")

    def create_user(self, email, given="Jane", family="Doe", **extra):
        """Create a user as Okta does; return its SCIM id."""
        body = {
            "schemas": [USER],
            "userName": email,
            "name": {"givenName": given, "familyName": family},
            "emails": [{"primary": True, "value": email, "type": "work"}],
            "active": True,
        } | extra
        response = self.post("Users", body)
        assert response.status_code == 201, response.content
        return response.json()["id"]

    def create_group(self, name, members=(), **extra):
        """Create a group; return its SCIM id."""
        body = {
            "schemas": [GROUP],
            "displayName": name,
            "members": [{"value": m} for m in members],
        }
        response = self.post("Groups", body | extra)
        assert response.status_code == 201, response.content
        return response.json()["id"]


def scim_error(response, status, scim_type=None):
    """Assert the response is a SCIM error with this status (and scimType); return its detail."""
    assert response.status_code == status, (response.status_code, response.content)
    body = response.json()
    assert body["schemas"] == [ERROR]
    assert body["status"] in (status, str(status))
    if scim_type is not None:
        assert body.get("scimType") == scim_type, body
    return body["detail"]
