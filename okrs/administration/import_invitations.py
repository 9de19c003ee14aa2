"""Invitations for people who have an account but no way in yet (an import created them)."""

import smtplib
from contextlib import suppress
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db import transaction

from okrs import clock
from okrs.administration.invitations import (
    Sent,
    fresh_token,
    send_invitation,
    team_names,
    waiting_for_invitation,
)
from okrs.administration.models import Invitation
from okrs.domain.orgchart import Plan
from okrs.organizations.models import (
    AdministrativeChange,
    Membership,
    Organization,
    Person,
    Role,
    Team,
)

BATCH = 500  # rows per INSERT, and e-mails per query (the database's limit on parameters)


@dataclass
class Applied:
    """An applied import and the invitations it sent; `unsent` says whose e-mail did not leave."""

    plan: Plan
    sent: list[Sent] = field(default_factory=list)

    def unsent(self) -> list[Sent]:
        """Return the invitations that are saved but whose e-mail could not be sent."""
        return [sent for sent in self.sent if sent.problem]


def _never_signed_in(organization: Organization, emails: list[str]) -> list[Person]:
    """Return the organisation's people of these e-mails who wait for an invitation."""
    people: list[Person] = []
    waiting = waiting_for_invitation(organization)
    for start in range(0, len(emails), BATCH):
        people += waiting.filter(email__in=emails[start : start + BATCH])
    return sorted(people, key=lambda p: p.email)


def waits_for_invitation(organization: Organization, person: Person) -> bool:
    """Return whether the person has no way in yet and no invitation that still works."""
    if not person.is_active or person.last_login is not None or person.has_usable_password():
        return False  # joined, or not to be let in: no need to ask the database
    return waiting_for_invitation(organization).filter(pk=person.pk).exists()


def invite_imported(
    organization: Organization,
    emails: list[str],
    by: Person | None,
    *,
    why: str = " after an import",
) -> list[tuple[Invitation, str]]:
    """Invite the imported people of these e-mails who have no way in yet; each kept in the history.

    Call inside the import's transaction; return the invitations with their links' tokens, to send
    once it is committed. Someone signed in, invited already, or with a password is left alone.
    """
    people = _never_signed_in(organization, emails)
    if not people:
        return []
    # An invitation sent before the import to the same address gives way to this one.
    Invitation.objects.of(organization).filter(
        email__in=[p.email for p in people], accepted_at=None, cancelled_at=None
    ).update(cancelled_at=clock.now())
    teams: dict[int, list[Team]] = {}
    for membership in Membership.objects.filter(person__in=people).select_related("team"):
        teams.setdefault(membership.person_id, []).append(membership.team)
    invitations, tokens = [], []
    for person in people:
        invitation = Invitation(
            organization=organization,
            email=person.email,
            name=person.name,
            role=person.role,
            invited_by=by,
            person=person,
        )
        tokens.append(fresh_token(invitation))
        invitation.created_at = invitation.sent_at
        invitations.append(invitation)
    Invitation.objects.bulk_create(invitations, batch_size=BATCH)
    if any(invitation.pk is None for invitation in invitations):  # a database that returns no ids
        ids = dict(
            Invitation.objects.of(organization)
            .filter(accepted_at=None, cancelled_at=None)
            .values_list("email", "pk")
        )
        for invitation in invitations:
            invitation.pk = ids[invitation.email]
    links, changes = [], []
    for invitation, person in zip(invitations, people, strict=True):
        theirs = sorted(teams.get(person.pk, []), key=lambda team: team.name)
        links += [Invitation.teams.through(invitation=invitation, team=t) for t in theirs]
        where = f" in {team_names(theirs)}" if theirs else ""
        summary = f"{person.email} was invited as {Role(person.role).label}{where}{why}"
        changes.append(
            AdministrativeChange(
                organization=organization,
                actor=by,
                person=person,
                action="person.invited",
                summary=summary[:300],
                details={
                    "email": person.email,
                    "role": person.role,
                    "teams": [t.pk for t in theirs],
                },
            )
        )
    Invitation.teams.through.objects.bulk_create(links, batch_size=BATCH)
    AdministrativeChange.objects.bulk_create(changes, batch_size=BATCH)
    return list(zip(invitations, tokens, strict=True))


def invite_not_joined(organization: Organization, by: Person | None) -> list[Sent]:
    """Invite everyone yet to join who has no invitation that still works, as they are."""
    waiting = waiting_for_invitation(organization).values_list("email", flat=True)
    with transaction.atomic():
        pending = invite_imported(organization, list(waiting), by, why="")
    return send_all(pending)


def send_all(pending: list[tuple[Invitation, str]]) -> list[Sent]:
    """Send the invitations' e-mails over one connection; a failing mail server is reported."""
    if not pending:
        return []
    connection = get_connection()
    with suppress(smtplib.SMTPException, OSError):  # each e-mail tries again, and says why
        connection.open()
    try:
        return [send_invitation(invitation, token, connection) for invitation, token in pending]
    finally:
        with suppress(smtplib.SMTPException, OSError):  # the e-mails are reported already
            connection.close()
