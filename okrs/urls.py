"""URL routes of okrs."""

from django.contrib import admin
from django.urls import include, path

from okrs.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("settings/webhooks/", include("okrs.webhooks.urls")),
    path("", include("okrs.web.urls")),
]
