"""Django admin for webhook endpoints and their deliveries."""

from django.contrib import admin

from okrs.webhooks.models import Delivery, Endpoint


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "organization", "active", "created_at"]
    list_filter = ["active", "organization"]
    search_fields = ["url", "description"]
    list_select_related = ["organization"]
    raw_id_fields = ["created_by"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "endpoint", "status", "attempts", "last_status_code", "created_at"]
    list_filter = ["status", "event", "organization"]
    search_fields = ["endpoint__url", "last_error"]
    list_select_related = ["endpoint"]
    raw_id_fields = ["endpoint"]
    readonly_fields = ["created_at", "delivered_at"]
