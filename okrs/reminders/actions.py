"""Writes of the reminders: settings, what was sent, and check-ins through quick links."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from okrs import outbound
from okrs.objectives.actions import record_check_in
from okrs.objectives.models import CheckIn
from okrs.organizations.models import Organization, Person, Team
from okrs.reminders.links import LinkRefused, OpenedLink
from okrs.reminders.models import ReminderLog, ReminderSettings, UsedLink


@transaction.atomic
def update_reminder_settings(
    organization: Organization, enabled: bool, chat_webhook_url: str
) -> ReminderSettings:
    """Switch the organisation's reminders on or off and set its chat webhook."""
    stored, _ = ReminderSettings.objects.get_or_create(organization=organization)
    stored.enabled = enabled
    url_changed = stored.chat_webhook_url != chat_webhook_url.strip()
    stored.chat_webhook_url = chat_webhook_url.strip()
    stored.full_clean(exclude=["organization"])
    problem = outbound.destination_problem(stored.chat_webhook_url) if url_changed else ""
    if problem:
        raise ValidationError({"chat_webhook_url": f"Refused: {problem}."})
    stored.save(update_fields=["enabled", "chat_webhook_url"])
    return stored


@transaction.atomic
def record_run(organization: Organization, at: datetime) -> None:
    """Remember when reminders last ran for the organisation."""
    ReminderSettings.objects.update_or_create(
        organization=organization, defaults={"last_run_at": at}
    )


@transaction.atomic
def record_reminder(
    organization: Organization,
    channel: str,
    key_result_ids: list[int],
    sent_at: datetime,
    person: Person | None = None,
    team: Team | None = None,
) -> ReminderLog:
    """Record a reminder sent to a person or about a team, so that it is not repeated."""
    return ReminderLog.objects.create(
        organization=organization,
        channel=channel,
        person=person,
        team=team,
        key_result_ids=sorted(key_result_ids),
        sent_at=sent_at,
    )


@transaction.atomic
def check_in_by_link(
    opened: OpenedLink,
    value: float,
    confidence: int,
    progress_note: str = "",
    problems_note: str = "",
    plans_note: str = "",
) -> CheckIn:
    """Record the check-in as the link's person and use the link up: both, or neither."""
    link, key_result = opened.link, opened.key_result
    try:
        with transaction.atomic():
            used = UsedLink.objects.create(
                organization_id=link.organization_id,
                nonce=link.nonce,
                person=opened.person,
                key_result=key_result,
            )
    except IntegrityError as error:
        raise LinkRefused("used") from error
    check_in = record_check_in(
        key_result,
        value,
        confidence,
        author=opened.person,
        progress_note=progress_note,
        problems_note=problems_note,
        plans_note=plans_note,
    )
    used.check_in = check_in
    used.save(update_fields=["check_in"])
    return check_in
