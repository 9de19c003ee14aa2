from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Signed outbound webhooks, queued in the database and delivered by a worker."""

    name = "okrs.webhooks"
    label = "webhooks"

    def ready(self) -> None:
        """Queue deliveries for the events that cycle and objective writes announce."""
        from okrs.webhooks import receivers

        receivers.connect()
