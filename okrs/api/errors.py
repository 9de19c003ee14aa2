"""One error shape for every API failure: {"detail": ..., "errors": [{"field", "message"}]}."""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, InterfaceError, OperationalError
from django.http import Http404
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from okrs import unavailable
from okrs.domain.reading import DocumentError
from okrs.exchange.importer import ImportRefused
from okrs.objectives.actions import StaleVersion
from okrs.organizations.actions import TeamError

log = logging.getLogger(__name__)


class FieldError(Schema):
    """What is wrong with one field."""

    field: str
    message: str


class Error(Schema):
    """An error: what went wrong, and field by field where it helps."""

    detail: str
    errors: list[FieldError] = []


ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 413: Error, 422: Error}
READ_ERRORS = {400: Error, 401: Error, 404: Error, 422: Error}


def _location(loc) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path"}:
        parts = parts[1:]
    if parts and parts[0] in {"payload", "filters"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


NOT_AN_OBJECT = {"model_type", "model_attributes_type", "dict_type"}


def _message(error: dict) -> str:
    """Return what is wrong in words a caller acts on."""
    if error.get("type") in NOT_AN_OBJECT and _location(error.get("loc", ())) == "body":
        return "The body must be a JSON object."
    return error.get("msg", "invalid")


def install(api) -> None:
    """Register the error handlers on the API."""

    def reply(request, status: int, detail: str, errors=()):
        return api.create_response(
            request, {"detail": detail, "errors": list(errors)}, status=status
        )

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = [
            {"field": _location(e.get("loc", ())), "message": _message(e)} for e in exc.errors
        ]
        return reply(request, 422, "The request is not valid.", errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return reply(request, 401, "Authentication required: send `Authorization: Bearer <token>`.")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return reply(request, exc.status_code, str(exc.message))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return reply(request, 404, "Not found.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return reply(request, 403, str(exc) or "Your role does not allow this.")

    @api.exception_handler(DjangoValidationError)
    def refused(request, exc):
        if hasattr(exc, "message_dict"):
            errors = [{"field": f, "message": m} for f, ms in exc.message_dict.items() for m in ms]
        else:
            errors = [{"field": "", "message": m} for m in exc.messages]
        return reply(request, 422, "; ".join(e["message"] for e in errors), errors)

    @api.exception_handler(SuspiciousOperation)
    def malformed(request, exc):
        return reply(request, 400, str(exc) or "The request is malformed.")

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return reply(request, 413, "The request body is too large.")

    @api.exception_handler(DataError)
    def unstorable(request, exc):
        # Inputs the schemas pass but the database refuses (an import's overlong name, say).
        log.warning("The database refused a value: %s", exc)
        reason = str(exc).partition("\n")[0]
        return reply(request, 422, f"A value cannot be stored: {reason}")

    @api.exception_handler(IntegrityError)
    def conflict(request, exc):
        # A uniqueness the actions check first, lost to a concurrent write between check and save.
        log.warning("A write conflicted with a stored row: %s", exc)
        return reply(request, 409, "The change conflicts with a row stored meanwhile; try again.")

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def database_unavailable(request, exc):
        log.warning("Database unavailable for %s: %s", request.path, exc)
        response = reply(request, 503, unavailable.reason(exc))
        response["Retry-After"] = "60"
        return response

    @api.exception_handler(StaleVersion)
    def stale(request, exc):
        return reply(request, 409, str(exc), [{"field": "version", "message": str(exc)}])

    @api.exception_handler(DocumentError)
    def bad_document(request, exc):
        errors = [{"field": p.path or "document", "message": p.message} for p in exc.problems]
        return reply(request, 422, "The document cannot be read.", errors)

    @api.exception_handler(ImportRefused)
    def import_refused(request, exc):
        return reply(request, 409, f"{exc} Nothing was imported.")

    @api.exception_handler(TeamError)
    def team_refused(request, exc):
        return reply(request, 422, str(exc), [{"field": "parent", "message": str(exc)}])
