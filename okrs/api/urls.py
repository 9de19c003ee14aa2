"""The REST API v1, mounted at /api/v1/, and the page where people manage their API tokens."""

from django.urls import path
from ninja import NinjaAPI

from okrs.api import errors, views
from okrs.api.auth import BrowserSession, TokenAuth
from okrs.api.routes import (
    co_creation,
    cycles,
    digest,
    documents,
    initiatives,
    key_results,
    kpis,
    objectives,
    organization,
    people_import,
    reviews,
    sources,
    webhooks,
)

api = NinjaAPI(
    title="okrs API",
    version="1",
    description=(
        "OKRs of your organisation: teams, cycles, objectives, key results, check-ins and KPIs. "
        "Authenticate with a personal token, `Authorization: Bearer okrs_...` (create one under "
        "Settings, or with `okrs token create --user EMAIL`). Every row belongs to the token's "
        "organisation. Documents posted to /lint and /import use the OKRs-as-code fields."
    ),
    auth=[TokenAuth(), BrowserSession()],
    urls_namespace="api-v1",
)
errors.install(api)
# people_import first: its /people/import would otherwise be taken for /people/{person_id}.
for module in (
    people_import,
    organization,
    cycles,
    objectives,
    co_creation,
    key_results,
    initiatives,
    kpis,
    documents,
    sources,
    webhooks,
    reviews,
    digest,
):
    api.add_router("/", module.router)

urlpatterns = [
    path("api/v1/", api.urls),
    path("settings/tokens/", views.tokens, name="tokens"),
    path("settings/tokens/<int:pk>/revoke/", views.revoke, name="token-revoke"),
]
