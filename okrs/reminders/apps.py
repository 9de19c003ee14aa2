from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Check-in due lists, reminders by e-mail and chat, and quick check-in links."""

    name = "okrs.reminders"
    label = "reminders"
