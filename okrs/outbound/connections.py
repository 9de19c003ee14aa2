"""HTTP connections to an address resolved and checked beforehand, within one deadline."""

import http.client
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Deadline:
    """The moment a whole request must be over by, and the seconds it was given."""

    seconds: float
    at: float

    @classmethod
    def after(cls, seconds: float) -> "Deadline":
        """Return the deadline that many seconds from now (on the monotonic clock)."""
        return cls(seconds, time.monotonic() + seconds)

    def remaining(self) -> float:
        """Return the seconds left; raise TimeoutError when none are."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no answer within {self.seconds:g} s")
        return left


class _WithinDeadline:
    """A socket whose every read and write waits only as long as its deadline leaves.

    A socket timeout alone bounds each read: a server that drips one byte at a time would hold
    the request for as long as it likes.
    """

    deadline: Deadline | None = None
    settimeout: Callable[[float | None], None]  # the socket's own

    def _wait_at_most(self) -> None:
        if self.deadline is not None:
            self.settimeout(self.deadline.remaining())

    def recv_into(self, *args, **kwargs):
        self._wait_at_most()
        return super().recv_into(*args, **kwargs)  # type: ignore[misc]

    def sendall(self, *args, **kwargs):
        self._wait_at_most()
        return super().sendall(*args, **kwargs)  # type: ignore[misc]


class _Socket(_WithinDeadline, socket.socket):
    pass


class _TLSSocket(_WithinDeadline, ssl.SSLSocket):
    pass


def _connect(addresses: list[tuple], deadline: Deadline) -> _Socket:
    """Connect to the first of the addresses that answers; raise the last error otherwise."""
    error: OSError = ConnectionError("no address to connect to")
    for family, kind, proto, sockaddr in addresses:
        sock = _Socket(family, kind, proto)
        try:
            sock.settimeout(deadline.remaining())
            sock.connect(sockaddr)
        except OSError as failure:
            sock.close()
            error = failure
            continue
        sock.deadline = deadline
        return sock
    raise error


class Connection(http.client.HTTPConnection):
    """An HTTP connection to checked addresses of the host: no second name lookup."""

    def __init__(self, host: str, port: int, addresses: list[tuple], deadline: Deadline):
        super().__init__(host, port)
        self.addresses, self.deadline = addresses, deadline

    def connect(self):
        """Open the socket to a checked address."""
        self.sock = _connect(self.addresses, self.deadline)


class TLSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to checked addresses; the certificate must name the host."""

    def __init__(self, host: str, port: int, addresses: list[tuple], deadline: Deadline):
        context = ssl.create_default_context()
        context.sslsocket_class = _TLSSocket
        super().__init__(host, port, context=context)
        self.tls_context = context
        self.addresses, self.deadline = addresses, deadline

    def connect(self):
        """Open the socket to a checked address and shake hands for the host's name."""
        sock = _connect(self.addresses, self.deadline)
        sock.settimeout(self.deadline.remaining())
        wrapped = self.tls_context.wrap_socket(sock, server_hostname=self.host)
        assert isinstance(wrapped, _TLSSocket)  # the context's sslsocket_class
        wrapped.deadline = self.deadline
        self.sock = wrapped
