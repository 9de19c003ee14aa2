"""Authentication that loads a person together with their organisation."""

from django.contrib.auth.backends import ModelBackend

from okrs.organizations.models import Person


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
