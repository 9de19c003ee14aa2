from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Signed outbound webhooks, queued in the database and delivered by a worker."""

    name = "okrs.webhooks"
    label = "webhooks"
