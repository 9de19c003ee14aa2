"""The REST API v1, mounted at /api/v1/."""

from ninja import NinjaAPI

api = NinjaAPI(title="okrs API", version="1", urls_namespace="api-v1")
