"""Every request okrs sends out goes through here: never to the server's own network.

A platform module below the apps: webhooks, chat reminders and single sign-on discovery all
call `send`. The host is resolved once; loopback, private, link-local, multicast, reserved and
cloud metadata addresses are refused unless OKRS_OUTBOUND_ALLOW allows them; the connection
goes to the very address checked, within one deadline, and the answer is read up to a size.
"""

from okrs.outbound.client import (
    Answer,
    OutboundError,
    Refused,
    TimedOut,
    Unreachable,
    destination_problem,
    send,
)

__all__ = [
    "Answer",
    "OutboundError",
    "Refused",
    "TimedOut",
    "Unreachable",
    "destination_problem",
    "send",
]
