"""Post a message to a Slack- or Teams-compatible incoming webhook, with check-in buttons."""

import json
import logging

from slack_sdk.models.blocks import ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from okrs import outbound

TIMEOUT_SECONDS = 10
USER_AGENT = "okrs-reminders/1"

logger = logging.getLogger(__name__)


def post_to_chat(url: str, body: dict) -> str:
    """POST the JSON body to the webhook; return what went wrong, or "" when it was taken.

    A redirect is a failure, never followed: following it would turn the POST into a GET.
    """
    data = json.dumps(body).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
    try:
        answer = outbound.send(
            "POST", url, body=data, headers=headers, timeout=TIMEOUT_SECONDS, max_bytes=1024
        )
    except outbound.TimedOut:
        return f"no answer within {TIMEOUT_SECONDS} s"
    except outbound.Refused as error:
        return f"not sent: {error}"
    except outbound.OutboundError as error:
        return f"could not connect: {error}"
    except Exception as error:  # a bad webhook must never stop the run
        logger.info("Chat webhook post failed", exc_info=True)
        return f"{type(error).__name__}: {error}"
    return "" if 200 <= answer.status < 300 else f"HTTP {answer.status} {answer.reason}"


CHECK_IN_ACTION = "okrs_check_in"
MAX_BUTTONS = 40  # Slack takes 50 blocks a message; room is left for the head and the tail


def check_in_button(key_result_id: int) -> ButtonElement:
    """Return the button that opens the chat app's check-in dialog on the key result."""
    return ButtonElement(
        text="Check in", action_id=CHECK_IN_ACTION, value=str(key_result_id), style="primary"
    )


def key_result_section(key_result_id: int, text: str) -> SectionBlock:
    """Return a key result's line of a chat message, with its check-in button."""
    return SectionBlock(
        text=MarkdownTextObject(text=text[:3000]), accessory=check_in_button(key_result_id)
    )


def with_buttons(head: str, lines: list[tuple[int, str]], tail: str = "") -> list[dict]:
    """Return a message's blocks: its head, each key result with its button, its tail."""
    blocks: list = [SectionBlock(text=MarkdownTextObject(text=head[:3000]))]
    blocks += [key_result_section(pk, line) for pk, line in lines[:MAX_BUTTONS]]
    if len(lines) > MAX_BUTTONS:
        more = len(lines) - MAX_BUTTONS
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"…and {more} more.")]))
    if tail:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=tail[:3000])]))
    return [block.to_dict() for block in blocks]
