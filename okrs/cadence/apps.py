from django.apps import AppConfig


class CadenceConfig(AppConfig):
    """The cadence of OKR events in a cycle, and their calendar feeds."""

    name = "okrs.cadence"
    label = "cadence"
