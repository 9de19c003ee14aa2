"""Tell the organisation's chat when a key result's source keeps failing."""

import logging

from okrs.reminders.chat import post_to_chat
from okrs.reminders.messages import chat_body
from okrs.reminders.models import settings_of
from okrs.sources.signals import source_failing

logger = logging.getLogger(__name__)


def post_source_failing(sender, source, text, **kwargs) -> None:
    """Post the failing source's message to the reminders' chat webhook, when one is set."""
    settings = settings_of(source.organization)
    if not settings.enabled or not settings.chat_webhook_url:
        return
    problem = post_to_chat(settings.chat_webhook_url, chat_body(text))
    if problem:
        logger.info("Telling chat about a failing source failed: %s", problem)


def connect() -> None:
    """Listen for failing sources."""
    source_failing.connect(post_source_failing, dispatch_uid="reminders-source-failing")
