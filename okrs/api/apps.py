from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API v1 and personal API tokens."""

    name = "okrs.api"
    label = "api"
