"""Authentication that loads a person together with their organisation, behind a lockout."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend

from okrs.organizations.models import Person


def attempted_email(request, credentials) -> str | None:
    """Return the e-mail a sign-in attempt used, as the backend matches it (trimmed, any case)."""
    source = credentials if credentials else getattr(request, "POST", {})
    email = source.get("username") or source.get("email")
    return email.strip().lower() if email else None


class LockoutBackend(AxesStandaloneBackend):
    """Refuse sign-ins from the web for an e-mail and address that failed too often."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        """Raise PermissionDenied while locked out; a call without a request is not from the web."""
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class PersonBackend(ModelBackend):
    """Sign in by e-mail; load the organisation in the same query."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        """Return the person whose e-mail (any case) and password match."""
        email = (username or kwargs.get("email") or "").strip().lower()
        return super().authenticate(request, username=email, password=password, **kwargs)

    def get_user(self, user_id):
        """Return the active person with their organisation, or None."""
        person = Person.objects.select_related("organization").filter(pk=user_id).first()
        return person if person is not None and self.user_can_authenticate(person) else None
