"""The questions the web layer asks the store, one function per page; each page's JSON twin
calls the same function.

Every function takes an open ``SQLiteStore`` (read-only when serving) and returns the records
of ``newsdesk.serve.models``. Values always reach SQL as parameters. Bad filter values raise
``UsageError``, which the routes turn into a 422 answer.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any, TypeVar, cast

from newsdesk.errors import UsageError
from newsdesk.records import Analysis, Quote, Source
from newsdesk.serve.models import (
    ArticlePage,
    ArticleSummary,
    CoMention,
    Count,
    EntityDetail,
    EntityPage,
    EntitySummary,
    Home,
    PlacePage,
    PlaceSummary,
    QuoteItem,
    QuotePage,
    SpeakerCount,
    SpeakerDetail,
    Totals,
)
from newsdesk.serve.recent import Recent
from newsdesk.store.base import parse_since, speaker_words
from newsdesk.store.corpus_queries import display_names
from newsdesk.store.sqlite import (
    SQLiteStore,
)

# Entities named beside another one, listed on its page.
CO_MENTIONED = 20
HOME_ITEMS = 10
ENTITY_ID = re.compile(r"[0-9a-f]{16}")
SOURCE = "coalesce(a.source_name, a.source_domain, 'unknown')"
ARTICLE_COLUMNS = (
    "a.id, a.title, a.published, a.language, a.url, a.source_name, a.source_domain,"
    " (SELECT count(*) FROM quotes AS c WHERE c.article_id = a.id)"
)
QUOTE_FIELDS = tuple(f.name for f in fields(Quote))
QUOTE_COLUMNS = ", ".join(f'q."{name}"' for name in QUOTE_FIELDS)
NEWEST = "a.published IS NULL, a.published DESC, a.seq"


@dataclass(frozen=True)
class Filters:
    """What a list can be narrowed to. ``source`` is an outlet's name or domain, ``since``
    and ``until`` ISO dates (both included), ``speaker`` an entity id or a name, ``kind`` a
    quotation's kind (direct, indirect, mixed), ``min_confidence`` the least confidence of a
    quotation and of its speaker when it names one."""

    lang: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    speaker: str | None = None
    kind: str | None = None
    min_confidence: float | None = None


def article_row(row: Sequence[Any]) -> ArticleSummary:
    return ArticleSummary(
        id=row[0],
        title=row[1],
        published=row[2],
        language=row[3],
        url=row[4],
        source=Source(name=row[5], domain=row[6]),
        quotes=int(row[7]),
    )


def until_bound(until: str) -> tuple[str, str]:
    """The comparison and bound that keep articles published on or before ``until``."""
    value = parse_since(until)
    if len(value) == 4:  # a whole year, or a whole month: everything before the next one
        return "<", str(int(value) + 1)
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        return "<", f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    if len(value) == 10:  # a whole day: everything before the next one
        day = date.fromisoformat(value)
        if day == date.max:  # no next day: everything of that day, whatever its time
            return "<=", value + "\uffff"
        return "<", (day + timedelta(days=1)).isoformat()
    return "<=", value


def article_where(filters: Filters) -> tuple[list[str], list[Any]]:
    clauses, params = ["1"], list[Any]()
    if filters.lang is not None:
        clauses.append("a.language = ?")
        params.append(filters.lang)
    if filters.source is not None:
        clauses.append(f"? IN (a.source_name, a.source_domain, {SOURCE})")
        params.append(filters.source)
    if filters.since is not None:
        clauses.append("a.published >= ?")
        params.append(parse_since(filters.since))
    if filters.until is not None:
        try:
            op, bound = until_bound(filters.until)
        except UsageError:
            raise UsageError(f"until: {filters.until!r} is not a date like 2022-04-05") from None
        clauses.append(f"a.published {op} ?")
        params.append(bound)
    return clauses, params


def _speaker_filter(speaker: str) -> tuple[list[str], list[Any]]:
    if ENTITY_ID.fullmatch(speaker):
        # The person's id and the ids merged into it (a lone surname seen before the name).
        return [
            "q.speaker_id IN (SELECT ? UNION ALL SELECT id FROM entity_redirects"
            " WHERE entity_id = ?)"
        ], [speaker, speaker]
    words = speaker_words(speaker)
    return ["instr(' ' || q.speaker_key || ' ', ?) > 0"] * len(words), [f" {w} " for w in words]


def offset_of(page: int, per_page: int) -> int:
    if page < 1 or per_page < 1:
        raise UsageError("page and per_page must be at least 1")
    return (page - 1) * per_page


# --- articles -------------------------------------------------------------------------------


def articles(
    store: SQLiteStore, filters: Filters = Filters(), page: int = 1, per_page: int = 20
) -> ArticlePage:
    """Articles newest first (undated last), narrowed by ``filters`` (its speaker aside)."""
    clauses, params = article_where(filters)
    where = " AND ".join(clauses)
    rows = store.select(
        f"SELECT {ARTICLE_COLUMNS} FROM articles AS a WHERE {where}"
        f" ORDER BY {NEWEST} LIMIT ? OFFSET ?",
        (*params, per_page, offset_of(page, per_page)),
    )
    (total,) = store.select(f"SELECT count(*) FROM articles AS a WHERE {where}", params)[0]
    return ArticlePage(tuple(article_row(r) for r in rows), int(total), page, per_page)


def article(store: SQLiteStore, article_id: str) -> Analysis | None:
    """The whole record of one article, by id or unique id prefix; None when unknown."""
    try:
        return store.get(article_id)
    except UsageError:  # a prefix too short or shared: no article is meant unambiguously
        return None


# --- quotations -----------------------------------------------------------------------------


def quote_items(
    store: SQLiteStore, where: str, params: Sequence[Any], limit: int = -1, offset: int = 0
) -> list[QuoteItem]:
    rows = store.select(
        f"SELECT {QUOTE_COLUMNS}, q.position, {ARTICLE_COLUMNS}"
        " FROM quotes AS q JOIN articles AS a ON a.id = q.article_id"
        f" WHERE {where} ORDER BY {NEWEST}, q.start, q.position LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    width = len(QUOTE_FIELDS)
    return [
        QuoteItem(Quote(*row[:width]), int(row[width]), article_row(row[width + 1 :]))
        for row in rows
    ]


def _quote_where(filters: Filters) -> tuple[str, list[Any]]:
    clauses, params = article_where(filters)
    if filters.speaker is not None:
        more, values = _speaker_filter(filters.speaker)
        clauses += more
        params += values
    if filters.kind is not None:
        clauses.append("q.kind = ?")
        params.append(filters.kind)
    if filters.min_confidence is not None:
        clauses.append("q.confidence >= ? AND (q.speaker IS NULL OR q.speaker_confidence >= ?)")
        params += [filters.min_confidence, filters.min_confidence]
    return " AND ".join(clauses), params


def quotes(
    store: SQLiteStore, filters: Filters = Filters(), page: int = 1, per_page: int = 20
) -> QuotePage:
    """Quotations of the newest articles first, each article's in the order of its text.

    ``filters.speaker`` is an entity id (16 hex digits: the quotes attributed to it) or a name
    whose every word the speaker's name must have (``stoltenberg``)."""
    where, params = _quote_where(filters)
    items = quote_items(store, where, params, per_page, offset_of(page, per_page))
    (total,) = store.select(
        f"SELECT count(*) FROM quotes AS q JOIN articles AS a ON a.id = q.article_id WHERE {where}",
        params,
    )[0]
    return QuotePage(tuple(items), int(total), page, per_page)


def counts_of(rows: Iterable[Sequence[Any]]) -> tuple[Count, ...]:
    return tuple(Count(str(value), int(n)) for value, n in rows)


# --- entities and speakers ------------------------------------------------------------------


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join("?" * len(values)) + ")"


def _canonical(store: SQLiteStore, entity_id: str) -> str:
    """The corpus entity ``entity_id`` was merged into (a lone surname joined to the person),
    or ``entity_id`` itself."""
    rows = store.select("SELECT entity_id FROM entity_redirects WHERE id = ?", (entity_id,))
    return str(rows[0][0]) if rows else entity_id


def members(store: SQLiteStore, entity_id: str) -> list[str]:
    """``entity_id`` and the ids merged into it: the ids its articles' rows carry."""
    rows = store.select("SELECT id FROM entity_redirects WHERE entity_id = ?", (entity_id,))
    return [entity_id, *(str(r[0]) for r in rows)]


def _names(store: SQLiteStore, ids: Sequence[str]) -> dict[str, str]:
    """Each entity's corpus name: its fact's name when linked, else its most written form."""
    if not ids:
        return {}
    rows = store.select(
        "SELECT r.id, c.name FROM (SELECT value AS id FROM json_each(?)) AS r"
        " JOIN corpus_entities AS c"
        " ON c.id = coalesce((SELECT entity_id FROM entity_redirects WHERE id = r.id), r.id)",
        (json.dumps(list(ids)),),
    )
    return {str(i): str(name) for i, name in rows}


_SUMMARY_COLUMNS = "id, name, label, wikidata, articles, mentions, first_seen, last_seen"


def _summaries(
    store: SQLiteStore, rows: Sequence[Sequence[Any]], language: str | None = None
) -> tuple[EntitySummary, ...]:
    """Summaries of corpus entity rows (``_SUMMARY_COLUMNS``) with their other written forms,
    the most written first; named for a reader of ``language`` when given (the form articles
    in that language write most, the canonical name then first of the aliases)."""
    ids = [str(r[0]) for r in rows]
    shown = display_names(store.select, ids, language)
    names = {str(r[0]): shown.get(str(r[0]), r[1]) for r in rows}
    aliases: dict[str, list[str]] = {
        i: [str(r[1])] if names[i] != r[1] else [] for i, r in zip(ids, rows, strict=True)
    }
    if ids:
        for entity_id, alias in store.select(
            f"SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN {_in(ids)}"
            " GROUP BY entity_id, alias ORDER BY entity_id, sum(mentions) DESC, alias",
            ids,
        ):
            if alias != names[entity_id] and alias not in aliases[entity_id]:
                aliases[entity_id].append(alias)
    return tuple(
        EntitySummary(
            id=entity_id,
            name=names[entity_id],
            label=label,
            aliases=tuple(aliases[entity_id]),
            articles=int(n_articles),
            mentions=int(n_mentions),
            first_seen=first,
            last_seen=last,
            wikidata=wikidata,
        )
        for entity_id, _, label, wikidata, n_articles, n_mentions, first, last in rows
    )


def entities(
    store: SQLiteStore,
    label: str | None = None,
    page: int = 1,
    per_page: int = 20,
    language: str | None = None,
) -> EntityPage:
    """Entities across all articles, the most mentioned first; ``label`` keeps one kind;
    named for a reader of ``language``. Computed once per state of the store."""
    key = ("entities", str(store.path), label, page, per_page, language, *store_state(store))
    return cached(key, lambda: _entities(store, label, page, per_page, language))


def _entities(
    store: SQLiteStore, label: str | None, page: int, per_page: int, language: str | None
) -> EntityPage:
    where, params = ("label = ?", [label]) if label is not None else ("1", [])
    rows = store.select(
        f"SELECT {_SUMMARY_COLUMNS} FROM corpus_entities WHERE {where}"
        " ORDER BY mentions DESC, articles DESC, name, id LIMIT ? OFFSET ?",
        (*params, per_page, offset_of(page, per_page)),
    )
    (total,) = store.select(f"SELECT count(*) FROM corpus_entities WHERE {where}", params)[0]
    return EntityPage(_summaries(store, rows, language), int(total), page, per_page)


def entity(
    store: SQLiteStore,
    entity_id: str,
    page: int = 1,
    per_page: int = 20,
    language: str | None = None,
) -> EntityDetail | None:
    """One entity: its names, the articles naming it (newest first), the entities named in
    the same articles (most shared first) and how many quotations it said; None when unknown.
    An id merged into another entity (a lone surname) gives that entity. Names are those a
    reader of ``language`` knows them by (see ``_summaries``)."""
    entity_id = _canonical(store, entity_id)
    rows = store.select(
        f"SELECT {_SUMMARY_COLUMNS} FROM corpus_entities WHERE id = ?", (entity_id,)
    )
    if not rows:
        return None
    (found,) = _summaries(store, rows, language)
    ids = members(store, entity_id)
    named = f"EXISTS (SELECT 1 FROM entities AS e WHERE e.article_id = a.id AND e.id IN {_in(ids)})"
    articles_rows = store.select(
        f"SELECT {ARTICLE_COLUMNS} FROM articles AS a WHERE {named}"
        f" ORDER BY {NEWEST} LIMIT ? OFFSET ?",
        (*ids, per_page, offset_of(page, per_page)),
    )
    # Other entities of the same articles, each counted once per article under its corpus
    # id; ties on shared articles go to the one mentioned most in them.
    shared = store.select(
        "SELECT c.id, c.label, count(DISTINCT o.article_id) AS n, sum(m.n) AS w"
        " FROM entities AS e JOIN entities AS o ON o.article_id = e.article_id"
        " JOIN corpus_entities AS c"
        " ON c.id = coalesce((SELECT entity_id FROM entity_redirects WHERE id = o.id), o.id)"
        " JOIN (SELECT article_id, entity_id, count(*) AS n FROM mentions"
        "       GROUP BY article_id, entity_id) AS m"
        " ON m.article_id = o.article_id AND m.entity_id = o.id"
        f" WHERE e.id IN {_in(ids)} AND c.id != ?"
        " GROUP BY c.id, c.label ORDER BY n DESC, w DESC, c.id LIMIT ?",
        (*ids, entity_id, CO_MENTIONED),
    )
    names = _names(store, [r[0] for r in shared])
    names.update(display_names(store.select, list(names), language))
    (said,) = store.select(f"SELECT count(*) FROM quotes WHERE speaker_id IN {_in(ids)}", ids)[0]
    return EntityDetail(
        entity=found,
        articles=ArticlePage(
            tuple(article_row(r) for r in articles_rows), found.articles, page, per_page
        ),
        co_mentioned=tuple(CoMention(i, names[i], label, int(n)) for i, label, n, _ in shared),
        quotes=int(said),
    )


def speaker(
    store: SQLiteStore, entity_id: str, page: int = 1, per_page: int = 20
) -> SpeakerDetail | None:
    """A person's quotations newest first, how many per day and per outlet; None when the id
    is neither a known entity nor the speaker of any quotation."""
    entity_id = _canonical(store, entity_id)
    ids = members(store, entity_id)
    said = store.select(
        f"SELECT speaker, count(*) AS n FROM quotes WHERE speaker_id IN {_in(ids)}"
        " AND speaker IS NOT NULL GROUP BY speaker ORDER BY n DESC, speaker LIMIT 1",
        ids,
    )
    name = said[0][0] if said else _names(store, [entity_id]).get(entity_id)
    if name is None:
        return None
    joined = (
        "FROM quotes AS q JOIN articles AS a ON a.id = q.article_id"
        f" WHERE q.speaker_id IN {_in(ids)}"
    )
    timeline = store.select(
        f"SELECT substr(a.published, 1, 10) AS day, count(*) {joined}"
        " AND a.published IS NOT NULL GROUP BY day ORDER BY day",
        ids,
    )
    outlets = store.select(
        f"SELECT {SOURCE} AS k, count(*) AS n {joined} GROUP BY k ORDER BY n DESC, k",
        ids,
    )
    return SpeakerDetail(
        id=entity_id,
        name=name,
        quotes=quotes(store, Filters(speaker=entity_id), page, per_page)
        if ENTITY_ID.fullmatch(entity_id)
        else QuotePage((), 0, page, per_page),
        timeline=counts_of(timeline),
        outlets=counts_of(outlets),
    )


# --- places and home ------------------------------------------------------------------------


def places(
    store: SQLiteStore, page: int = 1, per_page: int = 20, filters: Filters = Filters()
) -> PlacePage:
    """Places across the articles ``filters`` keep (its speaker aside), the most cited first,
    each with its most frequent name and location. Computed once per state of the store."""
    key = ("places", str(store.path), page, per_page, filters, *store_state(store))
    return cached(key, lambda: _places(store, page, per_page, filters))


def _places(store: SQLiteStore, page: int, per_page: int, filters: Filters) -> PlacePage:
    clauses, params = article_where(replace(filters, speaker=None))
    where = " AND ".join(clauses)
    rows = store.select(
        "SELECT p.entity_id, p.name, p.lat, p.lon, p.country_code,"
        " count(DISTINCT p.article_id) AS n"
        " FROM places AS p JOIN articles AS a ON a.id = p.article_id"
        f" WHERE {where} GROUP BY 1, 2, 3, 4, 5 ORDER BY n DESC",
        params,
    )
    best: dict[str, tuple[Any, ...]] = {}
    cited: Counter[str] = Counter()
    for row in rows:
        best.setdefault(row[0], row)
        cited[row[0]] += int(row[5])
    ranked = sorted(best, key=lambda i: (-cited[i], best[i][1], i))
    offset = offset_of(page, per_page)
    items = tuple(
        PlaceSummary(i, best[i][1], best[i][2], best[i][3], best[i][4], cited[i])
        for i in ranked[offset : offset + per_page]
    )
    return PlacePage(items, len(ranked), page, per_page)


def store_state(store: SQLiteStore) -> tuple[int, ...]:
    """A key that changes whenever the store's files change (the database and its WAL):
    corpus-wide summaries are computed once per state of the store, not once per request."""
    state: list[int] = []
    for suffix in ("", "-wal"):
        try:
            stat = os.stat(f"{store.path}{suffix}")
        except OSError:
            state += [0, 0]
        else:
            state += [stat.st_mtime_ns, stat.st_size]
    return tuple(state)


T = TypeVar("T")
# Results computed for a state of the store, the least recently used dropped first. A result
# is kept in a one-item tuple, so that None is a result like any other.
CACHE_SIZE = 1024
_CACHE: Recent[tuple[Any, ...], tuple[Any]] = Recent(CACHE_SIZE)


def cached(key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave last time for ``key`` (which holds the store's state)."""
    found = _CACHE.get(key)
    if found is not None:
        return cast(T, found[0])
    value = compute()
    _CACHE.put(key, (value,))
    return value


def home(store: SQLiteStore, language: str | None = None) -> Home:
    """What the front page shows: counts, the latest articles, the most quoted speakers and
    the most mentioned entities (named for a reader of ``language``); computed once per state
    of the store."""
    key = ("home", str(store.path), language, *store_state(store))
    return cached(key, lambda: _home(store, language))


def _home(store: SQLiteStore, language: str | None) -> Home:
    counts = store.select(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes),"
        " (SELECT count(*) FROM corpus_entities),"
        " (SELECT count(DISTINCT language) FROM articles)"
    )[0]
    # Quotations of ids merged into a person count as that person's.
    top = store.select(
        "SELECT coalesce(r.entity_id, q.speaker_id) AS sid, count(*) AS n FROM quotes AS q"
        " LEFT JOIN entity_redirects AS r ON r.id = q.speaker_id"
        " WHERE q.speaker_id IS NOT NULL GROUP BY sid ORDER BY n DESC, sid LIMIT ?",
        (HOME_ITEMS,),
    )
    names = _names(store, [r[0] for r in top])
    speakers = []
    for speaker_id, n in top:
        name = names.get(speaker_id)
        if name is None:
            (name,) = store.select(
                "SELECT ifnull(speaker, speaker_mention) AS s FROM quotes WHERE speaker_id = ?"
                " GROUP BY s ORDER BY count(*) DESC, s LIMIT 1",
                (speaker_id,),
            )[0]
        speakers.append(SpeakerCount(speaker_id, name or speaker_id, int(n)))
    return Home(
        counts=Totals(*(int(c) for c in counts)),
        latest=articles(store, Filters(), 1, HOME_ITEMS).items,
        speakers=tuple(speakers),
        entities=entities(store, None, 1, HOME_ITEMS, language).items,
    )
