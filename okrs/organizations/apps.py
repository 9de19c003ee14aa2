from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    """Organisations (tenants), teams, people and their roles."""

    name = "okrs.organizations"
    label = "organizations"
