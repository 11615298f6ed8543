"""Search: the articles and quotations matching a query, and the people it names.

A query naming a person (``Stoltenberg``) finds the articles with the word, the quotations
with it in their own words *and* the quotations that person said, and lists the person
first. Results are computed once per state of the store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

from newsdesk.records import Quote
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
    QUOTE_COLUMNS,
    QUOTE_FIELDS,
    SOURCE,
    Filters,
    article_row,
    article_where,
    cached,
    counts_of,
    offset_of,
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
_SPEAKER_HAS = "instr(' ' || q.speaker_key || ' ', ?) > 0"


@dataclass(frozen=True)
class Asked:
    """A search as its queries need it: the full-text expression, the words a person's name
    must hold (none for a query with OR or a phrase), the filters and the order."""

    match: str
    words: Words
    filters: Filters
    sort: Sort


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
    asked = Asked(fts_query(parsed), name_words(parsed), filters, sort)
    state = (str(store.path), *store_state(store))
    hits = cached(
        ("search", asked, offset, per_page, *state),
        lambda: _search_hits(store, asked, offset, per_page),
    )
    facets, total, quotes_total = cached(
        ("facets", asked.match, asked.words, filters, *state),
        lambda: _search_facets(store, asked),
    )
    people = cached(("people", asked.words, *state), lambda: _people(store, asked.words))
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


def _people(store: SQLiteStore, words: Words) -> tuple[PersonHit, ...]:
    """The people whose name holds every word: speakers by their quotations, then people
    named in articles, the most quoted and most mentioned first."""
    if not words:
        return ()
    said = store.select(
        "SELECT coalesce(r.entity_id, q.speaker_id) AS sid, count(*) AS n FROM quotes AS q"
        " LEFT JOIN entity_redirects AS r ON r.id = q.speaker_id"
        f" WHERE q.speaker_id IS NOT NULL AND {' AND '.join([_SPEAKER_HAS] * len(words))}"
        " GROUP BY sid ORDER BY n DESC, sid LIMIT ?",
        (*(f" {w} " for w in words), PEOPLE),
    )
    quoted = {str(sid): int(n) for sid, n in said}
    like = " AND ".join(["name LIKE ?"] * len(words))
    named = store.select(
        f"SELECT id, name, mentions FROM corpus_entities WHERE label = 'PER' AND {like}"
        " ORDER BY mentions DESC, id LIMIT ?",
        (*(f"%{w}%" for w in words), PEOPLE),
    )
    rows = {str(i): (str(name), int(m)) for i, name, m in named}
    missing = [i for i in quoted if i not in rows]
    for i in missing:
        for eid, name, mentions in store.select(
            "SELECT id, name, mentions FROM corpus_entities WHERE id = ?", (i,)
        ):
            rows[str(eid)] = (str(name), int(mentions))
    found = [
        PersonHit(i, rows[i][0] if i in rows else i, quoted.get(i, 0), rows.get(i, ("", 0))[1])
        for i in {*quoted, *rows}
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


def _quote_match(match: str, words: Words, filters: Filters) -> tuple[str, list[Any]]:
    """Quotations whose words match, or said by a person whose name has every word asked."""
    where, params = _search_where(filters)
    said = "q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
    quote_params: list[Any] = [match]
    if words:
        said = f"({said} OR ({' AND '.join([_SPEAKER_HAS] * len(words))}))"
        quote_params += [f" {w} " for w in words]
    quote_where = f"{said} AND {where}"
    quote_params += params
    if filters.speaker is not None:
        quote_where += " AND q.speaker_id = ?"
        quote_params.append(filters.speaker)
    return quote_where, quote_params


def _search_hits(
    store: SQLiteStore, asked: Asked, offset: int, per_page: int
) -> tuple[tuple[ArticleHit, ...], tuple[QuoteItem, ...]]:
    """One page of ranked (or newest) articles and of the newest matching quotations."""
    match, words, filters = asked.match, asked.words, asked.filters
    where, params = _search_where(filters)
    order = "rank, a.seq" if asked.sort == "relevance" else f"{NEWEST}"
    rows = store.select(
        f"SELECT {ARTICLE_COLUMNS}, snippet(articles_fts, 1, ?, ?, ?, ?),"
        f" bm25(articles_fts, ?, ?, ?) AS rank {_ARTICLES_FOUND}"
        f" WHERE articles_fts MATCH ? AND {where} ORDER BY {order} LIMIT ? OFFSET ?",
        (
            MATCH_START,
            MATCH_END,
            SNIPPET_ELLIPSIS,
            SNIPPET_TOKENS,
            *RANK_WEIGHTS,
            match,
            *params,
            per_page,
            offset,
        ),
    )
    hits = tuple(
        ArticleHit(
            article_row(r),
            tuple(Fragment(p.text, p.match) for p in split_snippet(r[8])),
            -float(r[9]),
        )
        for r in rows
    )
    quote_where, quote_params = _quote_match(match, words, filters)
    rows = store.select(
        f"SELECT {QUOTE_COLUMNS}, q.position, {ARTICLE_COLUMNS} {_QUOTES_FOUND}"
        f" WHERE {quote_where} ORDER BY {NEWEST}, q.start, q.position LIMIT ? OFFSET ?",
        (*quote_params, per_page, offset),
    )
    width = len(QUOTE_FIELDS)
    quotes = tuple(
        QuoteItem(Quote(*r[:width]), int(r[width]), article_row(r[width + 1 :])) for r in rows
    )
    return hits, quotes


def _search_facets(store: SQLiteStore, asked: Asked) -> tuple[Facets, int, int]:
    """The facets of every match, the number of matching articles and of quotations."""
    match, words, filters = asked.match, asked.words, asked.filters
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
    quote_where, quote_params = _quote_match(match, words, filters)
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
