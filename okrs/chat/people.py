"""Who a chat user is in okrs: the active person of the installing organisation, by e-mail."""

from okrs.chat.models import ChatInstallation
from okrs.chat.web_api import ChatApiError, email_of
from okrs.organizations.models import Person


class NotRecognised(Exception):
    """The chat user is nobody okrs may act for; the message says why, for them."""


def person_for(installation: ChatInstallation, user_id: str) -> Person:
    """Return the person the chat user is, matched by e-mail within the installing organisation."""
    if not user_id:
        raise NotRecognised("The request names no user.")
    try:
        email = email_of(installation, user_id)
    except ChatApiError as error:
        raise NotRecognised(
            f"okrs could not read your e-mail address from the chat ({error})."
        ) from None
    organization = installation.organization
    if not email:
        raise NotRecognised(
            "The chat did not tell okrs your e-mail address: the app needs the users:read.email "
            "scope."
        )
    person = Person.objects.filter(
        organization=organization, email__iexact=email, is_active=True
    ).first()
    if person is None:
        raise NotRecognised(
            f"Nobody at {organization.name} in okrs has the e-mail address {email}. "
            "Ask an administrator to invite you with that address."
        )
    return person
