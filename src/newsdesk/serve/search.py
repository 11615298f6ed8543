"""Search: the articles and quotations matching a query, and the people it names.

A query naming a person (``Stoltenberg``) finds the articles with the word, the quotations
with it in their own words *and* the quotations that person said, and lists the person
first. Results are computed once per state of the store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

from newsdesk.serve.models import (
    ArticleHit,
    Count,
    Facets,
    Fragment,
    PersonHit,
    QuoteItem,
    SearchResults,
)
from newsdesk.serve.queries import (
    ARTICLE_COLUMNS,
    NEWEST,
    SOURCE,
    Filters,
    article_row,
    article_where,
    cached,
    counts_of,
    offset_of,
    quote_items,
    store_state,
)
from newsdesk.store.base import Query, parse_query, speaker_key
from newsdesk.store.sqlite import (
    MATCH_END,
    MATCH_START,
    RANK_WEIGHTS,
    SNIPPET_ELLIPSIS,
    SNIPPET_TOKENS,
    SQLiteStore,
    fts_query,
    split_snippet,
)

# Most values a facet lists (the most frequent first), most people a search lists.
FACET_SIZE = 20
PEOPLE = 5
Sort = Literal["relevance", "date"]
Words = tuple[str, ...]
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
    asked = Asked(fts_query(parsed), words, filters, sort, ids)
    state = (str(store.path), *store_state(store))
    hits = cached(
        ("search", asked, offset, per_page, *state),
        lambda: _search_hits(store, asked, offset, per_page),
    )
    facets, total, quotes_total = cached(
        ("facets", asked.match, ids, filters, *state),
        lambda: _search_facets(store, asked),
    )
    people = cached(("people", words, *state), lambda: _people(store, words, said))
    return SearchResults(
        q=q,
        items=hits[0],
        total=total,
        quotes=hits[1],
        quotes_total=quotes_total,
        page=page,
        per_page=per_page,
        facets=facets,
        people=people,
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


_ARTICLES_FOUND = "FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid"
_QUOTES_FOUND = "FROM quotes AS q JOIN articles AS a ON a.id = q.article_id"


def _quote_match(match: str, ids: tuple[str, ...], filters: Filters) -> tuple[str, list[Any]]:
    """Quotations whose words match, or said by one of the speakers ``ids`` (those whose name
    holds every word asked)."""
    where, params = _search_where(filters)
    said = "q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
    quote_params: list[Any] = [match]
    if ids:
        said = f"({said} OR q.speaker_id IN ({', '.join('?' * len(ids))}))"
        quote_params += ids
    quote_where = f"{said} AND {where}"
    quote_params += params
    if filters.speaker is not None:
        quote_where += " AND q.speaker_id = ?"
        quote_params.append(filters.speaker)
    return quote_where, quote_params


def _search_hits(
    store: SQLiteStore, asked: Asked, offset: int, per_page: int
) -> tuple[tuple[ArticleHit, ...], tuple[QuoteItem, ...]]:
    """One page of ranked (or newest) articles and of the newest matching quotations.

    Each list is found in two steps: the page's rows by their order alone, then their
    columns, snippets and quotation counts for those rows only (SQLite would compute them
    for every match before sorting)."""
    match, filters = asked.match, asked.filters
    where, params = _search_where(filters)
    order = "rank, a.seq" if asked.sort == "relevance" else f"{NEWEST}"
    top = store.select(
        f"SELECT a.seq, bm25(articles_fts, ?, ?, ?) AS rank {_ARTICLES_FOUND}"
        f" WHERE articles_fts MATCH ? AND {where} ORDER BY {order} LIMIT ? OFFSET ?",
        (*RANK_WEIGHTS, match, *params, per_page, offset),
    )
    found: dict[int, Any] = {}
    if top:
        for r in store.select(
            f"SELECT a.seq, {ARTICLE_COLUMNS}, snippet(articles_fts, 1, ?, ?, ?, ?)"
            f" {_ARTICLES_FOUND} WHERE articles_fts MATCH ?"
            f" AND articles_fts.rowid IN ({', '.join('?' * len(top))})",
            (
                *(MATCH_START, MATCH_END, SNIPPET_ELLIPSIS, SNIPPET_TOKENS),
                match,
                *(seq for seq, _ in top),
            ),
        ):
            found[int(r[0])] = r[1:]
    hits = tuple(
        ArticleHit(
            article_row(found[seq]),
            tuple(Fragment(p.text, p.match) for p in split_snippet(found[seq][8])),
            -float(rank),
        )
        for seq, rank in top
        if seq in found
    )
    quote_where, quote_params = _quote_match(match, asked.speaker_ids, filters)
    rowids = [
        int(r[0])
        for r in store.select(
            f"SELECT q.rowid {_QUOTES_FOUND} WHERE {quote_where}"
            f" ORDER BY {NEWEST}, q.start, q.position LIMIT ? OFFSET ?",
            (*quote_params, per_page, offset),
        )
    ]
    quotes = tuple(
        quote_items(store, f"q.rowid IN ({', '.join('?' * len(rowids))})", rowids) if rowids else ()
    )
    return hits, quotes


def _search_facets(store: SQLiteStore, asked: Asked) -> tuple[Facets, int, int]:
    """The facets of every match, the number of matching articles and of quotations."""
    match, filters = asked.match, asked.filters
    where, params = _search_where(filters)
    # One pass over the matching articles gives the three article facets and the total.
    languages: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    months: Counter[str] = Counter()
    for language, source, month, n in store.select(
        f"SELECT ifnull(a.language, 'unknown'), {SOURCE},"
        f" ifnull(substr(a.published, 1, 7), 'undated'), count(*) {_ARTICLES_FOUND}"
        f" WHERE articles_fts MATCH ? AND {where} GROUP BY 1, 2, 3",
        (match, *params),
    ):
        languages[language] += n
        sources[source] += n
        months[month] += n
    dates = _top(months)
    if len(months) == 1 and "undated" not in months:
        # All of one month: the days tell more.
        dates = counts_of(
            store.select(
                f"SELECT substr(a.published, 1, 10) AS day, count(*) {_ARTICLES_FOUND}"
                f" WHERE articles_fts MATCH ? AND {where}"
                " GROUP BY day ORDER BY count(*) DESC, day LIMIT ?",
                (match, *params, FACET_SIZE),
            )
        )
    quote_where, quote_params = _quote_match(match, asked.speaker_ids, filters)
    speakers: Counter[tuple[str, str]] = Counter()
    quotes_total = 0
    for speaker_id, name, n in store.select(
        f"SELECT q.speaker_id, max(coalesce(q.speaker, q.speaker_mention, '')), count(*)"
        f" {_QUOTES_FOUND} WHERE {quote_where} GROUP BY q.speaker_id",
        quote_params,
    ):
        quotes_total += n
        if speaker_id:
            speakers[(speaker_id, name)] += n
    facets = Facets(
        languages=_top(languages),
        sources=_top(sources),
        dates=dates,
        speakers=tuple(
            Count(name, n, sid)
            for (sid, name), n in sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0][1]))[
                :FACET_SIZE
            ]
        ),
    )
    return facets, sum(languages.values()), quotes_total
