"""Send queued webhook deliveries: signed POSTs, retried with exponential backoff."""

import json
import logging
from collections import Counter
from datetime import datetime, timedelta

from django.db import transaction

from okrs import clock, outbound
from okrs.webhooks.models import Delivery
from okrs.webhooks.signing import sign, standard_signature

MAX_ATTEMPTS = 8
TIMEOUT_SECONDS = 10
FIRST_RETRY_SECONDS = 30
LONGEST_RETRY_SECONDS = 3600
# A claimed delivery is not picked again before this; a worker that dies mid-send is covered.
LEASE = timedelta(minutes=5)
ERROR_LENGTH = 1000
# The start of an answer's body kept in the delivery's last error; no more is read.
EXCERPT_BYTES = 300
USER_AGENT = "okrs-webhooks/1"

logger = logging.getLogger(__name__)


def retry_delay(attempts: int) -> timedelta:
    """Return the wait after the given number of failed attempts: 30 s doubling, at most 1 h."""
    seconds = FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, LONGEST_RETRY_SECONDS))


def body_of(delivery: Delivery) -> bytes:
    """Return the exact bytes sent and signed: the payload as compact JSON with sorted keys."""
    return json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode("utf-8")


def deliver_due(now: datetime | None = None, limit: int = 100) -> Counter:
    """Send up to limit deliveries due by now; count them as delivered, retrying or failed."""
    now = now or clock.now()
    outcomes: Counter = Counter()
    for _ in range(limit):
        delivery = _claim_next(now)
        if delivery is None:
            break
        outcomes[_attempt(delivery, now)] += 1
    return outcomes


def _claim_next(now: datetime) -> Delivery | None:
    """Lease the next due delivery so that no other worker sends it; return it, or None."""
    due = Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
    with transaction.atomic():
        # PostgreSQL skips rows another worker holds; SQLite ignores the clause and
        # serialises writers instead. The conditional UPDATE is the claim on both.
        candidates = (
            due.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint")
            .order_by("next_attempt_at", "id")
        )
        delivery = candidates.first()
        if delivery is not None and due.filter(pk=delivery.pk).update(next_attempt_at=now + LEASE):
            return delivery
    return None


def _attempt(delivery: Delivery, now: datetime) -> str:
    """Send the delivery once and record the outcome; return "delivered", "retrying" or "failed"."""
    endpoint = delivery.endpoint
    if endpoint.active:
        status_code, error = _post(endpoint.url, endpoint.secret, delivery)
    else:
        status_code, error = None, "Not sent: the endpoint is paused."
    attempts = delivery.attempts + 1
    fields = {
        "attempts": attempts,
        "last_status_code": status_code,
        "last_error": error[:ERROR_LENGTH],
    }
    if not error:
        fields.update(status=Delivery.Status.DELIVERED, next_attempt_at=None, delivered_at=now)
        outcome = "delivered"
    elif attempts >= MAX_ATTEMPTS or not endpoint.active:
        fields.update(status=Delivery.Status.FAILED, next_attempt_at=None)
        outcome = "failed"
    else:
        fields.update(next_attempt_at=now + retry_delay(attempts))
        outcome = "retrying"
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(**fields)
    return outcome


def _post(url: str, secret: str, delivery: Delivery) -> tuple[int | None, str]:
    """POST the signed delivery; return the HTTP status (if any) and an error ("" on 2xx).

    A redirect is a failed attempt, never followed: following it would turn the POST into a GET.
    """
    body = body_of(delivery)
    timestamp = int(clock.timestamp())
    message_id = f"msg_okrs_{delivery.pk}"
    headers = {
        "Content-Type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": standard_signature(secret, message_id, timestamp, body),
        "User-Agent": USER_AGENT,
        "X-Okrs-Event": delivery.event,
        "X-Okrs-Delivery": str(delivery.pk),
        "X-Okrs-Timestamp": str(timestamp),
        # The signature of earlier releases, sent for one more release (docs/webhooks.md).
        "X-Okrs-Signature": sign(secret, timestamp, body),
    }
    try:
        answer = outbound.send(
            "POST",
            url,
            body=body,
            headers=headers,
            timeout=TIMEOUT_SECONDS,
            max_bytes=EXCERPT_BYTES,
        )
    except outbound.TimedOut:
        return None, f"No answer within {TIMEOUT_SECONDS} s."
    except outbound.Refused as error:
        return None, f"Not sent: {error}."
    except outbound.OutboundError as error:
        return None, f"Could not connect: {error}"
    except Exception as error:  # a bad endpoint must never stop the worker
        logger.info("Webhook delivery %s failed", delivery.pk, exc_info=True)
        return None, f"{type(error).__name__}: {error}"
    if 200 <= answer.status < 300:
        return answer.status, ""
    excerpt = answer.body.decode("utf-8", "replace").strip()
    status = f"HTTP {answer.status} {answer.reason}"
    return answer.status, f"{status}: {excerpt}" if excerpt else status
