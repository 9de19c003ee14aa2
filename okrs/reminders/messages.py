"""The words of the reminders: e-mails, chat messages and the dry run's account of them."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.timezone import localtime

from okrs.domain.numbers import kr_value
from okrs.objectives.models import KeyResult
from okrs.organizations.models import Person
from okrs.reminders.chat import with_buttons
from okrs.reminders.due import by_team
from okrs.reminders.plan import ChatReminder, EmailReminder, ReminderPlan
from okrs.reminders.rules import count_label

INDIVIDUAL = "Your individual objectives"


def absolute(path: str) -> str:
    """Return the absolute URL of a path of this site."""
    return f"{settings.BASE_URL}{path}"


def email_subject(reminder: EmailReminder, plan: ReminderPlan) -> str:
    """Return the subject of a reminder e-mail."""
    due = count_label(len(reminder.items), "key result")
    return f"[{plan.organization.name}] {due} due a check-in"


def _groups(reminder: EmailReminder, link_for: Callable[[Person, KeyResult], str]) -> list[dict]:
    """Return the reminder's key results by team, each with its quick check-in link."""
    return [
        {
            "name": team.name if team is not None else INDIVIDUAL,
            "window": items[0].window,
            "lines": [
                {"item": item, "link": link_for(reminder.person, item.key_result)} for item in items
            ],
        }
        for team, items in by_team(reminder.items)
    ]


def email_text(reminder: EmailReminder, plan: ReminderPlan, groups: list[dict]) -> str:
    """Return the plain-text body of a reminder e-mail."""
    lines = [
        f"Hello {reminder.person.get_short_name()},",
        "",
        "These key results have had no check-in within their cadence. Each link opens a one-line",
        "check-in form without signing in; it works once, for 7 days.",
    ]
    for group in groups:
        lines += ["", f"{group['name']} (no check-in in the last {group['window']} days)"]
        for line in group["lines"]:
            item = line["item"]
            lines += [
                f"- {item.key_result.title}",
                f"  Objective: {item.objective.title}",
                f"  Now: {kr_value(item.key_result)}; last check-in: {item.since()}",
                f"  Check in: {line['link']}",
            ]
    lines += [
        "",
        f"Everything due for you: {absolute(reverse('reminders'))}",
        "",
        f"You get this because you are responsible for OKRs at {plan.organization.name}.",
    ]
    return "\n".join(lines) + "\n"


def email_message(
    reminder: EmailReminder, plan: ReminderPlan, link_for: Callable[[Person, KeyResult], str]
) -> EmailMultiAlternatives:
    """Return the reminder e-mail to the person, in plain text and HTML."""
    groups = _groups(reminder, link_for)
    message = EmailMultiAlternatives(
        subject=email_subject(reminder, plan),
        body=email_text(reminder, plan, groups),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.person.email],
    )
    context = {
        "person": reminder.person,
        "organization": plan.organization,
        "groups": groups,
        "due_url": absolute(reverse("reminders")),
    }
    message.attach_alternative(render_to_string("reminders/email.html", context), "text/html")
    return message


def _slack_escape(text: str) -> str:
    """Escape the three characters Slack reads as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chat_text(reminder: ChatReminder) -> str:
    """Return the chat message about a team's key results due a check-in."""
    window = reminder.items[0].window
    due = count_label(len(reminder.items), "key result")
    lines = [f"{reminder.team.name}: {due} due a check-in (none in the last {window} days)"]
    lines += [
        f"• {item.key_result.title} (last check-in: {item.since()})" for item in reminder.items
    ]
    names = ", ".join(person.get_full_name() for person in reminder.people())
    lines.append(f"Responsible: {names or 'nobody yet: add members to the team'}")
    lines.append(f"Check in: {absolute(reverse('reminders-team', args=[reminder.team.slug]))}")
    return _slack_escape("\n".join(lines))


def chat_body(text: str, reminder: ChatReminder | None = None) -> dict:
    """Return the JSON body of a chat message, read by Slack and Teams incoming webhooks alike.

    With the reminder, Slack also gets blocks: each key result with a button that opens the chat
    app's check-in dialog (Teams reads the text only).
    """
    if reminder is None:
        return {"text": text}
    lines = [
        (
            item.key_result.pk,
            _slack_escape(f"{item.key_result.title} (last check-in: {item.since()})"),
        )
        for item in reminder.items
    ]
    said = text.splitlines()
    return {"text": text, "blocks": with_buttons(said[0], lines, "\n".join(said[-2:]))}


def describe_plan(plan: ReminderPlan) -> str:
    """Return what a run would send, for --dry-run: recipients, subjects, key results, messages."""
    organization = plan.organization
    head = (
        f"{organization.name} ({organization.slug}), {localtime(plan.now):%Y-%m-%d %H:%M %Z}: "
        "would send "
        f"{count_label(len(plan.emails), 'e-mail')} and "
        f"{count_label(len(plan.chats), 'chat message')}."
    )
    lines = [head]
    for reminder in plan.emails:
        person = reminder.person
        lines += [
            f"E-mail to {person.get_full_name()} <{person.email}>",
            f"  Subject: {email_subject(reminder, plan)}",
        ]
        for item in reminder.items:
            team = item.team.name if item.team is not None else "individual"
            lines.append(
                f"  - {item.key_result.title} ({team}; last check-in: {item.since()}) "
                "+ quick check-in link"
            )
    host = urlsplit(plan.chat_webhook_url).hostname or "the chat webhook"
    for chat in plan.chats:
        lines.append(f"Chat message to {host} about {chat.team.name}:")
        lines += [f"  | {line}" for line in chat_text(chat).splitlines()]
    return "\n".join(lines)
