"""Routes of the organisation's administration."""

from django.urls import path

from okrs.administration.views import overview, scim

urlpatterns = [
    path("", overview.overview, name="administration"),
    path("history/", overview.history, name="administration-history"),
    path("scim/", scim.scim_tokens, name="administration-scim"),
    path("scim/<int:pk>/revoke/", scim.revoke, name="administration-scim-revoke"),
]
