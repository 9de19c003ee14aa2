"""Inviting people by e-mail: invite, resend, cancel, and accept (password or single sign-on)."""

import hashlib
import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

from okrs import clock
from okrs.administration.models import Invitation
from okrs.organizations.actions import add_person, check_password_rules, join_team
from okrs.organizations.audit import record_change
from okrs.organizations.models import Membership, Organization, Person, Role, Team

log = logging.getLogger(__name__)

VALID_FOR = timedelta(days=7)


class InvitationClosed(Exception):
    """The invitation can no longer be accepted: used, cancelled or expired."""

    def __init__(self, invitation: Invitation, state: str):
        super().__init__(f"The invitation of {invitation.email} is {state}.")
        self.invitation, self.state = invitation, state


@dataclass
class Sent:
    """An invitation and whether its e-mail left: `problem` says why not."""

    invitation: Invitation
    problem: str = ""
    link: str = ""  # the link itself, kept only when e-mail goes nowhere: the admin passes it on


def team_names(teams: list[Team]) -> str:
    """Return the teams' names as a sentence reads them: "Growth, Sales and Support"."""
    names = [team.name for team in teams]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def token_hash(token: str) -> str:
    """Return the hash under which an invitation keeps its link's token."""
    return hashlib.sha256(token.encode()).hexdigest()


def find_invitation(token: str) -> tuple[Invitation | None, bool]:
    """Return the invitation a link's token opens, and whether the link was replaced by a resend."""
    digest = token_hash(token)
    current = Invitation.objects.select_related("organization", "invited_by")
    invitation = current.filter(token_hash=digest).first()
    if invitation is not None:
        return invitation, False
    return current.filter(replaced_token_hash=digest).first(), True


def invitation_link(token: str) -> str:
    """Return the absolute address of the page that accepts the invitation."""
    return f"{settings.BASE_URL}{reverse('invitation', args=[token])}"


def _clean_email(email: str) -> str:
    """Return the e-mail trimmed and in lower case, or raise naming the field."""
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": "E-mail: enter the address to send the invitation to."})
    if len(email) > 254:
        raise ValidationError({"email": f"E-mail: at most 254 characters, got {len(email):,}."})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": f"E-mail: {email!r} is not an e-mail address."}) from None
    return email


# An active person with no password who never signed in: imported, yet to join.
NOT_JOINED = Q(is_active=True, last_login=None, password__startswith=UNUSABLE_PASSWORD_PREFIX)


def not_joined(organization: Organization) -> QuerySet[Person]:
    """Return the organisation's people who have not joined yet."""
    return Person.objects.filter(NOT_JOINED, organization=organization)


def waiting(organization: Organization) -> Q:
    """Return the condition on people yet to join that have no invitation still working."""
    working = Invitation.objects.of(organization).filter(
        accepted_at=None, cancelled_at=None, expires_at__gt=clock.now()
    )
    return NOT_JOINED & ~Q(email__in=working.values("email"))


def _check_free(organization: Organization, email: str) -> None:
    """Refuse an e-mail that belongs to someone; never say which organisation they are in."""
    someone = Person.objects.filter(email__iexact=email).first()
    if someone is None or not_joined(organization).filter(pk=someone.pk).exists():
        return
    if someone.organization_id == organization.id:
        state = "" if someone.is_active else " (deactivated: reactivate them instead)"
        raise ValidationError({"email": f"{email} is already {someone}'s address here{state}."})
    raise ValidationError({"email": f"{email} cannot be invited: the address is already in use."})


def _open_invitation(organization: Organization, email: str) -> Invitation | None:
    """Return the invitation of the e-mail that is neither accepted nor cancelled."""
    return (
        Invitation.objects.of(organization)
        .filter(email=email, accepted_at=None, cancelled_at=None)
        .first()
    )


def _check_teams(organization: Organization, teams: list[Team]) -> None:
    """Refuse teams of another organisation."""
    if any(team.organization_id != organization.id for team in teams):
        raise ValidationError({"teams": "Teams: choose teams of your own organisation."})


def fresh_token(invitation: Invitation) -> str:
    """Give the invitation a fresh link valid for 7 days; return the link's token."""
    token = secrets.token_urlsafe(32)
    now = clock.now()
    invitation.token_hash = token_hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + VALID_FOR
    return token


@transaction.atomic
def _create(
    organization: Organization,
    email: str,
    name: str,
    role: str,
    teams: list[Team],
    by: Person | None,
) -> tuple[Invitation, str]:
    """Store the invitation (the link's hash only) and keep it in the history."""
    email = _clean_email(email)
    name = (name or "").strip()
    if len(name) > 200:
        raise ValidationError({"name": f"Name: at most 200 characters, got {len(name):,}."})
    if role not in Role.values:
        raise ValidationError(
            {"role": f"Role: {role!r} is not a role; choose one of {Role.values}."}
        )
    _check_teams(organization, teams)
    _check_free(organization, email)
    earlier = _open_invitation(organization, email)
    if earlier is not None and earlier.is_open():
        raise ValidationError(
            {"email": f"{email} was invited on {earlier.sent_at:%d %b %Y}: resend that invitation."}
        )
    if earlier is not None:  # expired: it gives way to the new one
        earlier.cancelled_at = clock.now()
        earlier.save(update_fields=["cancelled_at"])
    invitation = Invitation(organization=organization, email=email, name=name, role=role)
    invitation.invited_by = by
    token = fresh_token(invitation)
    invitation.created_at = invitation.sent_at
    invitation.save()
    invitation.teams.set(teams)
    where = f" in {team_names(teams)}" if teams else ""
    record_change(
        organization,
        by,
        "person.invited",
        f"{email} was invited as {Role(role).label}{where}",
        email=email,
        role=role,
        teams=[team.pk for team in teams],
    )
    return invitation, token


def invite_person(
    organization: Organization,
    email: str,
    name: str = "",
    role: str = Role.MEMBER,
    teams: list[Team] | None = None,
    by: Person | None = None,
) -> Sent:
    """Invite someone by e-mail to join the organisation with a role and teams."""
    try:
        invitation, token = _create(organization, email, name, role, list(teams or []), by)
    except IntegrityError:  # the same e-mail invited at the same moment
        raise ValidationError({"email": f"{email.strip()} was just invited."}) from None
    return send_invitation(invitation, token)


def resend_invitation(invitation: Invitation, by: Person | None) -> Sent:
    """Send the invitation again with a new link; the old link stops working."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        state = invitation.state()
        if state in (Invitation.State.ACCEPTED, Invitation.State.CANCELLED):
            raise ValidationError(
                {"invitation": f"The invitation of {invitation.email} is {state}."}
            )
        invitation.replaced_token_hash = invitation.token_hash
        token = fresh_token(invitation)
        invitation.save(
            update_fields=["token_hash", "replaced_token_hash", "sent_at", "expires_at"]
        )
        record_change(
            invitation.organization,
            by,
            "person.invitation_resent",
            f"The invitation of {invitation.email} was sent again",
            email=invitation.email,
        )
    return send_invitation(invitation, token)


@transaction.atomic
def cancel_invitation(invitation: Invitation, by: Person | None) -> Invitation:
    """Withdraw an invitation that was not accepted; its link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(
            {"invitation": f"{invitation.email} already accepted: deactivate them instead."}
        )
    if invitation.cancelled_at is not None:
        return invitation
    invitation.cancelled_at = clock.now()
    invitation.save(update_fields=["cancelled_at"])
    record_change(
        invitation.organization,
        by,
        "person.invitation_cancelled",
        f"The invitation of {invitation.email} was cancelled",
        email=invitation.email,
    )
    return invitation


def _accept(invitation: Invitation, name: str, password: str | None, how: str) -> Person:
    """Create the invited person with their role and teams, once, and keep it in the history."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    state = invitation.state()
    if state != Invitation.State.PENDING:
        raise InvitationClosed(invitation, state)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Name: enter the name your colleagues know you by."})
    if invitation.person_id is None:  # invited by address: someone imported may wait there
        imported = not_joined(invitation.organization).filter(email__iexact=invitation.email)
        invitation.person = imported.first()
    waiting = invitation.person
    if waiting is not None:  # an imported person: their account waits for them
        person = _let_in(invitation, waiting, name, password)
    else:
        person = _create_invited(invitation, name, password)
    invitation.accepted_at = clock.now()
    invitation.person = person
    invitation.save(update_fields=["accepted_at", "person"])
    record_change(
        invitation.organization,
        person,
        "person.joined",
        f"{person} accepted the invitation{how} and joined as {invitation.role_label()}",
        person=person,
        email=invitation.email,
    )
    return person


def _create_invited(invitation: Invitation, name: str, password: str | None) -> Person:
    """Create the invited person's account in the invited role and teams."""
    taken = {"email": f"{invitation.email} already has an account: sign in with it instead."}
    if Person.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(taken)
    try:
        person = add_person(
            invitation.organization, invitation.email, name, invitation.role, password=password
        )
    except IntegrityError:  # someone took the address a moment ago
        raise ValidationError(taken) from None
    for team in invitation.teams.all():
        join_team(person, team)
    return person


def _let_in(invitation: Invitation, waiting: Person, name: str, password: str | None) -> Person:
    """Give the imported person their name, password and the invited role; their teams are kept."""
    person = Person.objects.select_for_update().get(pk=waiting.pk)
    if not person.is_active:
        raise ValidationError(
            {"email": f"The account of {invitation.email} is deactivated: ask an admin."}
        )
    if person.has_usable_password() or person.last_login is not None:
        raise ValidationError(
            {"email": f"{invitation.email} already has an account: sign in with it instead."}
        )
    person.name, person.role = name, invitation.role
    if password:
        check_password_rules(password, person)
        person.set_password(password)
    person.save(update_fields=["name", "role", "password"])
    joined = set(Membership.objects.filter(person=person).values_list("team_id", flat=True))
    for team in invitation.teams.all():
        if team.pk not in joined:  # an imported lead stays the lead
            join_team(person, team)
    return person


def waiting_for_invitation(organization: Organization) -> QuerySet[Person]:
    """Return the people yet to join who have no invitation that still works."""
    return Person.objects.filter(waiting(organization), organization=organization)


@transaction.atomic
def accept_invitation(invitation: Invitation, name: str, password: str) -> Person:
    """Accept the invitation with a name and a password that passes the rules."""
    if not password:
        raise ValidationError({"password": "Password: choose a password."})
    return _accept(invitation, name, password, "")


@transaction.atomic
def accept_by_single_sign_on(invitation: Invitation, name: str) -> Person:
    """Accept the invitation for someone the single sign-on provider vouches for."""
    return _accept(
        invitation, name or invitation.name or invitation.email, None, " by single sign-on"
    )


def open_invitation_of(email: str, preferred: int | None = None) -> Invitation | None:
    """Return a pending invitation of the e-mail, the one with id `preferred` first."""
    candidates = Invitation.objects.filter(
        email__iexact=email.strip(), accepted_at=None, cancelled_at=None
    ).filter(expires_at__gt=clock.now())
    chosen = candidates.filter(pk=preferred).first() if preferred else None
    return chosen or candidates.order_by("-sent_at", "-id").first()


def invitation_message(invitation: Invitation, token: str) -> EmailMultiAlternatives:
    """Return the invitation e-mail, in plain text and HTML."""
    organization = invitation.organization
    context = {
        "invitation": invitation,
        "organization": organization,
        "inviter": invitation.invited_by,
        "teams": team_names(list(invitation.teams.order_by("name"))),
        "link": invitation_link(token),
        "sso": settings.OIDC_ENABLED,
    }
    inviter = invitation.invited_by.get_full_name() if invitation.invited_by else "An admin"
    message = EmailMultiAlternatives(
        subject=f"{inviter} invited you to {organization.name} on okrs",
        body=render_to_string("administration/invitation_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )
    html = render_to_string("administration/invitation_email.html", context)
    message.attach_alternative(html, "text/html")
    return message


def mail_goes_nowhere() -> bool:
    """Return whether e-mail only prints to the server's output: no SMTP server is set up."""
    return settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def send_invitation(invitation: Invitation, token: str, connection=None) -> Sent:
    """Send the invitation's e-mail; a mail server that fails is reported, not raised."""
    try:
        message = invitation_message(invitation, token)
        message.connection = connection
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        log.warning("The invitation of %s was not sent: %s", invitation.email, error)
        return Sent(invitation, f"{type(error).__name__}: {error}")
    return Sent(invitation, link=invitation_link(token) if mail_goes_nowhere() else "")
