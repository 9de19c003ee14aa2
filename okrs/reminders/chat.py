"""Post a message to a Slack- or Teams-compatible incoming webhook."""

import json
import logging
import urllib.error
import urllib.request

TIMEOUT_SECONDS = 10
USER_AGENT = "okrs-reminders/1"

logger = logging.getLogger(__name__)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Treat a redirect as a failure: following it would turn the POST into a GET."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post_to_chat(url: str, body: dict) -> str:
    """POST the JSON body to the webhook; return what went wrong, or "" when it was taken."""
    data = json.dumps(body).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
    try:
        request = urllib.request.Request(url, data=data, method="POST", headers=headers)
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
    except urllib.error.HTTPError as answer:
        answer.close()
        return f"HTTP {answer.code} {answer.reason}"
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return f"no answer within {TIMEOUT_SECONDS} s"
        return f"could not connect: {error.reason}"
    except TimeoutError:
        return f"no answer within {TIMEOUT_SECONDS} s"
    except Exception as error:  # a bad webhook must never stop the run
        logger.info("Chat webhook post failed", exc_info=True)
        return f"{type(error).__name__}: {error}"
    return "" if 200 <= status < 300 else f"HTTP {status}"
