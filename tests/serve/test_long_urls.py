"""A request line over the bound is answered ``414 URI Too Long`` by the real server (the
client reads the answer: no connection reset), as JSON under ``/api``; a line under it is
served, and the server goes on serving after a refusal."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from newsdesk.serve.http import MAX_REQUEST_LINE

from .test_browser import serving

Served = Any  # the ``served`` fixture: db, seed, hostile, calm, digest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(served: Served, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("long-urls") / "serve.log"
    with serving(served.db, log) as address:
        yield address


def _query_of(length: int, path: str = "/search?q=") -> str:
    """A path whose request line ``GET … HTTP/1.1`` is ``length`` bytes long."""
    return path + "a" * (length - len("GET  HTTP/1.1") - len(path))


def _ask(base: str, path: str) -> bytes:
    """The whole answer to ``GET path``, sent whole over a socket of our own (httpx itself
    refuses a URL over 64 KB), read until the server closes."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=60) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {address.netloc}\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize("length", [MAX_REQUEST_LINE + 1, 20_000, 200_000, 3_000_000])
def test_a_request_line_over_the_bound_is_answered_414(base: str, length: int) -> None:
    head, _, body = _ask(base, _query_of(length)).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 URI Too Long\r\n"), head
    assert b"\r\nconnection: close" in head
    assert str(MAX_REQUEST_LINE).encode() in body


def test_an_api_request_line_over_the_bound_is_answered_in_json(base: str) -> None:
    with httpx.Client(timeout=60) as client:
        response = client.get(base + _query_of(50_000, "/api/search?q="))
    assert response.status_code == 414
    assert "longer than" in response.json()["detail"]


def test_a_request_line_at_the_bound_is_served(base: str) -> None:
    with httpx.Client(timeout=60) as client:
        # A parameter no route reads: the line's length alone is what is tried.
        response = client.get(base + _query_of(MAX_REQUEST_LINE, "/api/articles?padding="))
        assert response.status_code == 200, response.text
        assert response.json()["total"] == 3


def test_a_line_with_no_end_is_refused_while_it_streams(base: str) -> None:
    """A client that never ends its request line gets its answer once the bound is passed."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=30) as sock:
        sock.sendall(b"GET /search?q=" + b"b" * (MAX_REQUEST_LINE * 2))
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.endswith(b"bytes"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 414 URI Too Long\r\n"), answer[:200]


def test_the_server_serves_after_refusals(base: str) -> None:
    for _ in range(3):
        assert _ask(base, _query_of(100_000)).startswith(b"HTTP/1.1 414 ")
    with httpx.Client(timeout=60) as client:
        answer = client.get(base + "/api/articles")
    assert answer.status_code == 200
    assert json.loads(answer.text)["total"] == 3


def test_the_server_does_not_announce_its_software(base: str) -> None:
    with httpx.Client(timeout=60) as client:
        for path in ("/", "/api/articles", _query_of(20_000)):
            assert "server" not in client.get(base + path).headers
