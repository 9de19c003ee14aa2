"""The words of the weekly digest: the e-mail to a person and the message to a team's channel."""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from okrs.chat.dialog import escape
from okrs.chat.digest_content import Digest
from okrs.domain.numbers import kr_value
from okrs.objectives.models import KeyResult
from okrs.organizations.models import Person, Team
from okrs.reminders.chat import with_buttons


def absolute(path: str) -> str:
    """Return the absolute URL of a path of this site."""
    return f"{settings.BASE_URL}{path}"


def digest_subject(digest: Digest) -> str:
    """Return the subject of a digest e-mail."""
    return f"[{digest.organization.name}] Your OKRs this week"


def digest_text(person: Person, digest: Digest, links: dict[int, str]) -> str:
    """Return the plain-text body of a person's digest e-mail."""
    lines = [f"Hello {person.get_short_name()},", "", "What moved this week:"]
    lines += [f"- {m.key_result.title}: {m.describe()}" for m in digest.moved] or ["- nothing"]
    lines += ["", "Needs your attention:"]
    lines += [
        f"- {item.title} ({', '.join(item.reason_labels())})" for item in digest.attention
    ] or ["- nothing"]
    lines += ["", "Due a check-in (each link checks in once, without signing in, for 7 days):"]
    for item in digest.due:
        lines += [
            f"- {item.key_result.title}: now {kr_value(item.key_result)}, "
            f"last check-in {item.since()}",
            f"  Check in: {links[item.key_result.pk]}",
        ]
    if not digest.due:
        lines.append("- nothing: every key result has a check-in within its cadence")
    lines += [
        "",
        f"Your OKRs: {absolute(reverse('reminders'))}",
        f"Stop this digest: {absolute(reverse('account'))}",
    ]
    return "\n".join(lines) + "\n"


def digest_email(
    person: Person, digest: Digest, link_for: Callable[[Person, KeyResult], str]
) -> EmailMultiAlternatives:
    """Return the person's digest e-mail, in plain text and HTML, with quick check-in links."""
    links = {item.key_result.pk: link_for(person, item.key_result) for item in digest.due}
    message = EmailMultiAlternatives(
        subject=digest_subject(digest),
        body=digest_text(person, digest, links),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    )
    context = {
        "person": person,
        "digest": digest,
        "due": [(item, links[item.key_result.pk]) for item in digest.due],
        "due_url": absolute(reverse("reminders")),
        "account_url": absolute(reverse("account")),
    }
    message.attach_alternative(render_to_string("chat/digest_email.html", context), "text/html")
    return message


def team_message(team: Team, digest: Digest) -> tuple[str, list[dict]]:
    """Return a team's digest as chat text and blocks, each due key result with its button."""
    moved = [f"• {m.key_result.title}: {m.describe()}" for m in digest.moved] or ["• nothing"]
    attention = [
        f"• {item.title} ({', '.join(item.reason_labels())})" for item in digest.attention
    ] or ["• nothing"]
    head = "\n".join(
        [
            f"*{team.name}: the week in OKRs*",
            "*What moved*",
            *moved,
            "*Needs attention*",
            *attention,
        ]
    )
    due = [
        (
            item.key_result.pk,
            f"{item.key_result.title} (now {kr_value(item.key_result)}, "
            f"last check-in {item.since()})",
        )
        for item in digest.due
    ]
    tail = f"Check in: {absolute(reverse('reminders-team', args=[team.slug]))}"
    if due:
        head += "\n*Due a check-in*"
    text = escape(head.replace("*", "") + "\n" + "\n".join(f"• {line}" for _, line in due))
    blocks = with_buttons(escape(head), [(pk, escape(line)) for pk, line in due], tail)
    return text, blocks
