from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Check-in due lists, reminders by e-mail and chat, and quick check-in links."""

    name = "okrs.reminders"
    label = "reminders"

    def ready(self) -> None:
        """Post failing key result sources to the organisation's chat."""
        from okrs.reminders import source_alerts

        source_alerts.connect()
