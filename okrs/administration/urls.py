"""Routes of the organisation's administration."""

from django.urls import path

from okrs.administration.views import overview

urlpatterns = [
    path("", overview.overview, name="administration"),
    path("history/", overview.history, name="administration-history"),
]
