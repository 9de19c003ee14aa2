"""Routes of key result sources: the form, its buttons and the push ingest URL."""

from django.urls import path

from okrs.sources import views

urlpatterns = [
    path("key-results/<int:pk>/source/", views.source_edit, name="source"),
    path("key-results/<int:pk>/source/renew/", views.source_renew, name="source-renew"),
    path("key-results/<int:pk>/source/remove/", views.source_remove, name="source-remove"),
    path("key-results/<int:pk>/source/pull/", views.source_pull, name="source-pull"),
    path("sources/push/<str:token>/", views.push, name="source-push"),
]
