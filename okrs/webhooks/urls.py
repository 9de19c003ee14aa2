"""Routes of the webhook settings pages."""

from django.urls import path

from okrs.webhooks import views

urlpatterns = [
    path("", views.endpoint_list, name="webhooks"),
    path("new/", views.endpoint_new, name="webhook-new"),
    path("<int:pk>/active/", views.endpoint_active, name="webhook-active"),
    path("<int:pk>/delete/", views.endpoint_delete, name="webhook-delete"),
    path("deliveries/<int:pk>/redeliver/", views.delivery_redeliver, name="webhook-redeliver"),
]
