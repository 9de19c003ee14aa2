"""send() against real receivers: the server's own network is refused, answers are bounded."""

import socket
import time

import pytest

from okrs.outbound import Refused, TimedOut, Unreachable, send

OWN_NETWORK = "on the server's own network; okrs sends nothing there unless OKRS_OUTBOUND_ALLOW"


def test_loopback_is_refused_by_default_and_nothing_is_sent(settings, receiver):
    settings.OUTBOUND_ALLOW = []
    with pytest.raises(Refused, match=f"127.0.0.1 is a loopback address, {OWN_NETWORK}"):
        send("POST", receiver.url, body=b"{}")
    assert receiver.requests == []


def test_an_allowed_address_is_sent_to(settings, receiver):
    settings.OUTBOUND_ALLOW = ["127.0.0.1"]
    answer = send("POST", receiver.url, body=b'{"a":1}', headers={"X-Okrs-Event": "test"})
    assert (answer.status, answer.reason, answer.body, answer.complete) == (
        200,
        "OK",
        b"taken",
        True,
    )
    [request] = receiver.requests
    assert (request["path"], request["body"]) == ("/hook", b'{"a":1}')
    assert request["headers"]["X-Okrs-Event"] == "test"
    assert request["headers"]["Host"] == receiver.url.split("/")[2]


def test_a_host_name_resolving_to_loopback_is_refused(settings, receiver):
    settings.OUTBOUND_ALLOW = []
    url = receiver.url.replace("127.0.0.1", "localhost")
    with pytest.raises(Refused, match=r"localhost \(127.0.0.1\) is a loopback address"):
        send("POST", url, body=b"{}")
    assert receiver.requests == []


@pytest.mark.parametrize("entry", ["127.0.0.0/8", "127.0.0.1", "localhost"])
def test_an_address_range_or_host_name_entry_allows_a_host_name(settings, receiver, entry):
    settings.OUTBOUND_ALLOW = [entry]
    url = receiver.url.replace("127.0.0.1", "localhost")
    assert send("POST", url, body=b"{}").status == 200
    assert receiver.requests[0]["headers"]["Host"] == url.split("/")[2]


def test_the_host_is_looked_up_once_and_the_checked_address_connected_to(
    settings, receiver, monkeypatch
):
    looked_up = []
    real_lookup = socket.getaddrinfo

    def lookup(host, *args, **kwargs):
        looked_up.append(host)
        return real_lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    send("POST", receiver.url.replace("127.0.0.1", "localhost"), body=b"{}")
    assert looked_up == ["localhost"]


@pytest.mark.parametrize(
    "url",
    ["ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1:70/", "http:///path", "hook"],
)
def test_only_http_and_https_urls_are_sent_to(url):
    with pytest.raises(Refused, match="only http:// and https:// URLs"):
        send("GET", url)


def test_a_redirect_to_the_servers_own_network_is_refused(settings, receiver):
    settings.OUTBOUND_ALLOW = ["127.0.0.1"]
    receiver.answers = [302]
    receiver.location = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
    with pytest.raises(Refused) as refused:
        send("GET", receiver.url, redirects=3)
    assert str(refused.value).startswith(
        "redirected to http://169.254.169.254/latest/meta-data/iam/security-credentials/: "
        "169.254.169.254 is a cloud metadata address, on the server's own network"
    )


def test_a_redirect_to_a_refused_host_name_is_refused(settings, receiver, other_receiver):
    settings.OUTBOUND_ALLOW = ["127.0.0.1/32"]
    receiver.answers = [307]
    receiver.location = other_receiver.url.replace("127.0.0.1", "[::1]")
    with pytest.raises(Refused, match=r"redirected to http://\[::1\]:\d+/other: ::1 is a loopback"):
        send("GET", receiver.url, redirects=3)
    assert other_receiver.requests == []


def test_a_redirect_through_the_check_is_followed_for_a_get(settings, receiver, other_receiver):
    receiver.answers = [301]
    receiver.location = other_receiver.url
    answer = send("GET", receiver.url, redirects=3)
    assert (answer.status, answer.body) == (200, b"other")
    assert len(receiver.requests) == len(other_receiver.requests) == 1


def test_too_many_redirects_are_an_error(receiver):
    receiver.answers = [302] * 5
    receiver.location = receiver.url
    with pytest.raises(Unreachable, match="more than 3 redirects"):
        send("GET", receiver.url, redirects=3)
    assert len(receiver.requests) == 4


def test_a_post_is_never_redirected(receiver, other_receiver):
    receiver.answers = [307]
    receiver.location = other_receiver.url
    answer = send("POST", receiver.url, body=b"{}", redirects=3)
    assert answer.status == 307
    assert other_receiver.requests == []


def test_an_endless_answer_is_read_only_up_to_the_size_asked(flood):
    started = time.monotonic()
    answer = send("GET", flood.url, max_bytes=1000, timeout=5)
    assert (answer.status, len(answer.body), answer.complete) == (200, 1000, False)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("flood", ["drip-body", "drip-headers"], indirect=True)
def test_an_answer_dripping_in_is_cut_at_the_deadline(flood):
    started = time.monotonic()
    with pytest.raises(TimedOut, match="no answer within 0.5 s"):
        send("GET", flood.url, timeout=0.5)
    assert 0.5 <= time.monotonic() - started < 1.5
    assert flood.requests == 1


def test_a_closed_port_is_unreachable(receiver):
    receiver.stop()
    with pytest.raises(Unreachable, match="refused"):
        send("POST", receiver.url, body=b"{}")


def test_an_unknown_host_is_unreachable():
    with pytest.raises(Unreachable, match="no-such-host.invalid"):
        send("POST", "https://no-such-host.invalid/hook", body=b"{}")


def test_https_goes_to_the_checked_address_with_the_hosts_name(tls_receiver):
    answer = send("GET", f"https://localhost:{tls_receiver}/")
    assert (answer.status, answer.body) == (200, f"hello localhost:{tls_receiver}".encode())


def test_https_refuses_a_certificate_for_another_name(tls_receiver):
    with pytest.raises(Unreachable, match="certificate verify failed"):
        send("GET", f"https://127.0.0.1:{tls_receiver}/")
