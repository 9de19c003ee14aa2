"""Send a reminder plan: e-mails with quick links, chat messages, and a log of what went out."""

import logging
from dataclasses import dataclass, field

from okrs.reminders.actions import record_reminder, record_run
from okrs.reminders.chat import post_to_chat
from okrs.reminders.links import quick_link_url
from okrs.reminders.messages import chat_body, chat_text, email_message
from okrs.reminders.models import ReminderLog, settings_of
from okrs.reminders.plan import ReminderPlan

logger = logging.getLogger(__name__)


@dataclass
class RunResult:
    """How one run went: what was sent and what failed."""

    emails: int = 0
    chats: int = 0
    failures: list[str] = field(default_factory=list)


def send_plan(plan: ReminderPlan) -> RunResult:
    """Send the plan's e-mails and chat messages, logging each one that went out."""
    result = RunResult()
    organization = plan.organization
    for reminder in plan.emails:
        person = reminder.person
        message = email_message(reminder, plan, quick_link_url)
        try:
            message.send()
        except Exception as error:  # one bad address or mail server hiccup must not stop the run
            logger.info("Reminder e-mail to %s failed", person.email, exc_info=True)
            result.failures.append(f"the e-mail to {person.email} failed: {error}")
            continue
        key_result_ids = [item.key_result.pk for item in reminder.items]
        record_reminder(
            organization, ReminderLog.Channel.EMAIL, key_result_ids, plan.now, person=person
        )
        result.emails += 1
    buttons = bool(plan.chats) and settings_of(organization).check_in_buttons
    for chat in plan.chats:
        body = chat_body(chat_text(chat), chat if buttons else None)
        failure = post_to_chat(plan.chat_webhook_url, body)
        if failure:
            result.failures.append(f"the chat message about {chat.team.name} failed: {failure}")
            continue
        key_result_ids = [item.key_result.pk for item in chat.items]
        record_reminder(
            organization, ReminderLog.Channel.CHAT, key_result_ids, plan.now, team=chat.team
        )
        result.chats += 1
    record_run(organization, plan.now)
    return result
