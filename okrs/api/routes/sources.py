"""A key result's source: set, read, test, renew its push secret, remove."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema

from okrs.api.common import require_writer
from okrs.api.errors import ERRORS, READ_ERRORS
from okrs.api.schemas import Deleted, Input
from okrs.objectives.models import KeyResult
from okrs.organizations.permissions import can_write_key_result, memberships_found, to_check_in
from okrs.organizations.visibility import visibility_filter
from okrs.sources import actions
from okrs.sources.fetch import FetchError, read
from okrs.sources.forms import source_problems
from okrs.sources.models import Source
from okrs.sources.sealing import seal

router = Router(tags=["key result sources"])


class SourceIn(Input):
    """Where a key result's readings come from; the auth header value is stored encrypted."""

    name: str = Field(max_length=80, description='Shown in the history as "from <name>".')
    kind: Literal["push", "http", "sql"]
    schedule: Literal["hourly", "daily", "weekly"] = "daily"
    url: str = Field("", max_length=2000)
    format: Literal["json", "csv"] = "json"
    path: str = Field("", max_length=500, description="JSONPath, e.g. $.total_count")
    column: str = Field("", max_length=100)
    row: int = Field(1, ge=-100000, le=100000)
    auth_header_name: str = Field("", max_length=100)
    auth_header_value: str | None = Field(
        None, max_length=2000, description="Write only; null keeps the stored value."
    )
    database: str = Field("", max_length=100, description="A name from OKRS_SOURCE_DATABASES.")
    query: str = Field("", max_length=5000)


class SourceOut(Schema):
    """A key result's source and how its last reads went; secrets are never shown."""

    key_result_id: int
    name: str
    kind: str
    schedule: str
    url: str
    format: str
    path: str
    column: str
    row: int
    auth_header_name: str
    has_auth_header: bool
    database: str
    query: str
    push_url: str
    next_pull_at: datetime | None
    last_value: float | None
    last_read_at: datetime | None
    last_error: str
    last_error_at: datetime | None
    failures_in_row: int


class SourceSaved(SourceOut):
    """A source just saved; `push_secret` is shown this once when a push source gets one."""

    push_secret: str | None = None


class PushSecret(Schema):
    """A push source's new secret, shown once."""

    push_secret: str


class TestResult(Schema):
    """What a test read found: the value it would record, or why there is none."""

    value: float | None
    error: str


def _key_result(request, key_result_id: int, write: bool = True) -> KeyResult:
    seen = KeyResult.objects.of(request.organization).filter(
        visibility_filter(request.user, prefix="objective__")
    )
    if not write:
        return get_object_or_404(seen, pk=key_result_id)
    require_writer(request)
    found = to_check_in(
        KeyResult.objects.of(request.organization).select_related("objective__team", "team"),
        request.user,
    )
    key_result = get_object_or_404(found, pk=key_result_id)
    if not can_write_key_result(request.user, key_result, memberships_found(key_result)):
        raise PermissionDenied("Only who may edit this key result (or admins) set its source.")
    return key_result


def _out(request, source: Source, secret: str | None = None) -> dict:
    fields = {
        name: getattr(source, name) for name in SourceOut.model_fields if hasattr(source, name)
    }
    fields["has_auth_header"] = source.has_auth_header()
    fields["push_url"] = (
        request.build_absolute_uri(reverse("source-push", args=[source.push_token]))
        if source.push_token
        else ""
    )
    return fields | {"push_secret": secret}


def _checked(payload: SourceIn, stored: Source | None) -> dict:
    data = payload.dict()
    problems = source_problems(data, bool(stored and stored.has_auth_header()))
    if problems:
        raise ValidationError(problems)
    data.pop("auth_header_value")
    return data


@router.get("/key-results/{key_result_id}/source", response={200: SourceOut, **READ_ERRORS})
def get_source(request, key_result_id: int):
    """Return the key result's source (404 when it has none)."""
    key_result = _key_result(request, key_result_id, write=False)
    return _out(request, get_object_or_404(Source, key_result=key_result))


@router.put("/key-results/{key_result_id}/source", response={200: SourceSaved, **ERRORS})
def put_source(request, key_result_id: int, payload: SourceIn):
    """Set or change the key result's source; a new push source's secret is answered once."""
    key_result = _key_result(request, key_result_id)
    stored = Source.objects.filter(key_result=key_result).first()
    data = _checked(payload, stored)
    result = actions.set_source(key_result, auth_header_value=payload.auth_header_value, **data)
    return _out(request, result.source, result.push_secret or None)


@router.delete("/key-results/{key_result_id}/source", response={200: Deleted, **ERRORS})
def delete_source(request, key_result_id: int):
    """Remove the key result's source; the check-ins it recorded stay."""
    key_result = _key_result(request, key_result_id)
    source = get_object_or_404(Source, key_result=key_result)
    deleted = source.pk
    actions.remove_source(source)
    return {"deleted": deleted}


@router.post("/key-results/{key_result_id}/source/renew", response={200: PushSecret, **ERRORS})
def renew_secret(request, key_result_id: int):
    """Give the push source a new secret, answered once; the old one stops working."""
    key_result = _key_result(request, key_result_id)
    source = get_object_or_404(Source, key_result=key_result)
    return {"push_secret": actions.renew_push_secret(source)}


@router.post("/key-results/{key_result_id}/source/test", response={200: TestResult, **ERRORS})
def test_source(request, key_result_id: int, payload: SourceIn):
    """Read the source described once, without saving it, and answer the value it would record."""
    key_result = _key_result(request, key_result_id)
    stored = Source.objects.filter(key_result=key_result).first()
    trial = Source(key_result=key_result, organization_id=key_result.organization_id)
    for name, value in _checked(payload, stored).items():
        setattr(trial, name, value)
    if payload.auth_header_value:
        trial.auth_header_sealed = seal(payload.auth_header_value)
    elif stored is not None:
        trial.auth_header_sealed = stored.auth_header_sealed
    try:
        return {"value": read(trial), "error": ""}
    except FetchError as error:
        return {"value": None, "error": str(error)}
