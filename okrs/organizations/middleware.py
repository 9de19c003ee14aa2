"""Attach the signed-in person's organisation to each request; lead a new install to its setup."""

from django.db import DatabaseError
from django.shortcuts import redirect
from django.utils import timezone

from okrs.organizations.models import Organization

# Paths that work before any organisation exists: the setup page itself, files and the API.
FIRST_RUN_OPEN = ("/setup/", "/static/", "/api/", "/favicon")


class OrganizationMiddleware:
    """Set request.organization to the person's organisation, or None, and use its time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        organization = user.organization if user is not None and user.is_authenticated else None
        request.organization = organization
        if organization is None or not organization.time_zone:
            return self.get_response(request)
        # Dates on the pages, and clock.today(), follow the organisation's own day.
        timezone.activate(organization.zone())
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class FirstRun:
    """Whether okrs has an organisation yet; once it has, the answer is kept for the process."""

    set_up = False

    @classmethod
    def done(cls) -> bool:
        """Return whether an organisation exists (asking the database until one does)."""
        if not cls.set_up:
            cls.set_up = Organization.objects.exists()
        return cls.set_up

    @classmethod
    def forget(cls) -> None:
        """Ask the database again next time (a test that empties it, say)."""
        cls.set_up = False


class FirstRunMiddleware:
    """Send every page to the setup page while the database holds no organisation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_setup(request):
            return redirect("setup")
        return self.get_response(request)

    @staticmethod
    def _needs_setup(request) -> bool:
        if getattr(request, "organization", None) is not None or FirstRun.set_up:
            return False
        if request.path.startswith(FIRST_RUN_OPEN):
            return False
        try:
            return not FirstRun.done()
        except DatabaseError:
            # A database that cannot answer is the page's to report (503), not a reason to set up.
            return False
