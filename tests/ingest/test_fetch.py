"""Fetching: the transport logic against httpx.MockTransport, and a real HTTP server on the
loopback interface for what only a socket shows. Nothing here leaves the machine."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsdesk.config import Settings
from newsdesk.errors import InputTooLarge, UnsupportedInput
from newsdesk.extract import extract_one
from newsdesk.ingest import addresses
from newsdesk.ingest.addresses import AddressRefused, FetchFailed, address_kind
from newsdesk.ingest.fetch import Fetcher, FetchOptions, named_url
from newsdesk.ingest.files import Skipped, UrlInput, discover, read_url_list
from newsdesk.records import RawDocument
from newsdesk.run.local import read_input

PUBLIC = "93.184.215.14"  # a public address; the mock transport answers for it
PAGE = (
    "<html><head><title>Les éboueurs en grève à Rennes</title></head><body><article>"
    "<p>Les éboueurs de Rennes ont cessé le travail mercredi pour réclamer une prime de "
    "pénibilité, laissant les poubelles s'accumuler dans le centre historique.</p>"
    "<p>La mairie a proposé une réunion vendredi ; les syndicats jugent l'offre "
    "« insuffisante » et maintiennent le préavis jusqu'à lundi.</p></article></body></html>"
)

Handler = Callable[[httpx.Request], httpx.Response]


def _fetcher(
    handler: Handler, resolver: dict[str, list[str]] | None = None, **options: Any
) -> tuple[Fetcher, list[str]]:
    """A fetcher over a mock transport, and the list of URLs the transport was asked for."""
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return handler(request)

    def resolve(host: str, port: int) -> list[str]:
        return (resolver or {})[host]

    fetcher = Fetcher(
        FetchOptions(**options), transport=httpx.MockTransport(record), resolver=resolve
    )
    return fetcher, seen


def _html(body: str = PAGE, charset: str = "utf-8") -> httpx.Response:
    return httpx.Response(
        200,
        content=body.encode(charset),
        headers={"Content-Type": f"text/html; charset={charset}"},
    )


def test_fetch_page_gives_the_final_url_the_time_and_the_header_charset() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/article"})
        return _html(charset="iso-8859-1")

    fetcher, seen = _fetcher(handler, {"news.example": [PUBLIC]})
    raw = fetcher.page("http://news.example/old")
    assert seen == ["http://news.example/old", "http://news.example/article"]
    assert raw.origin.url == "http://news.example/article"
    assert raw.origin.path is None
    assert raw.origin.fetched is not None and raw.origin.fetched.endswith("Z")
    assert raw.declared_charset == "iso-8859-1"
    article = extract_one(raw, Settings())
    assert "prime de pénibilité" in article.text


def test_fetch_sends_a_user_agent_naming_newsdesk() -> None:
    agents: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        agents.append(request.headers["user-agent"])
        return _html()

    fetcher, _ = _fetcher(handler)
    fetcher.page(f"http://{PUBLIC}/")
    assert agents[0].startswith("newsdesk/")


@pytest.mark.parametrize(
    ("response", "error", "message"),
    [
        (httpx.Response(404), FetchFailed, "HTTP status 404 Not Found"),
        (httpx.Response(500), FetchFailed, "HTTP status 500 Internal Server Error"),
        (
            httpx.Response(200, content=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}),
            UnsupportedInput,
            "not an HTML page (content type application/pdf)",
        ),
        (
            httpx.Response(200, content=b"\x89PNG\r\n"),
            UnsupportedInput,
            "not an HTML page (no content type)",
        ),
        (httpx.Response(302), FetchFailed, "HTTP status 302 Found"),
    ],
)
def test_fetch_refuses_what_is_not_a_successful_html_page(
    response: httpx.Response, error: type[Exception], message: str
) -> None:
    fetcher, _ = _fetcher(lambda request: response)
    url = f"http://{PUBLIC}/page"
    with pytest.raises(error) as caught:
        fetcher.page(url)
    assert str(caught.value) == f"{url}: {message}"


def test_fetch_follows_at_most_the_configured_redirects() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        hop = int(request.url.params.get("n", "0"))
        return httpx.Response(302, headers={"Location": f"/loop?n={hop + 1}"})

    fetcher, seen = _fetcher(handler, max_redirects=3)
    with pytest.raises(FetchFailed, match="more than 3 redirects"):
        fetcher.page(f"http://{PUBLIC}/loop")
    assert len(seen) == 4


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "http://10.0.0.7/admin",
            "redirect to http://10.0.0.7/admin: refused: 10.0.0.7 is a private",
        ),
        ("http://127.0.0.1:8080/", "refused: 127.0.0.1 is a loopback address"),
        ("http://169.254.169.254/latest/", "refused: 169.254.169.254 is a link-local address"),
        ("http://[::1]/", "refused: ::1 is a loopback address"),
        ("http://intranet.example/", "refused: intranet.example (192.168.1.20) is a private"),
        ("file:///etc/passwd", "redirect to file:/etc/passwd: only http and https URLs"),
    ],
)
def test_fetch_refuses_a_redirect_to_a_private_address_without_requesting_it(
    target: str, message: str
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": target})

    fetcher, seen = _fetcher(handler, {"intranet.example": ["192.168.1.20"]})
    with pytest.raises((AddressRefused, UnsupportedInput)) as caught:
        fetcher.page(f"http://{PUBLIC}/start")
    assert seen == [f"http://{PUBLIC}/start"]
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"http://{PUBLIC}/start: redirect to ")


def test_fetch_checks_every_address_a_host_resolves_to() -> None:
    fetcher, seen = _fetcher(lambda r: _html(), {"mixed.example": [PUBLIC, "10.1.2.3"]})
    with pytest.raises(AddressRefused, match=r"mixed.example \(10.1.2.3\) is a private address"):
        fetcher.page("http://mixed.example/")
    assert seen == []


def test_fetch_allow_private_lets_private_addresses_through() -> None:
    fetcher, seen = _fetcher(lambda r: _html(), allow_private=True)
    assert fetcher.page("http://10.0.0.7/").origin.url == "http://10.0.0.7/"
    assert seen == ["http://10.0.0.7/"]


@pytest.mark.parametrize("url", ["ftp://news.example/a.html", "file:///etc/passwd", "data:,x"])
def test_fetch_refuses_schemes_other_than_http(url: str) -> None:
    fetcher, seen = _fetcher(lambda r: _html())
    with pytest.raises(UnsupportedInput, match="only http and https"):
        fetcher.page(url)
    assert seen == []


def test_fetch_refuses_a_body_declared_larger_than_the_limit() -> None:
    big = httpx.Response(
        200, content=b"<html>" + b"x" * 5000, headers={"Content-Type": "text/html"}
    )
    fetcher, _ = _fetcher(lambda r: big, max_bytes=1000)
    with pytest.raises(InputTooLarge, match="5,006 bytes is larger than the limit of 1,000"):
        fetcher.page(f"http://{PUBLIC}/")


def test_fetch_stops_reading_a_streamed_body_past_the_limit() -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for n in range(1000):
            sent.append(n)
            yield b"<p>" + b"x" * 1000 + b"</p>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks(), headers={"Content-Type": "text/html"})

    fetcher, _ = _fetcher(handler, max_bytes=10_000)
    with pytest.raises(InputTooLarge, match="larger than the limit of 10,000 bytes"):
        fetcher.page(f"http://{PUBLIC}/")
    assert len(sent) < 20


def test_fetch_names_a_timeout_and_a_connection_error() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    fetcher, _ = _fetcher(slow, timeout=2.5)
    with pytest.raises(
        FetchFailed, match=r"timed out after 2.5 s \(setting NEWSDESK_FETCH_TIMEOUT\)"
    ):
        fetcher.page(f"http://{PUBLIC}/")
    fetcher, _ = _fetcher(refused)
    with pytest.raises(FetchFailed, match=r"cannot fetch \(connection refused\)"):
        fetcher.page(f"http://{PUBLIC}/")


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.5.4", "private"),
        ("192.168.0.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_kind_names_the_ranges_not_fetched_by_default(
    address: str, kind: str | None
) -> None:
    assert address_kind(address) == kind


# --- a real server on the loopback interface -------------------------------------------------


class _Site(BaseHTTPRequestHandler):
    """A small news site: a page, a redirect, a feed, an oversize page, a redirect loop."""

    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        port = self.server.server_port  # type: ignore[attr-defined]
        if self.path == "/article.html":
            self._send(200, "text/html; charset=windows-1252", PAGE.encode("cp1252"))
        elif self.path == "/moved":
            self._send(302, None, b"", location="/article.html")
        elif self.path == "/loop":
            self._send(302, None, b"", location="/loop")
        elif self.path == "/big.html":
            self._send(200, "text/html", b"<html><body>" + b"<p>filler</p>" * 20_000)
        elif self.path == "/feed.xml":
            feed = (
                '<rss version="2.0"><channel><title>Rennes Info</title>'
                f"<link>http://127.0.0.1:{port}/</link><item><title>Grève</title>"
                "<link>/article.html</link><description>Teaser</description></item>"
                "</channel></rss>"
            )
            self._send(200, "application/rss+xml", feed.encode())
        else:
            self._send(404, "text/html", b"<p>missing</p>")

    def _send(self, status: int, kind: str | None, body: bytes, location: str = "") -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def site() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    handler = type("Site", (_Site,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_real_server_is_refused_on_loopback_without_allow_private(
    site: tuple[str, list[str]],
) -> None:
    base, hits = site
    with Fetcher(FetchOptions()) as fetcher, pytest.raises(AddressRefused) as caught:
        fetcher.page(f"{base}/article.html")
    assert "127.0.0.1 is a loopback address" in str(caught.value)
    assert "NEWSDESK_ALLOW_PRIVATE" in str(caught.value)
    assert hits == []


def test_real_server_localhost_name_is_refused_after_resolution(
    site: tuple[str, list[str]],
) -> None:
    base, hits = site
    port = base.rsplit(":", 1)[1]
    with Fetcher(FetchOptions()) as fetcher, pytest.raises(AddressRefused, match="loopback"):
        fetcher.page(f"http://localhost:{port}/article.html")
    assert hits == []


def test_real_server_page_follows_a_redirect_with_allow_private(
    site: tuple[str, list[str]],
) -> None:
    base, hits = site
    with Fetcher(FetchOptions(allow_private=True)) as fetcher:
        raw = fetcher.page(f"{base}/moved")
    assert hits == ["/moved", "/article.html"]
    assert raw.origin.url == f"{base}/article.html"
    assert raw.declared_charset == "windows-1252"
    assert "« insuffisante »" in extract_one(raw, Settings()).text


def test_real_server_oversize_page_and_redirect_loop_fail(site: tuple[str, list[str]]) -> None:
    base, _ = site
    with Fetcher(FetchOptions(allow_private=True, max_bytes=50_000)) as fetcher:
        with pytest.raises(InputTooLarge):
            fetcher.page(f"{base}/big.html")
        with pytest.raises(FetchFailed, match="more than 5 redirects"):
            fetcher.page(f"{base}/loop")
        with pytest.raises(FetchFailed, match="HTTP status 404"):
            fetcher.page(f"{base}/nothing-here")


def test_named_feed_url_lists_its_link_only_entries_to_fetch(
    site: tuple[str, list[str]],
) -> None:
    base, _ = site
    settings = Settings(allow_private=True, fetch=True)
    items = list(named_url(f"{base}/feed.xml", settings))
    assert items == [UrlInput(f"{base}/article.html", via=f"{base}/feed.xml")]
    assert isinstance(items[0], UrlInput)
    raw = read_input(items[0], settings)
    assert isinstance(raw, RawDocument) and raw.origin.url == f"{base}/article.html"
    (skipped,) = named_url(f"{base}/feed.xml", Settings(allow_private=True))
    assert isinstance(skipped, Skipped) and skipped.reason == "link only (use --fetch)"


def test_url_list_reads_urls_and_names_bad_lines(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# morning run\n"
        "https://news.example/a\n"
        "\n"
        "  http://news.example/b#section   # the second\n"
        "news.example/c\n"
    )
    items = list(read_url_list(str(listing)))
    assert items[:2] == [
        UrlInput("https://news.example/a", via=str(listing)),
        UrlInput("http://news.example/b#section", via=str(listing)),
    ]
    assert isinstance(items[2], Skipped) and items[2].input == f"{listing}:5"
    assert items[2].status == "failed"


def test_discover_refuses_other_url_schemes() -> None:
    (item,) = discover(["ftp://news.example/a.html"])
    assert isinstance(item, Skipped) and item.reason == "only http and https URLs are fetched"


def test_cli_ingest_of_urls_and_a_feed_from_a_local_server(
    site: tuple[str, list[str]], tmp_path: Path, db_path: Path, cli: Any
) -> None:
    base, hits = site
    refused = cli("ingest", f"{base}/article.html", "--db", str(db_path))
    assert refused.returncode == 1
    assert "loopback address" in refused.stderr
    assert hits == []

    listing = tmp_path / "urls.txt"
    listing.write_text(f"# pages\n{base}/moved\n{base}/nothing-here\n")
    result = cli("ingest", "--urls", str(listing), "--allow-private", "--db", str(db_path))
    assert "stored 1, already present 0, skipped 0, failed 1" in result.stdout, result.stderr
    assert f"{base}/nothing-here: HTTP status 404 Not Found" in result.stderr

    feed = cli(
        "ingest", f"{base}/feed.xml", "--fetch", "--db", str(db_path), NEWSDESK_ALLOW_PRIVATE="1"
    )
    assert feed.returncode == 0, feed.stderr
    assert "stored 0, already present 1, skipped 0, failed 0" in feed.stdout


def test_real_server_a_name_rebound_to_loopback_after_the_check_is_never_requested(
    site: tuple[str, list[str]],
) -> None:
    """DNS rebinding: a name that resolves to a public address for the check, then to
    loopback when the connection is opened. The connection is refused before it is made, so
    the server never sees a request."""
    base, hits = site
    port = base.rsplit(":", 1)[1]
    answers = iter([[PUBLIC], ["127.0.0.1"]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    fetcher = Fetcher(FetchOptions(), resolver=rebinding)
    with fetcher, pytest.raises(AddressRefused) as caught:
        fetcher.page(f"http://news.example:{port}/article.html")
    assert "news.example (127.0.0.1) is a loopback address" in str(caught.value)
    assert asked == ["news.example", "news.example"]
    assert hits == []


def test_real_server_connection_goes_to_the_address_that_was_checked(
    site: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The socket is opened to the address the check passed, not to what the system resolver
    says of the name: a name only the fetcher's resolver knows (``.invalid`` never resolves)
    is reached through it."""
    base, hits = site
    port = int(base.rsplit(":", 1)[1])
    # Every address passes here, so that the checked one can be this machine's server.
    monkeypatch.setattr(addresses, "address_kind", lambda address: None)
    fetcher = Fetcher(FetchOptions(), resolver=lambda host, port: ["127.0.0.1"])
    with fetcher:
        page = fetcher.page(f"http://news.invalid:{port}/article.html")
    assert page.origin.url == f"http://news.invalid:{port}/article.html"
    assert "éboueurs" in page.data.decode("cp1252")
    assert hits == ["/article.html"]
