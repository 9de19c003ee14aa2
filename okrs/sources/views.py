"""The source form of a key result (test before save), and the push ingest URL."""

import json
import math

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from okrs.domain.source_presets import PRESETS
from okrs.objectives.models import KeyResult
from okrs.organizations.access import organization_required
from okrs.organizations.permissions import can_write_key_result, memberships_found, to_check_in
from okrs.sources import actions
from okrs.sources.fetch import FetchError, read
from okrs.sources.forms import SourceForm, preset_initial
from okrs.sources.models import Kind, Source
from okrs.sources.sealing import push_secret_matches, seal

NEW_SECRET = "sources.new_secret"
MAX_PUSH_BYTES = 4096
MAX_NOTE = 2000


def _writable_key_result(request, pk) -> KeyResult:
    """Return the key result if the person may edit it (its team, or an admin); else refuse."""
    key_results = KeyResult.objects.of(request.organization).select_related(
        "objective__team", "objective__cycle", "team"
    )
    key_result = get_object_or_404(to_check_in(key_results, request.user), pk=pk)
    if not can_write_key_result(request.user, key_result, memberships_found(key_result)):
        raise PermissionDenied("Only who may edit this key result may set its source.")
    return key_result


def _objective_url(key_result: KeyResult) -> str:
    return reverse("objective", args=[key_result.objective_id]) + f"#kr-{key_result.pk}-trend"


@organization_required
def source_edit(request, pk):
    """Set a key result's source; "Test" fetches once and shows the value it would record."""
    key_result = _writable_key_result(request, pk)
    source = Source.objects.filter(key_result=key_result).first()
    if request.method == "POST":
        form = SourceForm(request.POST, source=source)
    else:
        initial = preset_initial(request.GET.get("preset", ""))
        if not initial and source is not None:
            initial = {name: getattr(source, name) for name in actions.FIELDS}
        form = SourceForm(initial=initial or {"kind": Kind.HTTP}, source=source)
    tested = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "test":
            tested = _test(form, key_result, source)
        else:
            try:
                result = actions.set_source(
                    key_result,
                    auth_header_value=form.cleaned_data["auth_header_value"] or None,
                    **form.source_fields(),
                )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                if result.push_secret:
                    request.session[NEW_SECRET] = {
                        "pk": key_result.pk,
                        "secret": result.push_secret,
                    }
                    return redirect("source", pk=key_result.pk)
                messages.success(request, f"Saved the source of {key_result.title}.")
                return redirect(_objective_url(key_result))
    context = {
        "form": form,
        "key_result": key_result,
        "source": source,
        "tested": tested,
        "presets": PRESETS.values(),
        "new_secret": _pop_secret(request, key_result),
        "push_url": _push_url(request, source),
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "sources/source_form.html", context, status=status)


def _push_url(request, source: Source | None) -> str:
    if source is None or not source.push_token:
        return ""
    return request.build_absolute_uri(reverse("source-push", args=[source.push_token]))


def _pop_secret(request, key_result) -> str:
    shown = request.session.get(NEW_SECRET)
    if shown and shown.get("pk") == key_result.pk:
        del request.session[NEW_SECRET]
        return shown["secret"]
    return ""


def _test(form: SourceForm, key_result: KeyResult, stored: Source | None) -> dict:
    """Fetch once with the form's fields, unsaved; return the value or the error."""
    trial = Source(key_result=key_result, organization_id=key_result.organization_id)
    for name, value in form.source_fields().items():
        setattr(trial, name, value)
    typed = form.cleaned_data["auth_header_value"]
    trial.auth_header_sealed = (
        seal(typed) if typed else (stored.auth_header_sealed if stored else "")
    )
    if trial.kind == Kind.PUSH:
        return {"error": "A push source is sent its readings: there is nothing to fetch."}
    try:
        return {"value": read(trial)}
    except FetchError as error:
        return {"error": str(error)}


@require_POST
@organization_required
def source_renew(request, pk):
    """Give a push source a new secret, shown once."""
    key_result = _writable_key_result(request, pk)
    source = get_object_or_404(Source, key_result=key_result, kind=Kind.PUSH)
    request.session[NEW_SECRET] = {"pk": key_result.pk, "secret": actions.renew_push_secret(source)}
    return redirect("source", pk=key_result.pk)


@require_POST
@organization_required
def source_remove(request, pk):
    """Remove a key result's source; its check-ins stay."""
    key_result = _writable_key_result(request, pk)
    actions.remove_source(get_object_or_404(Source, key_result=key_result))
    messages.success(request, f"Removed the source of {key_result.title}.")
    return redirect(_objective_url(key_result))


@require_POST
@organization_required
def source_pull(request, pk):
    """Read a pulled source now and record the reading."""
    key_result = _writable_key_result(request, pk)
    source = get_object_or_404(Source, key_result=key_result, kind__in=[Kind.HTTP, Kind.SQL])
    try:
        value = read(source)
        actions.record_reading(source, value)
    except FetchError as error:
        actions.record_failure(source, str(error))
        messages.error(request, f"The source failed: {error}")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Recorded {value:g} from {source.name}.")
    return redirect(_objective_url(key_result))


def _refuse(status: int, error: str, **more) -> JsonResponse:
    return JsonResponse({"error": error, **more}, status=status)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number okrs can store")


@csrf_exempt
@require_POST
def push(request, token):
    """Take a reading pushed to a key result: `Authorization: Bearer <secret>`, JSON value."""
    source = Source.objects.filter(push_token=token, kind=Kind.PUSH).first() if token else None
    if source is None:
        return _refuse(404, "No push source has this URL; copy it from the key result's source.")
    secret = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not secret or not push_secret_matches(secret, source.push_secret_hash):
        return _refuse(
            401,
            "Send the source's push secret as 'Authorization: Bearer <secret>'.",
            hint="The secret is shown once when the push source is made or renewed.",
        )
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        length = MAX_PUSH_BYTES + 1
    if length > MAX_PUSH_BYTES:
        return _refuse(413, f"The body has at most {MAX_PUSH_BYTES} bytes.")
    try:
        body = json.loads(
            request.read(MAX_PUSH_BYTES + 1)[:MAX_PUSH_BYTES], parse_constant=_no_constant
        )
    except (ValueError, RecursionError) as error:
        return _refuse(400, f'The body is not JSON like {{"value": 42}}: {error}.')
    value = body.get("value") if isinstance(body, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return _refuse(400, "'value' must be a number, e.g. {\"value\": 42}.", field="value")
    note = body.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        return _refuse(400, f"'note' must be text of at most {MAX_NOTE} characters.", field="note")
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 200:
        return _refuse(400, "The Idempotency-Key has at most 200 characters.")
    try:
        pushed = actions.receive_push(source, float(value), note, key)
    except actions.TooManyPushes:
        answer = _refuse(429, f"At most {actions.PUSHES_PER_MINUTE} readings a minute; try later.")
        answer["Retry-After"] = "60"
        return answer
    except ValidationError as error:
        return _refuse(422, " ".join(error.messages))
    return JsonResponse(
        {"check_in": pushed.check_in_id, "value": pushed.value, "repeated": pushed.repeated},
        status=200 if pushed.repeated else 201,
    )
