"""One quotation on a page of its own: its address, its sentence before and after.

A quotation's id is its article's id cut to 16 hex digits, a dash and its position in the
article (``3f2a…9c01-4``); a longer or shorter unique prefix finds it too, and the pages
redirect to the canonical form.

>>> split_quote_id("3f2a00000000000000009c01-4")
('3f2a00000000000000009c01', 4)
>>> split_quote_id("nope") is None
True
>>> around("One. Two said. He said: “yes”. Then three. Four.", 25, 28)
('Two said. He said: “', '”. Then three.')
"""

from __future__ import annotations

import re

from newsdesk.serve.models import QuoteDetail
from newsdesk.serve.queries import quote_items
from newsdesk.store.relations_queries import quote_lineage
from newsdesk.store.sqlite import SQLiteStore

ID_DIGITS = 16
MIN_DIGITS = 8
# The most text shown on either side of a quotation.
CONTEXT_CHARS = 600
_QUOTE_ID = re.compile(r"([0-9a-f]{8,64})-(\d{1,6})")
# A sentence ends at . ! ? … (and a closing quotation mark after them) before a space.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”’)]*\s+|\n\s*\n")


def quote_id(article_id: str, position: int) -> str:
    """The canonical id of the quotation at ``position`` in article ``article_id``."""
    return f"{article_id[:ID_DIGITS]}-{position}"


def split_quote_id(value: str) -> tuple[str, int] | None:
    """The article id prefix and the position a quotation id names, None for another form."""
    m = _QUOTE_ID.fullmatch(value.strip().lower())
    return (m[1], int(m[2])) if m else None


def around(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before ``start`` from the beginning of the previous sentence, and after
    ``end`` to the end of the next one, each cut to ``CONTEXT_CHARS``."""
    lo = max(0, start - CONTEXT_CHARS)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    # The quotation's own sentence begins after the last end; the one before, after the last
    # but one.
    begin = ends[-2] if len(ends) >= 2 else lo
    hi = min(len(text), end + CONTEXT_CHARS)
    stops = [m.end() for m in _SENTENCE_END.finditer(text, end, hi)]
    finish = stops[1] if len(stops) >= 2 else hi
    return text[begin:start], text[end:finish].rstrip()


def quote_detail(store: SQLiteStore, value: str) -> QuoteDetail | None:
    """The quotation ``value`` names (see ``quote_id``), None when no stored one has that id."""
    found = split_quote_id(value)
    if found is None or len(found[0]) < MIN_DIGITS:
        return None
    prefix, position = found
    ids = store.select(
        "SELECT id, text FROM articles WHERE id GLOB ? ORDER BY id LIMIT 2", (prefix + "*",)
    )
    if len(ids) != 1:
        return None
    article_id, text = ids[0]
    items = quote_items(store, "a.id = ? AND q.position = ?", (article_id, position), 1)
    if not items:
        return None
    (item,) = items
    before, after = around(text, item.quote.start, item.quote.end)
    return QuoteDetail(
        id=quote_id(article_id, position),
        quote=item.quote,
        position=position,
        article=item.article,
        before=before,
        after=after,
        lineage=quote_lineage(store.select, article_id, position),
    )
