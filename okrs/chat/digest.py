"""The weekly digest: one e-mail a week to each person who asked, one to each team channel."""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils.timezone import localtime

from okrs.cadence.attention import radar
from okrs.chat.actions import claim_digest, release_digest
from okrs.chat.digest_content import person_digest, team_digest
from okrs.chat.digest_messages import digest_email, team_message
from okrs.chat.models import ChatInstallation, DigestPreference, TeamChannel
from okrs.chat.web_api import ChatApiError, post_message
from okrs.organizations.models import Organization
from okrs.reminders.links import quick_link_url

logger = logging.getLogger(__name__)


@dataclass
class DigestSummary:
    """What one run sent: e-mails, chat messages, those already sent this week, and failures."""

    emails: int = 0
    chats: int = 0
    already_sent: int = 0
    nothing_to_say: int = 0
    failures: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """Return the run in one line, for the command's output."""
        return (
            f"{self.emails} e-mail(s) and {self.chats} chat message(s) sent; "
            f"{self.already_sent} already sent this week; "
            f"{self.nothing_to_say} with nothing to say; "
            f"{len(self.failures)} failed."
        )


def week_of(now: datetime, organization: Organization | None = None) -> date:
    """Return the Monday of the week the moment falls in, in the organisation's time zone."""
    day = localtime(now, organization.zone() if organization else None).date()
    return day - timedelta(days=day.weekday())


SENDS_FROM = time(7)  # the week's digest waits for Monday morning in the organisation's time zone


def is_too_early(now: datetime, organization: Organization) -> bool:
    """Return whether it is still Monday night where the organisation is: the digest waits."""
    local = localtime(now, organization.zone())
    return local.weekday() == 0 and local.time() < SENDS_FROM


def send_weekly_digests(now: datetime) -> DigestSummary:
    """Send this week's digests of every organisation; those already sent this week are skipped."""
    summary = DigestSummary()
    for organization in Organization.objects.order_by("pk"):
        if not is_too_early(now, organization):
            send_organization_digests(organization, now, summary)
    return summary


def send_organization_digests(
    organization: Organization, now: datetime, summary: DigestSummary
) -> None:
    """Send the organisation's digests due this week, adding what happened to the summary."""
    wanted = DigestPreference.objects.of(organization).filter(
        weekly_email=True, person__is_active=True
    )
    channels = TeamChannel.objects.of(organization).filter(
        weekly_digest=True, team__archived_at__isnull=True
    )
    installation = ChatInstallation.objects.filter(organization=organization).first()
    if installation is None or not installation.bot_token_sealed:
        channels = channels.none()
    if not wanted.exists() and not channels.exists():
        return
    week = week_of(now, organization)
    found = radar(organization, now=now)
    for preference in wanted.select_related("person").order_by("person__email"):
        _send_email(organization, preference.person, week, found, summary)
    for channel in channels.select_related("team").order_by("team__name"):
        _send_chat(organization, installation, channel, week, found, summary)


def _send_email(organization, person, week, found, summary: DigestSummary) -> None:
    digest = person_digest(organization, person, found)
    if digest.is_empty():
        summary.nothing_to_say += 1
        return
    claimed = claim_digest(organization, week, found.now, person=person)
    if claimed is None:
        summary.already_sent += 1
        return
    try:
        digest_email(person, digest, quick_link_url).send()
    except Exception as error:  # one bad address or mail server hiccup must not stop the run
        logger.info("Digest e-mail to %s failed", person.email, exc_info=True)
        release_digest(claimed)
        summary.failures.append(f"the digest e-mail to {person.email} failed: {error}")
        return
    summary.emails += 1


def _send_chat(organization, installation, channel, week, found, summary: DigestSummary) -> None:
    team = channel.team
    digest = team_digest(organization, team, found)
    if digest.is_empty():
        summary.nothing_to_say += 1
        return
    claimed = claim_digest(organization, week, found.now, team=team)
    if claimed is None:
        summary.already_sent += 1
        return
    text, blocks = team_message(team, digest)
    try:
        post_message(installation, channel.channel_id, text, blocks)
    except ChatApiError as error:
        release_digest(claimed)
        summary.failures.append(f"the digest of {team.name} failed: {error}")
        return
    summary.chats += 1
