"""Routes of the organisation's administration."""

from django.urls import path

from okrs.administration.views import orgchart, overview

urlpatterns = [
    path("", overview.overview, name="administration"),
    path("history/", overview.history, name="administration-history"),
    path("import/", orgchart.upload, name="administration-import"),
    path("import/<int:pk>/", orgchart.preview, name="administration-import-preview"),
    path("import/<int:pk>/apply/", orgchart.apply, name="administration-import-apply"),
    path("people.csv", orgchart.people_csv, name="administration-people-csv"),
]
