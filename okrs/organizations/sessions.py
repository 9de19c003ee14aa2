"""Sliding sign-in sessions: a session ends after SESSION_COOKIE_AGE seconds without use."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from okrs import clock

RENEWED_AT = "okrs_renewed_at"


def mark_renewed(session) -> None:
    """Record that the session's expiry was just pushed forward."""
    session[RENEWED_AT] = int(clock.timestamp())


@receiver(user_logged_in)
def renew_on_sign_in(sender, request, user, **kwargs):
    """Start the sliding window when a person signs in (the session is saved anyway)."""
    if request is not None and hasattr(request, "session"):
        mark_renewed(request.session)


class SlidingSessionMiddleware:
    """Push a signed-in session's expiry forward while it is used.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) would cost a database write
    per page; renewing at most every SESSION_RENEW_SECONDS keeps the idle limit within that margin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed and session.get(SESSION_KEY) is not None:
            renewed_at = session.get(RENEWED_AT, 0)
            if clock.timestamp() - renewed_at >= settings.SESSION_RENEW_SECONDS:
                mark_renewed(session)
        return response
