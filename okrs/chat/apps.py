from django.apps import AppConfig


class ChatConfig(AppConfig):
    """Check-ins from Slack or Mattermost, and the weekly digest by e-mail and team chat."""

    name = "okrs.chat"
    label = "chat"
