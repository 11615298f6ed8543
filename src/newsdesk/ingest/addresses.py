"""Which addresses newsdesk fetches from: every address a host resolves to must be public.

Private, loopback, link-local, site-local, reserved, multicast and unspecified addresses are
refused unless the ``allow_private`` setting says so, and so is an IPv6 address that carries
one of them (IPv4-mapped, 6to4, NAT64, Teredo): spellings of a private address are many, the
address they resolve to is one.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence

from newsdesk.errors import UnreadableInput

_ALLOW_HINT = "set NEWSDESK_ALLOW_PRIVATE=1 or --allow-private to allow it"

Resolver = Callable[[str, int], Sequence[str]]


class FetchFailed(UnreadableInput):
    """A URL could not be fetched: network error, time limit, HTTP status, redirects."""


class AddressRefused(FetchFailed):
    """A URL leads to an address newsdesk does not fetch from without being told to."""


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(f"cannot resolve the host {host} ({exc})") from None
    return [str(info[4][0]) for info in infos]


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries and reaches: IPv4-mapped, 6to4, NAT64,
    Teredo (its server and client)."""
    found = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if ip.teredo is not None:
        found.extend(ip.teredo)
    return found


def address_kind(address: str) -> str | None:
    """Why an address is not fetched from by default ("loopback", "private"...), or None.

    An IPv6 address that carries an IPv4 address (mapped, 6to4, NAT64, Teredo) is judged by
    that address as well.

    >>> address_kind("127.0.0.1"), address_kind("::ffff:10.1.2.3"), address_kind("8.8.8.8")
    ('loopback', 'private', None)
    >>> address_kind("2002:7f00:1::"), address_kind("64:ff9b::a9fe:a9fe"), address_kind("fec0::1")
    ('loopback', 'link-local', 'site-local')
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local:
            return "site-local"
        for inner in _embedded(ip):
            kind = address_kind(str(inner))
            if kind is not None:
                return kind
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),
    )
    return next((kind for kind, flag in checks if flag), None)


def _literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


def checked_addresses(host: str, port: int, resolver: Resolver, hop: str = "") -> list[str]:
    """The addresses of ``host``, every one of them public; else AddressRefused naming the
    first that is not (``hop`` prefixes the reason: which redirect it was)."""
    literal = _literal(host)
    addresses = [literal] if literal else list(resolver(host, port))
    if not addresses:
        raise FetchFailed(f"{hop}the host {host} has no address")
    for address in addresses:
        kind = address_kind(address)
        if kind is not None:
            name = address if literal else f"{host} ({address})"
            article = "an" if kind[0] in "aeiou" else "a"
            raise AddressRefused(
                f"{hop}refused: {name} is {article} {kind} address ({_ALLOW_HINT})"
            )
    return addresses
