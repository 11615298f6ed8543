"""The HTTP/1.1 protocol ``newsdesk serve`` speaks: uvicorn's, with Nagle's algorithm off
(``NoDelayHTTP``) and a bound on the request line.

A request line longer than ``MAX_REQUEST_LINE`` bytes (a URL with a huge query string) is
answered ``414 URI Too Long`` before any of it is parsed. Without the bound, h11 gives up on a
request head past 16 KB and uvicorn closes the connection while the client is still sending:
the client sees the connection reset, not an answer. So the refusal is sent, the rest of what
the client sends is read and dropped for a moment (at most ``DRAIN_BYTES``, at most
``DRAIN_SECONDS``), and only then is the connection closed.

The class is given to uvicorn by name: ``http="newsdesk.serve.http:BoundedHTTP"``.
"""

from __future__ import annotations

import json

import h11

from newsdesk.serve.app import NoDelayHTTP

# Bytes of "GET /path?query HTTP/1.1": the usual bound of web servers (nginx, Apache: 8 KB).
MAX_REQUEST_LINE = 8192
# What is read and dropped after a refusal, before the connection is closed.
DRAIN_BYTES = 8_000_000
DRAIN_SECONDS = 2.0


def refusal(target: bytes) -> bytes:
    """The whole 414 answer for a request whose line begins ``target`` (JSON under /api).

    >>> refusal(b"GET /api/search?q=xx").split(b"\\r\\n")[0]
    b'HTTP/1.1 414 URI Too Long'
    """
    message = f"the request line is longer than {MAX_REQUEST_LINE} bytes"
    path = target.split(b" ", 2)[1] if target.count(b" ") else b""
    if path == b"/api" or path.startswith(b"/api/") or path.startswith(b"/api?"):
        body, kind = json.dumps({"detail": message}).encode(), b"application/json"
    else:
        body, kind = message.encode(), b"text/plain; charset=utf-8"
    return (
        b"HTTP/1.1 414 URI Too Long\r\ncontent-type: "
        + kind
        + b"\r\ncontent-length: "
        + str(len(body)).encode()
        + b"\r\nconnection: close\r\n\r\n"
        + body
    )


def too_long(head: bytes) -> bool:
    """Whether ``head``, the start of a request, has a request line over the bound (ended or
    not yet).

    >>> too_long(b"GET /" + b"a" * 9000), too_long(b"GET / HTTP/1.1\\r\\nHost: x" + b"y" * 9000)
    (True, False)
    """
    end = head.find(b"\r\n", 0, MAX_REQUEST_LINE + 2)
    if end < 0:
        end = head.find(b"\n", 0, MAX_REQUEST_LINE + 1)
    return end > MAX_REQUEST_LINE or (end < 0 and len(head) > MAX_REQUEST_LINE)


class BoundedHTTP(NoDelayHTTP):
    """``NoDelayHTTP`` answering 414 to a request line over ``MAX_REQUEST_LINE`` bytes."""

    _drained = -1  # bytes dropped since the refusal; -1 while nothing was refused

    def data_received(self, data: bytes) -> None:
        if self._drained >= 0:
            self._drained += len(data)
            if self._drained > DRAIN_BYTES:
                self.transport.close()
            return
        # Only a request not yet begun is looked at: h11 waits for its head.
        if self.conn.their_state is h11.IDLE:
            head = self.conn.trailing_data[0] + data
            if too_long(head):
                self._refuse(head)
                return
        super().data_received(data)

    def _refuse(self, head: bytes) -> None:
        self._drained = 0
        self._unset_keepalive_if_required()
        self.logger.info("refused a request line over %d bytes", MAX_REQUEST_LINE)
        self.transport.write(refusal(head[:200]))
        self.loop.call_later(DRAIN_SECONDS, self.transport.close)
