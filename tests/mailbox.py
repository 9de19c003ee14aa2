"""A real SMTP receiver on 127.0.0.1 (aiosmtpd) for tests of the e-mails okrs sends."""

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """Accepts every message sent to it over SMTP and keeps it, parsed."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.port = _free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):
        """Keep the message and its envelope; accept it."""
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def text(self, index: int = -1) -> str:
        """Return the plain-text part of a received message."""
        return self.messages[index].get_body(preferencelist=("plain",)).get_content()

    def stop(self) -> None:
        """Stop listening."""
        self.controller.stop()
