from django.apps import AppConfig


class ObjectivesConfig(AppConfig):
    """Objectives, key results, check-ins and alignment."""

    name = "okrs.objectives"
    label = "objectives"
