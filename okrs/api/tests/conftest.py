"""API fixtures: a client per persona, carrying that persona's token."""

import pytest
from django.test import Client

from okrs.api.actions import create_token


class ApiClient:
    """Calls /api/v1/ with a person's Bearer token and JSON bodies."""

    def __init__(self, person=None, raw: str | None = None):
        self.client = Client()
        self.headers = {}
        if person is not None:
            raw = raw or create_token(person, "tests")[1]
        if raw:
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"

    def call(self, method: str, path: str, body=None, **params):
        """Return the response of the call."""
        url = f"/api/v1{path}"
        if method == "get":
            return self.client.get(url, params, **self.headers)
        if method == "delete":
            return self.client.delete(url, **self.headers)
        import json

        return getattr(self.client, method)(
            url, json.dumps(body), content_type="application/json", **self.headers
        )

    def get(self, path, **params):
        return self.call("get", path, **params)

    def post(self, path, body):
        return self.call("post", path, body)

    def patch(self, path, body):
        return self.call("patch", path, body)

    def delete(self, path):
        return self.call("delete", path)


@pytest.fixture
def api(world):
    """Return a factory of API clients: api(world.alice)."""
    return ApiClient
