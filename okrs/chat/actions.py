"""Writes of the chat app: installing it, team channels, digest preferences, chat check-ins."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from okrs import clock, outbound
from okrs.chat.models import ChatInstallation, DigestLog, DigestPreference, TeamChannel
from okrs.chat.vault import seal
from okrs.objectives.actions import record_check_in
from okrs.objectives.models import CheckIn, KeyResult
from okrs.organizations.models import Organization, Person, Team
from okrs.reminders.models import ReminderSettings


@transaction.atomic
def install_chat_app(
    organization: Organization,
    by: Person,
    platform: str,
    workspace_id: str,
    signing_secret: str = "",
    bot_token: str = "",
    api_url: str = "",
) -> ChatInstallation:
    """Install or reconfigure the organisation's chat app; empty secrets keep the stored ones."""
    installation = ChatInstallation.objects.filter(organization=organization).first()
    if installation is None:
        installation = ChatInstallation(
            organization=organization, installed_by=by, installed_at=clock.now()
        )
    installation.platform = platform
    installation.workspace_id = workspace_id.strip()
    api_changed = installation.api_url != api_url.strip()
    installation.api_url = api_url.strip()
    if signing_secret.strip():
        installation.signing_secret_sealed = seal(signing_secret.strip())
    if bot_token.strip():
        installation.bot_token_sealed = seal(bot_token.strip())
    errors = {}
    if not installation.signing_secret_sealed:
        errors["signing_secret"] = "Enter the app's signing secret (Basic Information page)."
    problem = outbound.destination_problem(installation.api_url) if api_changed else ""
    if installation.api_url and problem:
        errors["api_url"] = f"Refused: {problem}."
    if errors:
        raise ValidationError(errors)
    installation.full_clean(exclude=["organization", "installed_by"])
    installation.save()
    _reminder_buttons(organization, installation.platform == ChatInstallation.Platform.SLACK)
    return installation


def _reminder_buttons(organization: Organization, shown: bool) -> None:
    """Put check-in buttons on the team reminders while a Slack app can answer them."""
    ReminderSettings.objects.update_or_create(
        organization=organization, defaults={"check_in_buttons": shown}
    )


@transaction.atomic
def uninstall_chat_app(organization: Organization) -> None:
    """Remove the organisation's chat app and its secrets; team channels stay for a reinstall."""
    ChatInstallation.objects.filter(organization=organization).delete()
    _reminder_buttons(organization, False)


@transaction.atomic
def set_team_channel(team: Team, channel_id: str, weekly_digest: bool) -> TeamChannel | None:
    """Set the chat channel of a team and whether its weekly digest goes there; "" removes it."""
    channel_id = channel_id.strip()
    if not channel_id:
        TeamChannel.objects.filter(team=team).delete()
        return None
    channel, _ = TeamChannel.objects.get_or_create(
        team=team,
        defaults={"organization_id": team.organization_id, "channel_id": channel_id},
    )
    channel.channel_id = channel_id
    channel.weekly_digest = weekly_digest
    channel.full_clean(exclude=["organization", "team"])
    channel.save()
    return channel


@transaction.atomic
def set_digest_preference(person: Person, weekly_email: bool) -> DigestPreference:
    """Switch the person's weekly digest e-mail on or off."""
    organization = person.organization
    if organization is None:
        raise ValidationError("Only people of an organisation get a weekly digest.")
    preference, _ = DigestPreference.objects.update_or_create(
        person=person,
        defaults={"organization": organization, "weekly_email": weekly_email},
    )
    return preference


def check_in_from_chat(key_result: KeyResult, person: Person, fields: dict) -> CheckIn:
    """Record a check-in answered in the chat's dialog, as the person who answered it."""
    return record_check_in(key_result, author=person, **fields)


def claim_digest(
    organization: Organization,
    week: date,
    at: datetime,
    person: Person | None = None,
    team: Team | None = None,
) -> DigestLog | None:
    """Claim this week's digest for a person or team; None if it is already sent or claimed."""
    try:
        with transaction.atomic():
            return DigestLog.objects.create(
                organization=organization, week=week, person=person, team=team, sent_at=at
            )
    except IntegrityError:
        return None


def release_digest(claimed: DigestLog) -> None:
    """Give up a claim whose digest could not be sent, so that a later run tries again."""
    claimed.delete()
