"""Pull every source that is due: one attempt each, the next one at the source's next slot."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.urls import reverse

from okrs.objectives.models import KeyResult
from okrs.organizations.models import Membership, Person
from okrs.sources import actions
from okrs.sources.fetch import FetchError, read
from okrs.sources.models import FAILURES_BEFORE_TELLING, Kind, Source
from okrs.sources.signals import source_failing

logger = logging.getLogger(__name__)


@dataclass
class PullSummary:
    """What one pass did: readings recorded, sources failed, owners told."""

    recorded: int = 0
    failed: int = 0
    told: int = 0
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"Pulled sources: {self.recorded} recorded, {self.failed} failed, "
            f"{self.told} owners told."
        )


def due_sources(now: datetime):
    """Return the pulled sources due at the moment, with their key results."""
    return (
        Source.objects.filter(kind__in=[Kind.HTTP, Kind.SQL])
        .filter(Q(next_pull_at__isnull=True) | Q(next_pull_at__lte=now))
        .filter(key_result__deleted_at__isnull=True, key_result__objective__deleted_at__isnull=True)
        .exclude(key_result__objective__cycle__state="closed")
        .select_related("key_result__objective", "organization")
        .order_by("next_pull_at", "pk")
    )


def pull_due(now: datetime) -> PullSummary:
    """Pull every source due at the moment once; a failure waits for the next slot."""
    summary = PullSummary()
    for source in due_sources(now):
        try:
            value = read(source)
            actions.record_reading(source, value)
        except FetchError as error:
            summary.failed += 1
            summary.errors.append(f"{source.key_result}: {error}")
            if actions.record_failure(source, str(error)):
                summary.told += tell_owner(source)
        except (
            Exception
        ) as error:  # one source's fault (a closed cycle, say) must not stop the rest
            logger.warning("Source %s failed", source.pk, exc_info=True)
            summary.failed += 1
            summary.errors.append(f"{source.key_result}: {error}")
            actions.record_failure(source, _described(error))
        else:
            summary.recorded += 1
    return summary


def _described(error: Exception) -> str:
    messages = getattr(error, "messages", None)
    return "; ".join(messages) if messages else f"Could not record the reading: {error}"


def owners(key_result: KeyResult) -> list[Person]:
    """Return who answers for the key result: its objective's owner, else its team's leads."""
    objective = key_result.objective
    if objective.owner is not None:
        return [objective.owner]
    team_id = key_result.team_id or objective.team_id
    if team_id is None:
        return []
    leads = Membership.objects.filter(team_id=team_id, role=Membership.TeamRole.LEAD)
    return [membership.person for membership in leads.select_related("person")]


def tell_owner(source: Source) -> int:
    """E-mail the key result's owners that its source keeps failing; return how many."""
    key_result = source.key_result
    link = settings.BASE_URL + reverse("objective", args=[key_result.objective_id])
    body = (
        f"The source {source.name!r} of the key result {key_result.title!r} failed "
        f"{FAILURES_BEFORE_TELLING} times in a row.\n\nLast error: {source.last_error}\n\n"
        f"okrs tries again at the next {source.schedule} slot. Check the source or record the "
        f"value by hand: {link}\n"
    )
    chat = (
        f"The source {source.name!r} of {key_result.title!r} failed {FAILURES_BEFORE_TELLING} "
        f"times in a row: {source.last_error} {link}"
    )
    source_failing.send_robust(sender=Source, source=source, text=chat)
    told = 0
    for person in owners(key_result):
        if not person.email:
            continue
        message = EmailMessage(
            subject=f"okrs: the source of {key_result.title!r} is failing",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[person.email],
        )
        try:
            message.send()
        except Exception:  # a mail server hiccup must not stop the pulls
            logger.info("Telling %s about a failing source failed", person.email, exc_info=True)
            continue
        told += 1
    return told
