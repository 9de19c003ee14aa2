"""Every write about sources: set, renew, remove, and record a reading or a failure."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from okrs import clock
from okrs.objectives.actions import record_check_in
from okrs.objectives.models import CheckIn, KeyResult
from okrs.sources.models import Kind, Push, Source
from okrs.sources.sealing import new_push_secret, new_push_token, push_secret_hash, seal

FIELDS = (
    "name",
    "kind",
    "schedule",
    "url",
    "format",
    "path",
    "column",
    "row",
    "auth_header_name",
    "database",
    "query",
)
PUSHES_PER_MINUTE = 30
# Before any human check-in there is no confidence to carry: the practice starts a key result at 5.
STARTING_CONFIDENCE = 5
KEEP_PUSHES = timedelta(days=2)


@dataclass
class SetSource:
    """A source just set: the row, and its push secret when one was made (shown once)."""

    source: Source
    push_secret: str = ""


@transaction.atomic
def set_source(key_result: KeyResult, auth_header_value: str | None = None, **fields) -> SetSource:
    """Give the key result a source, or change it; `auth_header_value=None` keeps the stored one.

    A push source gets a secret the first time it becomes one; a pulled source is due at once.
    """
    source = Source.objects.filter(key_result=key_result).first() or Source(
        organization_id=key_result.organization_id, key_result=key_result
    )
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(f"Unknown source fields: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(source, name, value)
    if not source.auth_header_name:
        source.auth_header_sealed = ""
    elif auth_header_value is not None:
        source.auth_header_sealed = seal(auth_header_value)
    secret = ""
    if source.kind == Kind.PUSH and not source.push_secret_hash:
        secret = new_push_secret()
        source.push_secret_hash = push_secret_hash(secret)
        source.push_token = source.push_token or new_push_token()
    if source.is_pulled():
        source.next_pull_at = clock.now()
        source.failures_in_row, source.last_error, source.last_error_at = 0, "", None
    else:
        source.next_pull_at = None
    source.full_clean(exclude=["organization", "key_result"])
    source.save()
    return SetSource(source, secret)


@transaction.atomic
def renew_push_secret(source: Source) -> str:
    """Give the push source a new secret, returned once; the old one stops working at once."""
    if source.kind != Kind.PUSH:
        raise ValidationError("Only a push source has a secret.")
    secret = new_push_secret()
    source.push_secret_hash = push_secret_hash(secret)
    source.save(update_fields=["push_secret_hash"])
    return secret


@transaction.atomic
def remove_source(source: Source) -> None:
    """Remove the key result's source; the check-ins it recorded stay."""
    source.delete()


def carried_confidence(key_result: KeyResult) -> int:
    """Return the confidence a reading carries: the last human check-in's, else the start's."""
    last = (
        CheckIn.objects.filter(key_result=key_result, source="")
        .order_by("-checked_in_at", "-id")
        .values_list("confidence", flat=True)
        .first()
    )
    return STARTING_CONFIDENCE if last is None else last


@transaction.atomic
def record_reading(source: Source, value: float, note: str = "", at: datetime | None = None):
    """Record a reading as a check-in from the source, keeping the last human confidence."""
    key_result = source.key_result
    check_in = record_check_in(
        key_result,
        value=value,
        confidence=carried_confidence(key_result),
        progress_note=note,
        source=source.name,
        at=at,
    )
    now = clock.now()
    source.last_value, source.last_read_at = value, now
    source.failures_in_row, source.last_error = 0, ""
    changed = ["last_value", "last_read_at", "failures_in_row", "last_error"]
    if source.is_pulled():
        source.next_pull_at = source.next_slot(now)
        changed.append("next_pull_at")
    source.save(update_fields=changed)
    return check_in


@transaction.atomic
def record_failure(source: Source, error: str) -> bool:
    """Record a failed read; the next attempt waits for the next slot. True: tell the owner now."""
    now = clock.now()
    source.failures_in_row += 1
    source.last_error, source.last_error_at = error[:500], now
    source.next_pull_at = source.next_slot(now)
    source.save(update_fields=["failures_in_row", "last_error", "last_error_at", "next_pull_at"])
    return source.failures_in_row == 3


class TooManyPushes(Exception):
    """The source took its share of pushes this minute."""


@dataclass
class Pushed:
    """A push taken: its check-in, and whether it repeats an earlier one with the same key."""

    check_in_id: int | None
    value: float
    repeated: bool


def receive_push(source: Source, value: float, note: str, idempotency_key: str) -> Pushed:
    """Record a pushed reading once per Idempotency-Key, within the source's rate."""
    if idempotency_key:
        earlier = Push.objects.filter(source=source, idempotency_key=idempotency_key).first()
        if earlier:
            return Pushed(earlier.check_in_id, earlier.value, repeated=True)
    now = clock.now()
    if Push.objects.filter(source=source, received_at__gt=now - timedelta(minutes=1)).count() >= (
        PUSHES_PER_MINUTE
    ):
        raise TooManyPushes
    try:
        with transaction.atomic():
            check_in = record_reading(source, value, note)
            Push.objects.create(
                organization_id=source.organization_id,
                source=source,
                idempotency_key=idempotency_key,
                check_in_id=check_in.pk,
                value=value,
                received_at=now,
            )
    except IntegrityError:  # the same key pushed twice at once: the other one was recorded
        earlier = Push.objects.get(source=source, idempotency_key=idempotency_key)
        return Pushed(earlier.check_in_id, earlier.value, repeated=True)
    Push.objects.filter(source=source, received_at__lt=now - KEEP_PUSHES).delete()
    return Pushed(check_in.pk, value, repeated=False)
