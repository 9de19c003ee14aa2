"""Answer 503 with a clear page (or the API's JSON error) when the database fails, never a 500."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

log = logging.getLogger(__name__)

UNREACHABLE = "okrs cannot reach its database; try again in a minute."
READ_ONLY = (
    "The database is read-only or the disk is full, so nothing can be saved right now; "
    "ask whoever runs okrs to free space or make the data directory writable."
)
_READ_ONLY_SIGNS = ("readonly", "read-only", "disk is full", "no space left", "disk full")


def reason(exception: BaseException | None) -> str | None:
    """Return what people should read about a database failure, or None for any other error."""
    if not isinstance(exception, OperationalError | InterfaceError):
        return None
    text = str(exception).lower()
    return READ_ONLY if any(sign in text for sign in _READ_ONLY_SIGNS) else UNREACHABLE


def unavailable(request, message: str) -> HttpResponse:
    """Return the 503 answer: JSON in the API's error shape, else the friendly page."""
    headers = {"Retry-After": "60"}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "errors": []}, status=503, headers=headers)
    # Rendered without the request: its context processors would ask the failing database.
    page = loader.get_template("503.html").render({"message": message})
    return HttpResponse(page, status=503, headers=headers)


class DatabaseUnavailableMiddleware:
    """Turn a database that cannot be reached or written into a 503 while a view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        """Return the 503 answer for a database failure; leave other errors alone."""
        message = reason(exception)
        if message is None:
            return None
        log.warning("Database unavailable for %s: %s", request.path, exception)
        return unavailable(request, message)


def server_error(request):
    """Answer a failure outside the views (middleware reading the session, say) like the views."""
    message = reason(sys.exc_info()[1])
    if message is not None:
        return unavailable(request, message)
    return defaults.server_error(request)
