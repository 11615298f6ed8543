"""``newsdesk serve``: the web pages and JSON API over a store, read-only."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from newsdesk.cli.common import DbOption, fail, load_settings, out
from newsdesk.errors import NewsdeskError

# uvicorn's HTTP/1.1 protocol with TCP_NODELAY on each connection, answering 414 to a request
# line over 8 KB (see newsdesk.serve.http).
HTTP = "newsdesk.serve.http:BoundedHTTP"


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, max=64, help="Server processes (each reads the store itself)."
        ),
    ] = 1,
    db: DbOption = None,
) -> None:
    """Browse the store in a web browser: articles, quotations, speakers, entities, places.

    The database is opened read-only; every page has a JSON twin under /api."""
    import uvicorn

    from newsdesk.serve.app import create_app

    path = load_settings(db=db).db
    if not path.exists():
        raise fail(f"{path}: no database here yet; run `newsdesk ingest PATH…` first", 1)
    try:
        app = create_app(path)
    except NewsdeskError as exc:
        raise fail(str(exc), 1) from None
    shown = f"[{host}]" if ":" in host else host
    out.print(f"newsdesk serving {path} at http://{shown}:{port}/", markup=False)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", http=HTTP, server_header=False)
        return
    # Several processes each build the app from the environment (uvicorn imports it by name).
    os.environ["NEWSDESK_DB"] = str(path)
    uvicorn.run(
        "newsdesk.serve.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        http=HTTP,
        server_header=False,  # no software name and version announced to every client
    )
