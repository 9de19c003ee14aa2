"""Routes of the health pages."""

from django.urls import path

from okrs.health import views

urlpatterns = [
    path("", views.health, name="health"),
    path("pulse/", views.pulse, name="health-pulse"),
]
