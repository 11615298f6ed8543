"""Pages and feeds over HTTP(S), through one small class around an ``httpx.Client``.

Fetching a URL someone typed or a feed listed is fetching on behalf of a document nobody
vetted, so every request is bounded: http and https only, a time limit for the whole fetch
(redirects included), a size limit counted on the decoded body as it streams in, a bounded
number of redirects each checked again, and no private, loopback, link-local, multicast or
reserved address unless the ``allow_private`` setting says so. Every address the host resolves
to is checked before the request; and connections are opened by ``GuardedBackend``, which
resolves the host itself, checks each address and connects to that very address, so a name
that resolves to a public address for the check and to a private one a moment later (DNS
rebinding) never reaches the private one: no request is sent to it.

Tests give ``Fetcher`` an ``httpx.MockTransport`` and a resolver; nothing else in newsdesk
opens network connections.
"""

from __future__ import annotations

import os
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import lru_cache
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpcore
import httpx

from newsdesk import __version__
from newsdesk.errors import InputTooLarge, NewsdeskError, UnsupportedInput
from newsdesk.ingest.addresses import (
    FetchFailed,
    Resolver,
    checked_addresses,
    resolve,
)
from newsdesk.ingest.feeds import FEED_TYPES, feed_documents, parse_feed
from newsdesk.ingest.files import (
    HTML_TYPES,
    Skipped,
    UrlInput,
    iso_utc,
    looks_like_html,
    parse_content_type,
)
from newsdesk.records import Origin, RawDocument

if TYPE_CHECKING:
    from newsdesk.config import Settings

USER_AGENT = f"newsdesk/{__version__} (news text analysis; httpx)"
_ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
_ACCEPT_ANY = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchOptions:
    max_bytes: int = 20_000_000
    timeout: float = 20.0  # seconds for the whole fetch, redirects included
    max_redirects: int = 5
    allow_private: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchOptions:
        return cls(
            max_bytes=settings.max_bytes,
            timeout=settings.fetch_timeout,
            max_redirects=settings.max_redirects,
            allow_private=settings.allow_private,
        )


@dataclass(frozen=True)
class Response:
    """A successful fetch: the final URL after redirects, the body and what it declared."""

    url: str
    media_type: str | None
    charset: str | None
    data: bytes
    fetched: str  # ISO 8601 UTC
    language: str | None = None  # the Content-Language header


# The deadline of the fetch running in this thread: every read and write of its connections
# waits at most until then, so a server sending one header line a second cannot hold a fetch
# past its limit (httpx's own timeouts count each read apart).
_CURRENT = threading.local()


def _left(timeout: float | None) -> float | None:
    deadline: float | None = getattr(_CURRENT, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the time limit of the fetch is reached")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the current fetch's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, _left(timeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """Opens TCP connections to checked addresses only: the host is resolved here, once, each
    address checked (unless ``allow_private``), and the socket connected to one of those
    addresses. TLS still names and verifies the host (httpcore passes it as the server name).
    Every connection ends its reads and writes by the deadline of the fetch using it."""

    def __init__(self, resolver: Resolver, *, allow_private: bool = False) -> None:
        self._resolver = resolver
        self._allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        if self._allow_private:
            stream = super().connect_tcp(host, port, _left(timeout), local_address, socket_options)
            return _DeadlineStream(stream)
        error: httpcore.ConnectError | None = None
        for address in checked_addresses(host, port, self._resolver):
            try:
                stream = super().connect_tcp(
                    address, port, _left(timeout), local_address, socket_options
                )
                return _DeadlineStream(stream)
            except httpcore.ConnectError as exc:
                error = exc  # the next address of the host, as socket.create_connection does
        assert error is not None
        raise error


def guarded_transport(resolver: Resolver, *, allow_private: bool = False) -> httpx.HTTPTransport:
    """httpx's own transport, its connections opened by ``GuardedBackend``."""
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx offers no way to pass a network backend: its pool is built again as httpx builds
    # it (default limits and TLS context), with one.
    limits = httpx.Limits()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=GuardedBackend(resolver, allow_private=allow_private),
    )
    return transport


class Fetcher:
    """GET with the limits of ``options``; raises a NewsdeskError naming the URL and reason.

    >>> def hello(request: httpx.Request) -> httpx.Response:
    ...     return httpx.Response(200, html="<p>Bonjour</p>")
    >>> with Fetcher(FetchOptions(), transport=httpx.MockTransport(hello)) as fetcher:
    ...     fetcher.page("http://93.184.215.14/").data
    b'<p>Bonjour</p>'
    """

    def __init__(
        self,
        options: FetchOptions,
        *,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = resolve,
    ) -> None:
        self.options = options
        self._resolver = resolver
        if transport is None:
            transport = guarded_transport(resolver, allow_private=options.allow_private)
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            timeout=httpx.Timeout(options.timeout),
            headers={"User-Agent": USER_AGENT},
            trust_env=False,  # a proxy from the environment would bypass the address checks
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def page(self, url: str) -> RawDocument:
        """The HTML page at ``url``: origin is the final URL and the time of the fetch."""
        got = self.get(url, HTML_TYPES)
        origin = Origin(url=got.url, fetched=got.fetched)
        return RawDocument(got.data, origin, "html", got.charset, got.language)

    def get(self, url: str, accept: frozenset[str]) -> Response:
        """The body at ``url`` when the final response is a 200 of a media type in
        ``accept`` (or of no declared type and HTML-looking)."""
        _CURRENT.deadline = time.monotonic() + self.options.timeout
        try:
            return self._get(url, accept)
        except NewsdeskError as exc:
            raise exc.about(url) from None
        except httpx.TimeoutException:
            raise FetchFailed(
                f"timed out after {self.options.timeout:g} s (setting NEWSDESK_FETCH_TIMEOUT)",
                input=url,
            ) from None
        except (httpx.HTTPError, httpx.InvalidURL, httpx.CookieConflict) as exc:
            detail = str(exc) or type(exc).__name__
            raise FetchFailed(f"cannot fetch ({detail})", input=url) from None
        finally:
            _CURRENT.deadline = None

    def _get(self, url: str, accept: frozenset[str]) -> Response:
        deadline = time.monotonic() + self.options.timeout
        headers = {"Accept": _ACCEPT_HTML if accept <= HTML_TYPES else _ACCEPT_ANY}
        current = self._checked(url, None)
        for _ in range(self.options.max_redirects + 1):
            with ExitStack() as stack:
                try:
                    response = stack.enter_context(
                        self._client.stream("GET", current, headers=headers)
                    )
                except httpx.InvalidURL as exc:
                    # httpx builds the request of a redirect as it receives it, and fails on
                    # the Location of a javascript:, mailto: or data: address.
                    raise UnsupportedInput(f"redirect to an invalid URL ({exc})") from None
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    current = self._redirect(current, location)
                    continue
                if response.status_code != 200:
                    phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
                    raise FetchFailed(f"HTTP status {response.status_code}{phrase}")
                media, charset = parse_content_type(response.headers.get("content-type"))
                if media is not None and media not in accept:
                    raise UnsupportedInput(f"not an HTML page (content type {media})")
                data = self._body(response, deadline)
                if media is None and not looks_like_html(data):
                    raise UnsupportedInput("not an HTML page (no content type)")
                language = response.headers.get("content-language")
                return Response(str(response.url), media, charset, data, iso_utc(), language)
        raise FetchFailed(f"more than {self.options.max_redirects} redirects")

    def _redirect(self, current: httpx.URL, location: str) -> httpx.URL:
        """Where a redirect leads, checked as the first URL was."""
        try:
            target = str(current.join(location))
        except httpx.InvalidURL as exc:
            raise UnsupportedInput(f"redirect to {location[:200]}: invalid URL ({exc})") from None
        return self._checked(target, current)

    def _checked(self, url: str, redirected_from: httpx.URL | None) -> httpx.URL:
        """The URL parsed, refused when its scheme or its host's addresses are not allowed."""
        hop = f"redirect to {url[:200]}: " if redirected_from is not None else ""
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise UnsupportedInput(f"{hop}invalid URL ({exc})") from None
        if parsed.scheme not in ("http", "https"):
            raise UnsupportedInput(f"{hop}only http and https URLs are fetched")
        if not parsed.host:
            raise UnsupportedInput(f"{hop}URL without a host")
        if not self.options.allow_private:
            port = parsed.port or (443 if parsed.scheme == "https" else 80)
            checked_addresses(parsed.host, port, self._resolver, hop)
        return parsed

    def _body(self, response: httpx.Response, deadline: float) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        too_large = f"larger than the limit of {limit:,} bytes (setting NEWSDESK_MAX_BYTES)"
        if declared.isdigit() and int(declared) > limit:
            raise InputTooLarge(f"response of {int(declared):,} bytes is {too_large}")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise InputTooLarge(f"response {too_large}")
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("body too slow", request=response.request)
            chunks.append(chunk)
        return b"".join(chunks)


@lru_cache(maxsize=4)
def _cached(options: FetchOptions, pid: int) -> Fetcher:
    return Fetcher(options)


def _fetcher(options: FetchOptions) -> Fetcher:
    """One client per process and options, so connections are reused between pages; keyed
    by process id, since a forked worker must not share its parent's open sockets."""
    return _cached(options, os.getpid())


def fetch_page(url: str, settings: Settings) -> RawDocument:
    """The HTML page at ``url`` fetched with the limits of ``settings``."""
    return _fetcher(FetchOptions.from_settings(settings)).page(url)


def named_url(url: str, settings: Settings) -> Iterator[RawDocument | UrlInput | Skipped]:
    """A URL given as an input: its page, or, for a feed, the entries of the feed (see
    ``feeds.feed_documents``; entry links are fetched only with the ``fetch`` setting)."""
    try:
        got = _fetcher(FetchOptions.from_settings(settings)).get(url, HTML_TYPES | FEED_TYPES)
    except NewsdeskError as exc:
        yield Skipped(url, exc.reason, "failed")
        return
    if got.media_type in FEED_TYPES:
        parsed = parse_feed(got.data)
        if parsed is not None:
            yield from feed_documents(
                parsed,
                url,
                path=None,
                base_url=got.url,
                fetched=got.fetched,
                fetch_links=settings.fetch,
            )
            return
        if not looks_like_html(got.data):
            yield Skipped(url, f"neither a feed nor an HTML page ({got.media_type})", "failed")
            return
    origin = Origin(url=got.url, fetched=got.fetched)
    yield RawDocument(got.data, origin, "html", got.charset, got.language)
