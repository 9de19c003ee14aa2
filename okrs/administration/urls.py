"""Routes of the organisation's administration."""

from django.urls import path

from okrs.administration.views import organization_settings, overview

urlpatterns = [
    path("", overview.overview, name="administration"),
    path("history/", overview.history, name="administration-history"),
    path(
        "settings/",
        organization_settings.organization_settings,
        name="administration-settings",
    ),
]
