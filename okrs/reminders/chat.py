"""Post a message to a Slack- or Teams-compatible incoming webhook."""

import json
import logging

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
