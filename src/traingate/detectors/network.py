"""IP addresses: public IPv4 and IPv6 addresses, optionally private ones too."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator, Mapping
from typing import Any

from traingate.detectors.base import Detector, Span
from traingate.detectors.doc import detector_doc

_IPV4 = re.compile(
    r"(?<![\w.\-])[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?!\w|\.[0-9]|-\w)", re.ASCII
)
_IPV6 = re.compile(r"(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])", re.A | re.I)
# A version or section number, not an address: after these words (and up to two short
# words such as "v8 to"), after a version constraint, or after a decimal number (SVG paths).
_NOT_ADDRESS = re.compile(
    r"(?:\b(?:v|ver|version|release[sd]?|build|rev|revision|upgrade[sd]?|update[sd]?|since|"
    r"fixed\s+in|changelog|patch|section|chapter|figure|table|step|rule|oid)\b"
    r"(?:\W{1,3}\w{1,4}){0,2}\W{0,3}|[=<>~!]=\s?|[\^~@]|(?:^|[\s,\-])-?[0-9]*\.[0-9]+\s)$",
    re.IGNORECASE,
)
_PRIVATE = tuple(
    ipaddress.ip_network(net)
    for net in (
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16",
        "fc00::/7", "fe80::/10",
    )
)  # fmt: skip
# Never anyone's address: loopback, documentation, benchmarking, multicast and reserved.
_NEVER = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8", "127.0.0.0/8", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15",
        "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3", "2001:db8::/32", "3fff::/20",
    )
)  # fmt: skip
_GLOBAL_UNICAST = ipaddress.ip_network("2000::/3")
# Public DNS resolvers: addresses of services, quoted in every networking tutorial.
_RESOLVERS = (
    "8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9", "149.112.112.112",
    "208.67.222.222", "208.67.220.220", "2001:4860:4860::8888", "2001:4860:4860::8844",
    "2606:4700:4700::1111", "2606:4700:4700::1001",
)  # fmt: skip

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _reported(address: Address, private: bool) -> bool:
    if any(address in net for net in _NEVER if net.version == address.version):
        return False
    if any(address in net for net in _PRIVATE if net.version == address.version):
        return private
    return address.version == 4 or address in _GLOBAL_UNICAST


def _canonical(written: str) -> str:
    try:
        return str(ipaddress.ip_address(written))
    except ValueError:
        return written


def _find_ips(text: str, options: Mapping[str, Any]) -> Iterator[Span]:
    private = bool(options.get("include-private", False))
    ignored = {_canonical(a) for a in options.get("ignore", _RESOLVERS)}
    found = [
        Span(match.start(), match.end())
        for pattern in (_IPV4, _IPV6)
        for match in pattern.finditer(text)
        if _reportable(text, match, private, ignored)
    ]
    yield from sorted(found)


def _reportable(text: str, match: re.Match[str], private: bool, ignored: set[str]) -> bool:
    try:
        address = ipaddress.ip_address(match[0])
    except ValueError:
        return False
    if str(address) in ignored or not _reported(address, private):
        return False
    if address.version == 4 and len(match[0]) == 7:
        return False  # every part one digit: a version or section number (7.1.3.3)
    return not _NOT_ADDRESS.search(text, max(0, match.start() - 32), match.start())


IP_ADDRESS = Detector(
    name="ip-address",
    summary="A public IPv4 or IPv6 address.",
    doc=detector_doc(
        what="""
        Finds IPv4 addresses (dotted quad, no leading zeros) and IPv6 addresses (full or
        `::`-compressed, without an embedded IPv4 tail) and reports the public ones: not
        private (RFC 1918, carrier-grade NAT, link-local, unique local), and never loopback,
        documentation (`192.0.2.0/24`, `2001:db8::/32`, ...), benchmarking, multicast or
        reserved addresses. The big public DNS resolvers (`8.8.8.8`, `1.1.1.1`, ...) are
        ignored, since tutorials name them everywhere.

        A dotted quad that is really a version or section number is not reported: after
        `v`, `version`, `release`, `build`, `upgrade`, `fixed in`, `section`, `chapter`,
        `step` and the like (up to two short words later: `upgrade V8 to 3.1.8.8`), after
        a version constraint (`==`, `>=`, `~=`, `^`, `@`), after a decimal number (SVG
        path data), joined to a dash (`12.4.254.14-node.11`), inside a longer dotted run
        such as an OID (`1.3.6.1.4.1`), or when every part is a single digit (`7.1.3.3`).
        """,
        why="""
        An IP address can identify a person's home connection; courts and regulators treat
        it as personal data. Server addresses in training targets also map internal
        infrastructure for whoever asks the model.
        """,
        fails="The login came from 81.2.69.160 and then from 2a02:1810:4d02:6500::1.",
        passes="Upgrade to version 5.4.2.1; the router is at 192.168.1.1; use 8.8.8.8.",
        options="""
        `include-private` (boolean, default false): also report private-network addresses
        (`10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`, `100.64.0.0/10`,
        `169.254.0.0/16`, `fc00::/7`, `fe80::/10`).
        `ignore` (list of addresses, default the public DNS resolvers): addresses never
        reported.
        """,
    ),
    find=_find_ips,
    prefilter=r"[0-9]\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]|:[0-9a-f]{0,4}:",
    redact=True,
    options_schema={
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "include-private": {"type": "boolean", "default": False},
            "ignore": {
                "type": "array",
                "items": {"type": "string", "pattern": "^[0-9A-Fa-f:.]+$"},
                "default": list(_RESOLVERS),
            },
        },
    },
)
