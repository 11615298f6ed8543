"""Hostile sources met while discovering inputs: broken feeds, bad redirects, slow servers,
every spelling of a private address, archives with monstrous header lines. Each one fails
alone, named, within its limits; the batch goes on."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsdesk.config import Settings
from newsdesk.errors import NewsdeskError, UnsupportedInput
from newsdesk.ingest.addresses import AddressRefused, FetchFailed, address_kind
from newsdesk.ingest.fetch import Fetcher, FetchOptions
from newsdesk.ingest.files import InputFile, Skipped, discover
from newsdesk.ingest.warc import MAX_LINE, warc_documents
from newsdesk.records import RawDocument

PUBLIC = "93.184.215.14"

# Feeds of a few bytes that once ended a whole run: a tag soup, a NUL in a namespace, an
# invalid IPv6 link, an encoding declaration no codec reads.
BROKEN_FEEDS = {
    "soup.xml": b"<entry<title</content>",
    "namespace.rss": (
        b'<?xml version="1.0"?><rss version="2.0" xmlns:x="\x00bad"><channel>'
        b"<item><x:y>1</x:y></item></channel></rss>"
    ),
    "ipv6.rss": (
        b'<?xml version="1.0"?><rss version="2.0"><channel><link>http://[::1</link><item>'
        b"<title>t</title><link>http://[::1/x</link><description>d</description></item>"
        b"</channel></rss>"
    ),
    "encoding.rss": (
        b'<?xml version="1.0" encoding="\xff\xfe-bad"?><rss version="2.0"><channel><item>'
        b"<title>t</title></item></channel></rss>"
    ),
}


def test_broken_feeds_in_a_directory_never_stop_discovery(tmp_path: Path) -> None:
    for name, data in BROKEN_FEEDS.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "z_bulletin.txt").write_text("Un titre\n\nLe conseil a voté.", "utf-8")
    items = list(discover([str(tmp_path)], Settings()))
    assert all(isinstance(i, Skipped | InputFile) for i in items)
    assert any(isinstance(i, InputFile) and i.path.endswith("z_bulletin.txt") for i in items)
    for item in items:
        if isinstance(item, Skipped) and item.status == "failed":
            assert item.reason and "Traceback" not in item.reason


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["0", "2"])
def test_cli_ingest_stores_the_good_files_beside_broken_feeds(tmp_path: Path, workers: str) -> None:
    from typer.testing import CliRunner

    from newsdesk.cli import app

    folder = tmp_path / "inputs"
    folder.mkdir()
    for name, data in BROKEN_FEEDS.items():
        (folder / name).write_bytes(data)
    seed = Path(__file__).parents[1] / "data" / "seed_fr.txt"
    (folder / "seed.txt").write_bytes(seed.read_bytes())
    db = tmp_path / "n.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", workers])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "stored 1" in result.stdout, result.output


@pytest.mark.parametrize(
    "location", ["javascript:alert(1)", "mailto:desk@example.org", "data:text/html,<p>x</p>"]
)
def test_a_redirect_to_another_scheme_is_refused_by_name(location: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": location})

    fetcher = Fetcher(FetchOptions(), transport=httpx.MockTransport(handler))
    with fetcher, pytest.raises(UnsupportedInput) as caught:
        fetcher.page(f"http://{PUBLIC}/")
    assert caught.value.input == f"http://{PUBLIC}/"
    assert "redirect to" in caught.value.reason


def test_a_redirect_to_an_unparsable_url_is_refused_by_name() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://[::1/x"})

    fetcher = Fetcher(FetchOptions(), transport=httpx.MockTransport(handler))
    with fetcher, pytest.raises(NewsdeskError, match=r"(?i)location|redirect"):
        fetcher.page(f"http://{PUBLIC}/")


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("2002:a9fe:a9fe::", "link-local"),  # 6to4 of 169.254.169.254
        ("2002:c0a8:1::", "private"),  # 6to4 of 192.168.0.1
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("fec0::1", "site-local"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "private"),  # Teredo, client 192.0.2.45
    ],
)
def test_ipv6_addresses_that_carry_a_private_ipv4_are_refused(address: str, kind: str) -> None:
    assert address_kind(address) == kind


# --- a real server on the loopback interface -------------------------------------------------


class _Site(BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = b"<html><body><p>Un article.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def site() -> Iterator[tuple[int, list[str]]]:
    hits: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("Site", (_Site,), {"hits": hits}))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# Spellings of this machine's addresses a URL may use: decimal, octal, hex, short forms,
# IPv4-mapped, NAT64 and 6to4 IPv6, trailing dots, ideographic full stops, the unspecified
# addresses, names.
ADDRESS_FORMS = [
    "127.0.0.1",
    "2130706433",
    "0177.0.0.1",
    "0x7f.0.0.1",
    "0x7f000001",
    "127.1",
    "127.0.0.1.",
    "localhost",
    "LOCALHOST",
    "localhost.",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[0:0:0:0:0:ffff:127.0.0.1]",
    "[64:ff9b::7f00:1]",
    "[2002:7f00:1::]",
    "0.0.0.0",
    "0",
    "[::]",
    "127\u30020\u30020\u30021",
    "\uff11\uff12\uff17.\uff10.\uff10.\uff11",
]


@pytest.mark.parametrize("form", ADDRESS_FORMS)
def test_every_spelling_of_a_loopback_address_is_refused_unrequested(
    site: tuple[int, list[str]], form: str
) -> None:
    port, hits = site
    with Fetcher(FetchOptions(timeout=5)) as fetcher, pytest.raises(NewsdeskError):
        fetcher.page(f"http://{form}:{port}/page")
    assert hits == []


@pytest.fixture
def slow_server() -> Iterator[int]:
    """A server that sends its status line, then one header line a second, forever."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\n")
                while not stop.wait(0.5):
                    try:
                        conn.sendall(b"X-Drip: 1\r\n")
                    except OSError:
                        break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        listener.close()


def test_a_server_dripping_headers_is_stopped_at_the_fetch_limit(slow_server: int) -> None:
    started = time.monotonic()
    options = FetchOptions(timeout=2, allow_private=True)
    with Fetcher(options) as fetcher, pytest.raises(FetchFailed, match="timed out after 2 s"):
        fetcher.page(f"http://127.0.0.1:{slow_server}/")
    # Each header line arrives well within any read timeout: only a deadline over the whole
    # fetch stops it. The bound is loose (a busy machine) but far below the drip's forever.
    assert time.monotonic() - started < 30


def test_refused_address_never_reaches_the_transport() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200)

    def resolve(host: str, port: int) -> list[str]:
        return ["2002:c0a8:1::"]

    fetcher = Fetcher(FetchOptions(), transport=httpx.MockTransport(handler), resolver=resolve)
    with fetcher, pytest.raises(AddressRefused, match="private"):
        fetcher.page("http://news.example.org/")
    assert seen == []


# --- archives --------------------------------------------------------------------------------


def _record(headers: bytes, body: bytes) -> bytes:
    return (
        b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
        + headers
        + b"Content-Length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
        + body
        + b"\r\n\r\n"
    )


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_warc_header_line_over_the_limit_fails_with_its_offset(gzipped: bool) -> None:
    page = b"<html><body><p>Un article.</p></body></html>"
    good = _record(b"WARC-Target-URI: https://news.example.org/a\r\n", page)
    huge = _record(b"WARC-Junk: " + b"x" * (MAX_LINE * 3) + b"\r\n", page)
    data = good + huge
    if gzipped:
        data = gzip.compress(good) + gzip.compress(huge)
    import io

    items = list(warc_documents(io.BytesIO(data), "big.warc"))
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[-1], Skipped) and items[-1].status == "failed"
    assert "longer than" in items[-1].reason and "#" in items[-1].input
