"""Search: the articles and quotations matching a query, and the people it names.

A query naming a person (``Stoltenberg``) finds the articles with the word, the quotations
with it in their own words *and* the quotations that person said, and lists the person
first. Results are computed once per state of the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from typing import Any, Literal

from newsdesk.serve.hits import snippet
from newsdesk.serve.models import (
    ArticleHit,
    Count,
    Facets,
    PersonHit,
    QuoteItem,
    SearchResults,
)
from newsdesk.serve.queries import (
    ARTICLE_COLUMNS,
    SOURCE,
    Filters,
    article_row,
    article_where,
    cached,
    offset_of,
    quote_items,
    store_state,
)
from newsdesk.store.base import Query, parse_query, speaker_key
from newsdesk.store.sqlite import (
    RANK_WEIGHTS,
    SQLiteStore,
    fts_query,
)

# Most values a facet lists (the most frequent first), most people a search lists.
FACET_SIZE = 20
PEOPLE = 5
# Matches of each kind a search reads, the most recently stored first: they are ranked (or
# sorted by date), paged and counted for the facets; more are counted as "1,000+". A word in
# most of a large corpus thus costs what a rarer one does.
MATCHES = 1000
Sort = Literal["relevance", "date"]
Words = tuple[str, ...]
Row = tuple[Any, ...]
NO_FILTERS = Filters()


@dataclass(frozen=True)
class Asked:
    """A search as its queries need it: the full-text expression, the words a person's name
    must hold (none for a query with OR or a phrase), the speaker ids whose name holds them,
    the filters and the order."""

    match: str
    words: Words
    filters: Filters
    sort: Sort
    speaker_ids: tuple[str, ...] = ()
    # The query as typed, whose words the snippets mark (the same matches whatever its case).
    q: str = field(default="", compare=False)


def _top(counts: Counter[str]) -> tuple[Count, ...]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Count(value, n) for value, n in ranked[:FACET_SIZE])


def name_words(parsed: Query) -> Words:
    """The words a person's name must hold for a query to name them: those of a query of
    plain words, in the form speakers are compared in; none otherwise.

    >>> name_words(parse_query("Jens STOLTENBERG")), name_words(parse_query("a OR b"))
    (('jens', 'stoltenberg'), ())
    """
    if len(parsed.groups) != 1 or any(t.phrase or t.prefix for t in parsed.groups[0]):
        return ()
    return tuple(speaker_key(" ".join(t.text for t in parsed.groups[0])).split())


def search(
    store: SQLiteStore,
    q: str,
    filters: Filters = NO_FILTERS,
    page: int = 1,
    per_page: int = 20,
    sort: Sort = "relevance",
) -> SearchResults:
    """Articles matching ``q`` best first (``sort="date"``: newest first), the quotations
    whose own words match it or whose speaker it names, newest first, and the people it names;
    facets count all the matches by language, source, month (day, when the matches are all of
    one month) and speaker.

    Of a query matching more than ``MATCHES`` articles (or quotations), only the most recently
    stored ``MATCHES`` are ranked, listed and counted (``more`` is then true).

    ``q`` uses the query language of ``newsdesk.store.base.parse_query``; a query without any
    word matches nothing. ``filters.speaker`` (an entity id) keeps the articles with a
    quotation of that speaker and only their quotations."""
    offset = offset_of(page, per_page)
    parsed = parse_query(q)
    if not parsed.groups:
        return SearchResults(q, (), 0, (), 0, page, per_page, Facets((), (), (), ()))
    words = name_words(parsed)
    said = _named(store, words)
    ids = tuple(sorted({sid for sid, _, _ in said}))
    asked = Asked(fts_query(parsed), words, filters, sort, ids, q)
    state = (str(store.path), MATCHES, *store_state(store))
    # The matches are read once per request at most, and not kept: only the page and the
    # facets they give are (a thousand rows per search would crowd the cache out).
    found = cache(lambda: (_article_matches(store, asked), _quote_matches(store, asked)))
    hits = cached(
        ("search", asked, offset, per_page, *state),
        lambda: _search_hits(store, asked, found(), offset, per_page),
    )
    facets, total, more = cached(
        ("facets", asked.match, ids, filters, *state), lambda: _search_facets(found())
    )
    people = cached(("people", words, *state), lambda: _people(store, words, said))
    return SearchResults(
        q=q,
        items=hits[0],
        total=total[0],
        quotes=hits[1],
        quotes_total=total[1],
        page=page,
        per_page=per_page,
        facets=facets,
        people=people,
        more=more[0],
        quotes_more=more[1],
    )


def _speakers(store: SQLiteStore) -> tuple[tuple[str, str, str, int], ...]:
    """Every speaker as ``(" name key ", speaker id, the id it was merged into or itself,
    quotations)``: a few thousand rows read once per state of the store, so that a name is
    looked up here and its quotations through the speaker id index."""

    def read() -> tuple[tuple[str, str, str, int], ...]:
        rows = store.select(
            "SELECT ' ' || q.speaker_key || ' ', q.speaker_id,"
            " coalesce(r.entity_id, q.speaker_id), count(*) FROM quotes AS q"
            " LEFT JOIN entity_redirects AS r ON r.id = q.speaker_id"
            " WHERE q.speaker_id IS NOT NULL AND q.speaker_key IS NOT NULL GROUP BY 1, 2, 3"
        )
        return tuple((str(k), str(i), str(c), int(n)) for k, i, c, n in rows)

    return cached(("speakers", str(store.path), *store_state(store)), read)


def _named(store: SQLiteStore, words: Words) -> list[tuple[str, str, int]]:
    """``(speaker id, person id, quotations)`` of the speakers whose name holds every word."""
    if not words:
        return []
    padded = [f" {w} " for w in words]
    return [(i, c, n) for key, i, c, n in _speakers(store) if all(w in key for w in padded)]


def _people(
    store: SQLiteStore, words: Words, said: list[tuple[str, str, int]]
) -> tuple[PersonHit, ...]:
    """The people whose name holds every word: speakers by their quotations, then people
    named in articles, the most quoted and most mentioned first."""
    if not words:
        return ()
    quoted: Counter[str] = Counter()
    for _, person, n in said:
        quoted[person] += n
    like = " AND ".join(["name LIKE ?"] * len(words))
    named = store.select(
        f"SELECT id, name, mentions FROM corpus_entities WHERE label = 'PER' AND {like}"
        " ORDER BY mentions DESC, id LIMIT ?",
        (*(f"%{w}%" for w in words), PEOPLE),
    )
    rows = {str(i): (str(name), int(m)) for i, name, m in named}
    for i, _ in quoted.most_common(PEOPLE):
        if i not in rows:
            for eid, name, mentions in store.select(
                "SELECT id, name, mentions FROM corpus_entities WHERE id = ?", (i,)
            ):
                rows[str(eid)] = (str(name), int(mentions))
    found = [
        PersonHit(i, rows[i][0] if i in rows else i, quoted.get(i, 0), rows.get(i, ("", 0))[1])
        for i in {*(i for i, _ in quoted.most_common(PEOPLE)), *rows}
    ]
    found.sort(key=lambda p: (-p.quotes, -p.mentions, p.name))
    return tuple(found[:PEOPLE])


def _search_where(filters: Filters) -> tuple[str, list[Any]]:
    """The article filters of a search, with its speaker: articles quoting that speaker."""
    clauses, params = article_where(filters)
    if filters.speaker is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM quotes AS s WHERE s.article_id = a.id AND s.speaker_id = ?)"
        )
        params.append(filters.speaker)
    return " AND ".join(clauses), params


# The facet columns of the matching articles come from an index covering them, and those of
# the matching quotations from a table of small rows (``store/search_schema.py``): reading
# whole articles and quotations for a thousand matches cost more than the matching itself.
_ARTICLES_MATCHED = (
    "FROM articles_fts JOIN articles AS a INDEXED BY articles_found ON a.seq = articles_fts.rowid"
)
_QUOTE_MATCH_COLUMNS = (
    "a.quote_rowid, a.speaker_id, a.name, ifnull(a.published, ''), a.seq, a.start, a.position"
)


def _quote_where(filters: Filters) -> tuple[str, list[Any]]:
    """The filters of a search's quotations, over ``quote_found`` (named ``a``, since it
    holds its article's columns under their names): their article's, and their speaker."""
    clauses, params = article_where(filters)
    if filters.speaker is not None:
        clauses.append("a.speaker_id = ?")
        params.append(filters.speaker)
    return " AND ".join(clauses), params


@dataclass(frozen=True)
class Matches:
    """The newest ``MATCHES`` matches of one kind (articles or quotations) as rows of the
    columns the page's order and the facets need; ``more`` when others were left out."""

    rows: tuple[Row, ...]
    more: bool


def _capped(rows: list[Row]) -> Matches:
    return Matches(tuple(rows[:MATCHES]), len(rows) > MATCHES)


def _newest(rows: Sequence[Row], published: int, *then: int) -> list[Row]:
    """``rows`` in the order of ``NEWEST``: the newest first, undated last (the date at index
    ``published``, empty when there is none), then by the columns ``then``."""
    ordered = sorted(rows, key=itemgetter(*then))
    # A stable sort, reversed: an empty date (undated) after every date.
    ordered.sort(key=itemgetter(published), reverse=True)
    return ordered


def _article_matches(store: SQLiteStore, asked: Asked) -> Matches:
    """``(seq, rank, language, source, published or "", month or "undated")`` of the
    articles matching, the most recently stored first: FTS5 walks its index backwards and
    stops after ``MATCHES``, so ranking and facets cost the same for a word in every article
    as for a rare one."""
    where, params = _search_where(asked.filters)
    return _capped(
        store.select(
            f"SELECT a.seq, bm25(articles_fts, ?, ?, ?), ifnull(a.language, 'unknown'),"
            f" {SOURCE}, ifnull(a.published, ''), ifnull(substr(a.published, 1, 7), 'undated')"
            f" {_ARTICLES_MATCHED} WHERE articles_fts MATCH ? AND {where}"
            " ORDER BY articles_fts.rowid DESC LIMIT ?",
            (*RANK_WEIGHTS, asked.match, *params, MATCHES + 1),
        )
    )


def _quote_matches(store: SQLiteStore, asked: Asked) -> Matches:
    """``(rowid, speaker id, name, published, seq, start, position)`` of the quotations
    whose words match or said by one of the speakers named (``asked.speaker_ids``), the most
    recently stored first, at most ``MATCHES``.

    Each way of matching reads its newest ``MATCHES`` only (FTS5 walks its index backwards,
    the speaker index is read backwards too), and the newest of their union are kept: none of
    those can be past the first ``MATCHES`` of the way that found it."""
    where, params = _quote_where(asked.filters)
    rows = store.select(
        f"SELECT {_QUOTE_MATCH_COLUMNS} FROM quotes_fts"
        " JOIN quote_found AS a ON a.quote_rowid = quotes_fts.rowid"
        f" WHERE quotes_fts MATCH ? AND {where} ORDER BY quotes_fts.rowid DESC LIMIT ?",
        (asked.match, *params, MATCHES + 1),
    )
    if asked.speaker_ids:
        rows += store.select(
            f"SELECT {_QUOTE_MATCH_COLUMNS} FROM quotes AS q"
            " JOIN quote_found AS a ON a.quote_rowid = q.rowid"
            f" WHERE q.speaker_id IN ({', '.join('?' * len(asked.speaker_ids))}) AND {where}"
            " ORDER BY q.rowid DESC LIMIT ?",
            (*asked.speaker_ids, *params, MATCHES + 1),
        )
        rows = sorted({r[0]: r for r in rows}.values(), key=lambda r: -int(r[0]))
    return _capped(rows)


def _search_hits(
    store: SQLiteStore, asked: Asked, found: tuple[Matches, Matches], offset: int, per_page: int
) -> tuple[tuple[ArticleHit, ...], tuple[QuoteItem, ...]]:
    """One page of ranked (or newest) articles and of the newest matching quotations, ordered
    among the matches found; then the page's columns and snippets, for its rows only."""
    articles, quotes = found
    if asked.sort == "relevance":
        ordered = sorted(articles.rows, key=itemgetter(1, 0))
    else:
        ordered = _newest(articles.rows, 4, 0)
    top = [(int(r[0]), float(r[1])) for r in ordered[offset : offset + per_page]]
    columns: dict[int, Any] = {}
    if top:
        # Read by key, not matched again: the snippets are cut from the text
        # (``hits.snippet``); asking the index for them matched the query once more and read
        # each row back through its content view.
        for r in store.select(
            f"SELECT a.seq, {ARTICLE_COLUMNS}, a.text FROM articles AS a"
            f" WHERE a.seq IN ({', '.join('?' * len(top))})",
            [seq for seq, _ in top],
        ):
            columns[int(r[0])] = r[1:]
    hits = tuple(
        ArticleHit(article_row(columns[seq]), snippet(columns[seq][8], asked.q), -rank)
        for seq, rank in top
        if seq in columns
    )
    newest = _newest(quotes.rows, 3, 4, 5, 6)
    rowids = [int(r[0]) for r in newest[offset : offset + per_page]]
    items = quote_items(store, f"q.rowid IN ({', '.join('?' * len(rowids))})", rowids)
    return hits, tuple(items if rowids else ())


def _search_facets(
    found: tuple[Matches, Matches],
) -> tuple[Facets, tuple[int, int], tuple[bool, bool]]:
    """The facets of the matches found (the newest ``MATCHES`` of each kind), the numbers of
    articles and quotations found, and whether more match."""
    articles, quotes = found
    languages = Counter(map(itemgetter(2), articles.rows))
    sources = Counter(map(itemgetter(3), articles.rows))
    months = Counter(map(itemgetter(5), articles.rows))
    dates = _top(months)
    if len(months) == 1 and "undated" not in months:
        # All of one month: the days tell more.
        dates = _top(Counter(str(r[4])[:10] for r in articles.rows))
    said = Counter(map(itemgetter(1), quotes.rows))
    said.pop(None, None)
    said.pop("", None)
    # A speaker's name in the facet: the greatest of the names written for them.
    names = {sid: str(name) for sid, name in sorted({r[1:3] for r in quotes.rows if r[1]})}
    ranked = sorted(said.items(), key=lambda kv: (-kv[1], names[kv[0]]))
    facets = Facets(
        languages=_top(languages),
        sources=_top(sources),
        dates=dates,
        speakers=tuple(Count(names[sid], n, sid) for sid, n in ranked[:FACET_SIZE]),
    )
    return facets, (len(articles.rows), len(quotes.rows)), (articles.more, quotes.more)
