"""The address classifier: the server's own network is refused in every form an address takes."""

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrs.outbound import destination_problem
from okrs.outbound.addresses import parse_allowance, refusal

OWN_NETWORKS = {
    "0.0.0.0/8": "",
    "10.0.0.0/8": "a private address",
    "100.64.0.0/10": "a shared carrier-grade NAT address",
    "127.0.0.0/8": "a loopback address",
    "169.254.0.0/16": "a link-local address",
    "172.16.0.0/12": "a private address",
    "192.168.0.0/16": "a private address",
    "198.18.0.0/15": "a private address",
    "224.0.0.0/4": "a multicast address",
    "240.0.0.0/4": "",
    "::1/128": "a loopback address",
    "fc00::/7": "a private address",
    "fe80::/10": "a link-local address",
    "fec0::/10": "a private address",
    "ff00::/8": "a multicast address",
    "2001:db8::/32": "a private address",
    "64:ff9b:1::/48": "",
}
PUBLIC = ["8.8.8.8", "1.1.1.1", "151.101.1.69", "2606:4700:4700::1111", "2a00:1450:4001::200e"]


def addresses_in(network: str):
    """Return a strategy of addresses inside the network."""
    parsed = ipaddress.ip_network(network)
    return st.ip_addresses(network=parsed)


@pytest.mark.parametrize("network", sorted(OWN_NETWORKS))
def test_every_address_of_the_servers_own_networks_is_refused(network):
    @given(addresses_in(network))
    def check(address):
        reason = refusal(address)
        assert reason
        if OWN_NETWORKS[network]:
            assert reason in (OWN_NETWORKS[network], "a cloud metadata address")

    check()


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_sent_to(address):
    assert refusal(ipaddress.ip_address(address)) == ""


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("0.0.0.0", "the unspecified address"),
        ("::", "the unspecified address"),
        ("169.254.169.254", "a cloud metadata address"),
        ("fd00:ec2::254", "a cloud metadata address"),
        ("100.100.100.200", "a cloud metadata address"),
        ("255.255.255.255", "a private address"),
        ("192.0.0.170", "a private address"),
        ("192.0.0.192", "a cloud metadata address"),
        ("::ffff:127.0.0.1", "a loopback address (127.0.0.1) in IPv6 form"),
        ("::ffff:169.254.169.254", "a cloud metadata address (169.254.169.254) in IPv6 form"),
        ("::127.0.0.1", "a loopback address (127.0.0.1) in IPv6 form"),
        ("64:ff9b::a00:1", "a private address (10.0.0.1) in IPv6 form"),
        ("2002:c0a8:101::1", "a private address (192.168.1.1) in IPv6 form"),
    ],
)
def test_each_refusal_names_what_the_address_is(address, reason):
    assert refusal(ipaddress.ip_address(address)) == reason


@given(st.ip_addresses(v=4))
def test_an_ipv4_address_in_ipv6_clothing_is_judged_as_itself(address):
    verdict = bool(refusal(address))
    number = int(address)
    mapped = ipaddress.IPv6Address(0xFFFF << 32 | number)
    nat64 = ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | number)
    sixtofour = ipaddress.IPv6Address(0x2002 << 112 | number << 80 | 1)
    assert [bool(refusal(form)) for form in (mapped, nat64, sixtofour)] == [verdict] * 3


@given(st.ip_addresses(v=4, network="10.0.0.0/8"))
def test_an_allowed_range_opens_exactly_its_addresses(address):
    allowance = parse_allowance(["10.1.0.0/16"])
    assert (allowance.refusal("hook", address) == "") == (address in allowance.networks[0])


def test_a_metadata_address_is_opened_only_by_naming_it():
    metadata = ipaddress.ip_address("169.254.169.254")
    assert parse_allowance(["169.254.0.0/16"]).refusal("x", metadata) == "a cloud metadata address"
    assert parse_allowance(["metadata.internal"]).refusal("metadata.internal", metadata)
    assert parse_allowance(["169.254.169.254"]).refusal("x", metadata) == ""


def test_a_host_name_entry_opens_that_host_and_a_star_entry_its_subdomains():
    allowance = parse_allowance(["Hooks.Internal.Example", "*.corp.example"])
    private = ipaddress.ip_address("10.0.0.5")
    assert allowance.refusal("hooks.internal.example", private) == ""
    assert allowance.refusal("ci.corp.example", private) == ""
    assert allowance.refusal("corp.example", private) == "a private address"
    assert allowance.refusal("evil.example", private) == "a private address"


@pytest.mark.parametrize("entry", ["10.0.0.0/33", "999.1.1.1", "http://hooks.example", "a b", "-x"])
def test_a_bad_allow_entry_is_named(entry):
    with pytest.raises(ValueError, match="neither an address, a range"):
        parse_allowance([entry])


@pytest.mark.parametrize(
    ("host", "shown"),
    [
        ("127.0.0.1", "127.0.0.1 is a loopback address"),
        ("2130706433", "2130706433 (127.0.0.1) is a loopback address"),
        ("0177.0.0.1", "0177.0.0.1 (127.0.0.1) is a loopback address"),
        ("0x7f.0.0.1", "0x7f.0.0.1 (127.0.0.1) is a loopback address"),
        ("127.1", "127.1 (127.0.0.1) is a loopback address"),
        ("0", "0 (0.0.0.0) is the unspecified address"),
        ("0.0.0.0", "0.0.0.0 is the unspecified address"),
        ("localhost", "localhost (127.0.0.1) is a loopback address"),
        ("[::1]", "::1 is a loopback address"),
        ("[::ffff:7f00:1]", "::ffff:7f00:1 is a loopback address (127.0.0.1) in IPv6 form"),
        ("169.254.169.254", "169.254.169.254 is a cloud metadata address"),
        ("[fd00:ec2::254]", "fd00:ec2::254 is a cloud metadata address"),
        ("10.1.2.3", "10.1.2.3 is a private address"),
        ("LocalHost", "localhost (127.0.0.1) is a loopback address"),
    ],
)
def test_every_spelling_of_an_own_address_is_refused_after_resolving_it(settings, host, shown):
    settings.OUTBOUND_ALLOW = []
    assert destination_problem(f"http://{host}:8080/hook") == (
        f"{shown}, on the server's own network; "
        "okrs sends nothing there unless OKRS_OUTBOUND_ALLOW allows it"
    )


def test_a_public_or_unknown_host_is_no_problem_at_saving_time(settings):
    settings.OUTBOUND_ALLOW = []
    assert destination_problem("https://8.8.8.8/hook") == ""
    assert destination_problem("https://no-such-host.invalid/hook") == ""
    assert destination_problem("not a url") == ""
