from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    """The organisation's administration: setup, people, teams, cycles, KPIs and settings."""

    name = "okrs.administration"
    label = "administration"
