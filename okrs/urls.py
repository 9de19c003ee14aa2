"""URL routes of okrs."""

from django.contrib import admin
from django.urls import include, path

from okrs.administration.views import invitations
from okrs.administration.views.setup import setup

handler500 = "okrs.unavailable.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("okrs.api.urls")),
    path("settings/webhooks/", include("okrs.webhooks.urls")),
    path("cadence/", include("okrs.cadence.urls")),
    path("planning/", include("okrs.planning.urls")),
    path("reminders/", include("okrs.reminders.urls")),
    path("evaluation/", include("okrs.evaluation.urls")),
    path("health/", include("okrs.health.urls")),
    path("", include("okrs.sources.urls")),
    path("administration/", include("okrs.administration.urls")),
    path("", include("okrs.chat.urls")),
    path("invitations/<str:token>/", invitations.accept, name="invitation"),
    path(
        "invitations/<str:token>/single-sign-on/",
        invitations.accept_by_single_sign_on,
        name="invitation-sso",
    ),
    path("scim/v2/", include("okrs.administration.scim.urls")),
    path("setup/", setup, name="setup"),
    path("", include("okrs.organizations.urls")),
    path("", include("okrs.web.urls")),
]
