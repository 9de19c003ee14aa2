"""Which addresses okrs may send to: the public internet, and what the operator allows."""

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Instance metadata services answer credentials to whoever asks from inside the cloud.
METADATA = frozenset(
    ipaddress.ip_address(address)
    for address in (
        "169.254.169.254",  # AWS, Azure, Google Cloud, OpenStack, DigitalOcean
        "169.254.170.2",  # AWS ECS task credentials
        "fd00:ec2::254",  # AWS over IPv6
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
    )
)
SHARED = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def refusal(address: Address) -> str:
    """Return why okrs must not send to the address ("a loopback address", ...), or "" if public."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            reason = refusal(embedded)
            return f"{reason} ({embedded}) in IPv6 form" if reason else ""
    if address in METADATA:
        return "a cloud metadata address"
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_private or getattr(address, "is_site_local", False):
        return "a private address"
    if address in SHARED:
        return "a shared carrier-grade NAT address"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global:
        return "an address for special use"
    return ""


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """Return the IPv4 address an IPv6 one stands for (mapped, compatible, 6to4, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64 or (address in IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


@dataclass(frozen=True)
class Allowance:
    """The hosts and ranges an operator allows outside the public internet."""

    networks: tuple[Network, ...] = ()
    hosts: frozenset[str] = frozenset()
    domains: tuple[str, ...] = ()

    def permits_host(self, host: str) -> bool:
        """Return whether the host name is allowed whatever it resolves to."""
        host = host.lower().rstrip(".")
        return host in self.hosts or any(host.endswith(domain) for domain in self.domains)

    def permits_address(self, address: Address) -> bool:
        """Return whether the address lies in an allowed range."""
        # A metadata address is allowed only by name, never as part of a wider range.
        ranges = self.networks
        if address in METADATA:
            ranges = tuple(network for network in ranges if network.num_addresses == 1)
        return any(address in network for network in ranges)

    def refusal(self, host: str, address: Address) -> str:
        """Return why the host's address is refused, or "" when it is public or allowed."""
        reason = refusal(address)
        if not reason or self.permits_address(address):
            return ""
        if address not in METADATA and self.permits_host(host):
            return ""
        return reason


def parse_allowance(entries: Iterable[str]) -> Allowance:
    """Read allow entries (addresses, ranges, host names, *.domains); ValueError names a bad one."""
    networks, hosts, domains = [], set(), []
    for entry in entries:
        entry = entry.strip().lower()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            continue
        except ValueError:
            pass
        name = entry.removeprefix("*.")
        if not _is_host_name(name):
            raise ValueError(
                f"{entry!r} is neither an address, a range (10.0.0.0/8) nor a host name."
            )
        if entry.startswith("*."):
            domains.append("." + name)
        else:
            hosts.add(name.rstrip("."))
    return Allowance(tuple(networks), frozenset(hosts), tuple(domains))


def _is_host_name(name: str) -> bool:
    labels = name.rstrip(".").split(".")
    return (
        bool(name)
        and not labels[-1].isdigit()
        and all(
            0 < len(label) <= 63
            and label.replace("-", "").replace("_", "").isalnum()
            and label.isascii()
            and not label.startswith("-")
            for label in labels
        )
    )
