"""The web application: JSON API under ``/api``, HTML pages, one stylesheet under ``/static``.

The store is opened read-only when the application is created, so a missing or foreign
database file is an error at startup, never a failing page later.

>>> create_app("/no/such/newsdesk.db")
Traceback (most recent call last):
...
newsdesk.errors.StoreError: /no/such/newsdesk.db: no database here: nothing to open read-only
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from uvicorn.protocols.http.h11_impl import H11Protocol

import newsdesk
from newsdesk.config import Settings
from newsdesk.errors import UsageError
from newsdesk.serve import api, export, stories, web
from newsdesk.serve.guard import Guard
from newsdesk.serve.queries import store_state
from newsdesk.store.sqlite import SQLiteStore

STATIC = Path(__file__).parent / "static"
_TITLES = {
    404: "Not found",
    405: "Method not allowed",
    422: "Bad request",
    500: "Something went wrong",
}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error(request: Request, status: int, detail: object) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    message = detail if isinstance(detail, str) else _describe(detail)
    return web.render(
        "error.html",
        status_code=status,
        status=status,
        title=_TITLES.get(status, "Error"),
        message=message,
    )


def _describe(errors: object) -> str:
    """Validation errors as one sentence for the error page."""
    if not isinstance(errors, list):
        return str(errors)
    parts = []
    for error in errors:
        if isinstance(error, dict):
            where = ".".join(str(p) for p in error.get("loc", ())[1:])
            parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def create_app(db: str | Path) -> FastAPI:
    """The application over the store at ``db``, opened read-only.

    Raises ``StoreError`` naming the file when it is missing or not a current newsdesk store.
    """
    store = SQLiteStore(db, read_only=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="newsdesk",
        summary="Who said what, about whom, where and when, in the stored news.",
        version=newsdesk.__version__,
        lifespan=lifespan,
        # The interactive docs load their scripts from a CDN; the schema itself is served.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        response = _error(request, exc.status_code, exc.detail)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return _error(request, 422, errors)

    @app.exception_handler(UsageError)
    async def usage(request: Request, exc: UsageError) -> Response:
        return _error(request, 422, str(exc))

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> Response:
        # Said as a page or as JSON like any other error; the connection stays usable.
        return _error(request, 500, f"this request could not be answered ({type(exc).__name__})")

    stories.register(app)
    app.include_router(api.router)
    app.include_router(export.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(Guard, state=lambda: store_state(store))
    return app


def get_routes(app: FastAPI) -> list[APIRoute]:
    """The GET routes of ``app``, through the routers it includes (a route added to any router is
    found here without a list to update: the fuzzer and the tests of every route read this)."""

    def walk(routes: list[object]) -> Iterator[APIRoute]:
        for route in routes:
            if isinstance(route, APIRoute):
                yield route
            elif hasattr(route, "original_router"):  # an included router, kept as it was given
                yield from walk(list(route.original_router.routes))

    return [route for route in walk(list(app.routes)) if "GET" in (route.methods or ())]


def app_from_environment() -> FastAPI:
    """The application over the store named by ``NEWSDESK_DB`` (for server processes that
    import the application by name, as ``newsdesk serve --workers N`` starts them)."""
    return create_app(Settings.from_env(os.environ).db)


class NoDelayHTTP(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with Nagle's algorithm off on every connection.

    asyncio turns it off itself only on sockets it creates; with ``--workers`` uvicorn binds
    the listening socket itself, and on its connections a response's last segment then waits
    for the client's delayed acknowledgement: 40 ms added to every request of a kept-alive
    connection. (The name is given to uvicorn as ``http="newsdesk.serve.app:NoDelayHTTP"``.)
    """

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)  # type: ignore[arg-type]
