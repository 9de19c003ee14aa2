from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    """Organisations (tenants), teams, people and their roles."""

    name = "okrs.organizations"
    label = "organizations"

    def ready(self):
        """Connect the sign-in signal that starts a session's sliding window."""
        from okrs.organizations import sessions  # noqa: F401
