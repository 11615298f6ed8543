"""Every list as a file: ``/export/{list}.csv``, ``.json`` and ``.parquet``, with the list's
filters applied; CSV and JSON are streamed a few hundred rows at a time (a whole corpus never
sits in memory); Parquet is built whole, then sent.

The rows are the items of the list's JSON route, flattened for CSV (``article.title`` and
so on; lists of names joined with ``; ``). Filters are read as the pages read them: a value
that cannot be used is left out. Entities are named as the list they are exported from names
them: in the pages' language, or in ``lang``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, replace
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse

from newsdesk.records import Quote, Source
from newsdesk.serve import queries, words
from newsdesk.serve.choices import read_filters
from newsdesk.serve.models import ArticleSummary, QuoteItem, SearchResults
from newsdesk.serve.quotepage import quote_id
from newsdesk.serve.search import search
from newsdesk.store.base import parse_query
from newsdesk.store.sqlite import SQLiteStore

# Rows read from the store at a time.
CHUNK = 500
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}
router = APIRouter(include_in_schema=False)
Rows = Iterator[dict[str, Any]]


def _pages(fetch: Callable[[int], tuple[Iterable[Any], int]]) -> Iterator[Any]:
    """Every item of a paged list, fetching ``CHUNK`` at a time."""
    page = 1
    while True:
        items, total = fetch(page)
        yield from items
        if page * CHUNK >= total:
            return
        page += 1


def _quote_row(item: Any) -> dict[str, Any]:
    row = {"id": quote_id(item.article.id, item.position), **asdict(item.quote)}
    row["position"] = item.position
    row["article"] = asdict(item.article)
    return row


def flatten(row: dict[str, Any], prefix: str = "", empty: Any = "") -> dict[str, Any]:
    """One level of columns: nested records as ``a.b``, lists joined with ``; ``, None as
    ``empty``.

    >>> flatten({"a": {"b": 1}, "c": ["x", "y"], "d": None})
    {'a.b': 1, 'c': 'x; y', 'd': ''}
    """
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}.", empty))
        elif isinstance(value, (list, tuple)):
            flat[prefix + key] = "; ".join(str(v) for v in value)
        else:
            flat[prefix + key] = empty if value is None else value
    return flat


def _csv(rows: Rows, columns: list[str] | None = None) -> Iterator[str]:
    """CSV text; the columns are those of the first row unless given."""
    buffer = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        flat = flatten(row)
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=columns or list(flat), restval="")
            writer.writeheader()
        writer.writerow(flat)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _parquet(rows: Rows) -> Iterator[bytes]:
    """One Parquet file of the flattened rows (the column types are read from all of them,
    so a column empty in the first rows still gets its type)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist([flatten(r, empty=None) for r in rows]), sink)
    yield sink.getvalue()


def _json(rows: Rows) -> Iterator[str]:
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def rows(store: SQLiteStore, kind: str, request: Request) -> Rows:
    """The rows of list ``kind`` with the request's filters; a 404 for an unknown list."""
    params = request.query_params
    chosen, _ = read_filters(store, {k: params.get(k) for k in params})
    if kind == "quotes":
        return (
            _quote_row(i) for i in _pages(lambda p: _paged(queries.quotes(store, chosen, p, CHUNK)))
        )
    if kind.startswith("speakers/"):
        found = queries.speaker(store, kind.removeprefix("speakers/"), 1, 1)
        if found is None:
            raise HTTPException(404, f"no speaker with id {kind.removeprefix('speakers/')!r}")
        said = replace(chosen, speaker=found.id)
        return (
            _quote_row(i) for i in _pages(lambda p: _paged(queries.quotes(store, said, p, CHUNK)))
        )
    if kind == "articles":
        chosen = replace(chosen, speaker=None)
        return (
            asdict(a) for a in _pages(lambda p: _paged(queries.articles(store, chosen, p, CHUNK)))
        )
    if kind == "entities":
        label = params.get("label")
        label = label if label in ("PER", "ORG", "LOC", "MISC") else None
        # Named as the page the export is taken from names them (its language, or ``lang``).
        lang = params.get("lang") or ""
        lang = lang if re.fullmatch(r"[a-z]{2,3}", lang) else words.LANGUAGE
        return (
            asdict(e)
            for e in _pages(lambda p: _paged(queries.entities(store, label, p, CHUNK, lang)))
        )
    if kind == "places":
        period = queries.Filters(since=chosen.since, until=chosen.until)
        return (
            asdict(e) for e in _pages(lambda p: _paged(queries.places(store, p, CHUNK, period)))
        )
    if kind == "search":
        return _search_rows(store, params.get("q") or "", chosen, params.get("sort"))
    raise HTTPException(404, f"no list called {kind!r} to export")


def _paged(result: Any) -> tuple[Iterable[Any], int]:
    return result.items, int(result.total)


def _search_rows(store: SQLiteStore, q: str, chosen: queries.Filters, sort: str | None) -> Rows:
    """The quotations a search finds, then its articles, each row saying which it is."""
    if not q.strip() or not parse_query(q).groups:
        return
    speaker = chosen.speaker
    if speaker and not queries.ENTITY_ID.fullmatch(speaker):
        speaker = None
    chosen = replace(chosen, speaker=speaker, kind=None)
    order = "date" if sort == "date" else "relevance"

    def found(page: int) -> SearchResults:
        return search(store, q, chosen, page, CHUNK, order)  # type: ignore[arg-type]

    for item in _pages(lambda p: (found(p).quotes, found(p).quotes_total)):
        yield {"found": "quotation", **_quote_row(item), "score": None}
    for hit in _pages(lambda p: (found(p).items, found(p).total)):
        yield {"found": "article", "article": asdict(hit.article), "score": hit.score}


def search_columns() -> list[str]:
    """The columns of a search's CSV: a quotation's, its article's and the article score."""
    article = ArticleSummary("", None, None, None, None, Source(), 0)
    row = {"found": "", **_quote_row(QuoteItem(Quote("", 0, 0, "direct"), 0, article))}
    return [*flatten(row), "score"]


@router.get("/export/{kind:path}.{fmt}")
def export(kind: str, fmt: str, request: Request) -> StreamingResponse:
    """A list as CSV or JSON, streamed, or as one Parquet file."""
    if fmt not in FORMATS:
        raise HTTPException(404, f"no export as {fmt!r}: csv, json or parquet")
    store: SQLiteStore = request.app.state.store
    found = rows(store, kind, request)
    # The first rows are read before the answer starts, so a failing query is still an error
    # answer rather than a cut file.
    first = next(found, None)
    found = itertools.chain(() if first is None else (first,), found)
    columns = search_columns() if kind == "search" else None
    body: Iterator[str] | Iterator[bytes]
    if fmt == "parquet":
        body = _parquet(found)
    else:
        body = _csv(found, columns) if fmt == "csv" else _json(found)
    name = kind.replace("/", "-")
    return StreamingResponse(
        body,
        media_type=FORMATS[fmt],
        headers={"content-disposition": f'attachment; filename="newsdesk-{name}.{fmt}"'},
    )
