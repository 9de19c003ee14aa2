"""Quick check-in links: signed, single-use and expiring; they open the form without signing in."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from okrs.cycles.models import Cycle
from okrs.objectives.models import KeyResult
from okrs.organizations.models import Person
from okrs.organizations.permissions import can_write_key_result, memberships_found, to_check_in
from okrs.reminders.models import UsedLink

SALT = "okrs.reminders.quick-check-in"
LIFETIME = timedelta(days=7)


@dataclass(frozen=True)
class Refusal:
    """Why a quick link cannot be used, as the person is told."""

    status: int
    title: str
    explanation: str


REFUSALS = {
    "tampered": Refusal(
        400,
        "This link is not valid",
        "It may have been cut short or changed on its way. Open it again from the e-mail, "
        "or sign in to check in.",
    ),
    "expired": Refusal(
        410,
        "This link has expired",
        f"Quick check-in links work for {LIFETIME.days} days. Sign in to check in; "
        "the next reminder brings a fresh link.",
    ),
    "used": Refusal(
        410,
        "This link was already used",
        "Each quick link records one check-in. Sign in to check in again or to correct it.",
    ),
    "other-organization": Refusal(
        404,
        "This link does not belong here",
        "It names a key result and a person of different organisations. Sign in to check in.",
    ),
    "gone": Refusal(
        404,
        "This key result is gone",
        "It was removed after the reminder was sent, or the person it was sent to was.",
    ),
    "closed": Refusal(
        409,
        "This cycle is closed",
        "Its OKRs are frozen, so it takes no more check-ins.",
    ),
    "not-allowed": Refusal(
        403,
        "You can no longer check in on this key result",
        "Only members of the team that owns it may check in. Sign in to see your own key results.",
    ),
}


class LinkRefused(Exception):
    """A quick link that cannot be used; reason is a key of REFUSALS."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
        self.refusal = REFUSALS[reason]


@dataclass(frozen=True)
class QuickLink:
    """What a quick link carries: its organisation, person, key result and one-time nonce."""

    organization_id: int
    person_id: int
    key_result_id: int
    nonce: str


@dataclass(frozen=True)
class OpenedLink:
    """A quick link found usable, with its person and key result loaded."""

    link: QuickLink
    person: Person
    key_result: KeyResult


def make_token(person: Person, key_result: KeyResult) -> str:
    """Return a new signed token that lets the person check in once on the key result."""
    payload = {
        "o": key_result.organization_id,
        "p": person.pk,
        "k": key_result.pk,
        "n": secrets.token_urlsafe(12),
    }
    return signing.dumps(payload, salt=SALT, compress=False)


def quick_link_url(person: Person, key_result: KeyResult) -> str:
    """Return the absolute URL of a new quick check-in link."""
    path = reverse("reminders-quick-check-in", args=[make_token(person, key_result)])
    return f"{settings.BASE_URL}{path}"


def read_token(token: str) -> QuickLink:
    """Return what the token carries, or refuse a tampered or expired one."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LIFETIME)
    except signing.SignatureExpired as error:
        raise LinkRefused("expired") from error
    except signing.BadSignature as error:
        raise LinkRefused("tampered") from error
    return QuickLink(data["o"], data["p"], data["k"], data["n"])


def open_link(token: str) -> OpenedLink:
    """Return the usable link with its person and key result, or refuse it saying why."""
    link = read_token(token)
    person = Person.objects.filter(pk=link.person_id).first()
    key_results = KeyResult.objects.select_related(
        "organization", "objective__cycle", "objective__team", "team"
    )
    key_result = (
        to_check_in(key_results, person).filter(pk=link.key_result_id).first() if person else None
    )
    if key_result is None or person is None:
        raise LinkRefused("gone")
    if not link.organization_id == key_result.organization_id == person.organization_id:
        raise LinkRefused("other-organization")
    if UsedLink.objects.filter(nonce=link.nonce).exists():
        raise LinkRefused("used")
    if key_result.objective.cycle.state == Cycle.State.CLOSED:
        raise LinkRefused("closed")
    if not person.is_active or not can_write_key_result(
        person, key_result, memberships_found(key_result)
    ):
        raise LinkRefused("not-allowed")
    return OpenedLink(link, person, key_result)
