"""Send one HTTP request out: to a checked address, within a deadline, reading a bounded answer."""

import http.client
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from okrs.outbound.addresses import Allowance, parse_allowance
from okrs.outbound.connections import Connection, Deadline, TLSConnection

SCHEMES = {"http": 80, "https": 443}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
TIMEOUT_SECONDS = 10
MAX_BYTES = 64 * 1024
SETTING = "OKRS_OUTBOUND_ALLOW"


class OutboundError(Exception):
    """A request that got no answer; the message says why, for a person."""


class Refused(OutboundError):
    """okrs does not send there: not an http(s) URL, or an address on the server's own network."""


class Unreachable(OutboundError):
    """The host could not be resolved or connected to, or did not answer in HTTP."""


class TimedOut(OutboundError):
    """No whole answer arrived within the time allowed."""


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: its status, reason, headers and the body up to the size read."""

    status: int
    reason: str
    headers: Message
    body: bytes
    complete: bool


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str


def send(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    redirects: int = 0,
    allow: Iterable[str] = (),
) -> Answer:
    """Send the request and return the answer; raise an OutboundError when there is none.

    The host is resolved once, every address is checked, and the connection goes to a checked
    address. A GET or HEAD follows up to `redirects` redirects, each checked the same way; other
    methods, or `redirects=0`, return the redirect as the answer. `allow` adds entries the caller
    vouches for (an operator-configured host) to OKRS_OUTBOUND_ALLOW.
    """
    allowance = _allowance(allow)
    deadline = Deadline.after(timeout)
    follow = redirects if method in ("GET", "HEAD") else 0
    for hop in range(follow + 1):
        try:
            target = _target(url)
            addresses = _resolve(target, allowance)
        except Refused as error:
            raise Refused(f"redirected to {url}: {error}" if hop else str(error)) from None
        answer = _exchange(method, target, addresses, body, headers or {}, deadline, max_bytes)
        location = answer.headers.get("Location")
        if not (follow and answer.status in REDIRECT_STATUSES and location):
            return answer
        url = urljoin(url, location)
    raise Unreachable(f"more than {follow} redirects")


def destination_problem(url: str) -> str:
    """Return why okrs would refuse to send to the URL's host as it resolves now, or ""."""
    try:
        target = _target(url)
    except Refused:
        return ""  # a malformed URL is for the URL field's own validation to explain
    try:
        _resolve(target, _allowance())
    except Refused as error:
        return str(error)
    except Unreachable:
        return ""  # not resolvable now; the check at sending time decides
    return ""


def _allowance(extra: Iterable[str] = ()) -> Allowance:
    try:
        return parse_allowance([*settings.OUTBOUND_ALLOW, *extra])
    except ValueError as error:
        raise Refused(f"cannot allow the host: {error}") from None


def _target(url: str) -> _Target:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise Refused(f"not a valid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES or not parts.hostname:
        raise Refused("only http:// and https:// URLs with a host name are sent to")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return _Target(scheme, parts.hostname, port or SCHEMES[scheme], path)


def _resolve(target: _Target, allowance: Allowance) -> list[tuple]:
    """Return the target's socket addresses, each one public or allowed; else raise Refused."""
    try:
        found = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise Unreachable(f"{target.host}: {error}") from None
    for *_, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0])
        reason = allowance.refusal(target.host, address)
        if reason:
            named = target.host if _spells(target.host, address) else f"{target.host} ({address})"
            raise Refused(
                f"{named} is {reason}, on the server's own network; "
                f"okrs sends nothing there unless {SETTING} allows it"
            )
    return [(family, kind, proto, sockaddr) for family, kind, proto, _, sockaddr in found]


def _spells(host: str, address) -> bool:
    """Return whether the host is the address itself, written as an IP address."""
    try:
        return ipaddress.ip_address(host) == address
    except ValueError:
        return False


def _exchange(method, target, addresses, body, headers, deadline, max_bytes) -> Answer:
    connection_class = TLSConnection if target.scheme == "https" else Connection
    connection = connection_class(target.host, target.port, addresses, deadline)
    try:
        connection.request(
            method, target.path, body=body, headers={**headers, "Connection": "close"}
        )
        response = connection.getresponse()
        data = response.read(max_bytes + 1)
    except TimeoutError:
        raise TimedOut(f"no answer within {deadline.seconds:g} s") from None
    except (OSError, http.client.HTTPException) as error:
        raise Unreachable(str(error) or type(error).__name__) from None
    except ValueError as error:
        raise Refused(f"not a valid request ({error})") from None
    finally:
        connection.close()
    return Answer(
        response.status, response.reason, response.headers, data[:max_bytes], len(data) <= max_bytes
    )
