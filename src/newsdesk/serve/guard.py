"""What every answer of the application carries, as one ASGI layer around it: HEAD answered
as GET without a body, security headers, and validators tied to the store's state.

Pages and JSON depend only on the address asked and on the store's files, so an entity tag
made of the two (and the application's version) lets a browser or a proxy revalidate a page
with a ``304 Not Modified`` instead of reading it again; any write to the store changes it.
For the same reason a page asked again is answered from memory: the last ``ANSWERS`` answers
of at most ``ANSWER_BYTES`` each are kept under their entity tag (so a write to the store
leaves them unused), which spares a popular search its queries and its rendering.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import newsdesk
from newsdesk.serve.recent import Recent

# No inline script or style anywhere: every page's script and style is a file under /static.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
    " form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


# Answers kept (the least recently asked dropped first), and the largest kept: 32 MB at most.
ANSWERS = 256
ANSWER_BYTES = 128 * 1024
Answer = tuple[int, list[tuple[bytes, bytes]], bytes]


class Guard:
    """The ASGI layer: ``state()`` gives the store's state (``queries.store_state``)."""

    def __init__(self, app: ASGIApp, state: Callable[[], tuple[int, ...]]) -> None:
        self.app = app
        self.state = state
        self.answers: Recent[str, Answer] = Recent(ANSWERS)

    def etag(self, scope: Scope) -> str:
        key = "\0".join(
            (
                newsdesk.__version__,
                repr(self.state()),
                scope.get("path", ""),
                scope.get("query_string", b"").decode("latin-1"),
            )
        )
        return '"' + hashlib.sha256(key.encode()).hexdigest()[:24] + '"'

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        etag = None
        if scope["method"] == "GET" and not scope["path"].startswith("/static/"):
            etag = self.etag(scope)
            if etag in Headers(scope=scope).get("if-none-match", ""):
                await self._not_modified(send, etag)
                return
            if (kept := self.answers.get(etag)) is not None:
                status, raw, body = kept
                await send({"type": "http.response.start", "status": status, "headers": raw})
                await send({"type": "http.response.body", "body": b"" if head else body})
                return
        # The answer's parts as sent, while it may still be kept whole.
        start: Message | None = None
        parts: list[bytes] | None = [] if etag is not None else None

        async def send_guarded(message: Message) -> None:
            nonlocal start, parts
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if etag is not None and message["status"] == 200:
                    headers["etag"] = etag
                    headers.setdefault("cache-control", "no-cache")
                    start = message
                else:
                    parts = None
            elif message["type"] == "http.response.body":
                if parts is not None and start is not None:
                    parts.append(message.get("body", b""))
                    if sum(map(len, parts)) > ANSWER_BYTES:
                        parts = None
                    elif not message.get("more_body", False) and etag is not None:
                        self.answers.put(etag, (200, list(start["headers"]), b"".join(parts)))
                if head:
                    message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_guarded)

    async def _not_modified(self, send: Send, etag: str) -> None:
        headers = MutableHeaders()
        for name, value in SECURITY_HEADERS.items():
            headers[name] = value
        headers["etag"] = etag
        headers["cache-control"] = "no-cache"
        await send({"type": "http.response.start", "status": 304, "headers": headers.raw})
        await send({"type": "http.response.body", "body": b""})
