"""The embedded default store: one SQLite file, WAL journal, FTS5 full-text index.

Several processes may read while one writes: under WAL a reader sees the last committed state
and never a half-written article, because ``put`` writes each record in one transaction (and
``put_many`` a batch in one, each record under a savepoint).
"""

from __future__ import annotations

import sqlite3
import string
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from types import TracebackType
from typing import Any, Self, cast

from newsdesk.errors import NotFound, StoreError, UsageError
from newsdesk.records import Analysis, Origin, Quote, Source
from newsdesk.store import corpus_queries, grams, schema
from newsdesk.store.base import (
    MIN_ID_PREFIX,
    CorpusEntity,
    EntityDetail,
    PutResult,
    Query,
    QuoteHit,
    SearchHit,
    SnippetPart,
    Stats,
    check_page,
    parse_language,
    parse_query,
    parse_since,
    speaker_words,
)

# Snippet match marks: control characters, which clean article text does not contain.
MATCH_START = "\x02"
MATCH_END = "\x03"
SNIPPET_ELLIPSIS = "…"
SNIPPET_TOKENS = 32
# bm25 column weights (title, text, quotes): a word in the title says more about what the
# article is about than one in the body. Quotations are part of the body already.
RANK_WEIGHTS = (10.0, 1.0, 0.5)
# Seconds a writer waits for another process's write lock before giving up.
BUSY_TIMEOUT = 30.0

_HEX = frozenset(string.hexdigits)
_DataError = (sqlite3.Error, UnicodeEncodeError, OverflowError)


# Memory a read-only connection may map and cache (see _connect_read_only).
READER_MMAP_BYTES = 1 << 30
READER_CACHE_KIB = 32 * 1024
# The writing connection's page cache, and the pages its journal (WAL) grows to before they
# are copied into the file (SQLite's default: 1,000, about 4 MiB).
WRITER_CACHE_KIB = 64 * 1024
WRITER_CHECKPOINT_PAGES = 8000


def _connect_read_only(path: str | Path) -> tuple[sqlite3.Connection, str]:
    name = str(path)
    if name == ":memory:" or not Path(path).is_file():
        raise StoreError("no database here: nothing to open read-only", input=name)
    try:
        # mode=ro: SQLite itself refuses every write, whatever the code above it does.
        conn = sqlite3.connect(
            Path(path).resolve().as_uri() + "?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=False,
            timeout=BUSY_TIMEOUT,
        )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store read-only: {exc}", input=name) from exc
    try:
        conn.execute("PRAGMA query_only = ON")
        # Readers serve many lookups by key (an article per search hit): the file mapped in
        # memory is shared by every connection of the process, and a larger page cache keeps
        # the index pages a search walks.
        conn.execute(f"PRAGMA mmap_size = {READER_MMAP_BYTES}")
        conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = schema.schema_version(conn)
    except sqlite3.Error as exc:
        conn.close()
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise StoreError(f"is not a SQLite database ({exc})", input=name) from exc
        raise StoreError(f"cannot open the store read-only: {exc}", input=name) from exc
    if app_id != schema.APPLICATION_ID or version == 0:
        conn.close()
        raise StoreError("is not a newsdesk store", input=name)
    if version != schema.SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"is at schema version {version}, this newsdesk reads version "
            f"{schema.SCHEMA_VERSION}: open it once for writing (newsdesk ingest) to upgrade it",
            input=name,
        )
    return conn, name


def _connect(path: str | Path) -> tuple[sqlite3.Connection, str]:
    name = str(path)
    if name != ":memory:":
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store's folder: {exc}", input=name) from exc
    try:
        # Autocommit mode: transactions are opened explicitly, so their extent is exactly the
        # code between BEGIN and COMMIT. The lock in SQLiteStore serializes use across threads.
        conn = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT
        )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store: {exc}", input=name) from exc
    try:
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        # Under WAL, NORMAL loses no committed data on a crash, only on power loss.
        conn.execute("PRAGMA synchronous = NORMAL")
        # The writer touches the same index pages article after article (the story features,
        # the corpus entities): held in its own cache, they are not read again from the file.
        conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
        # Pages written many times between two checkpoints are copied into the file once.
        conn.execute(f"PRAGMA wal_autocheckpoint = {WRITER_CHECKPOINT_PAGES}")
    except sqlite3.Error as exc:
        conn.close()
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise StoreError(f"is not a SQLite database ({exc})", input=name) from exc
        raise StoreError(f"cannot open the store: {exc}", input=name) from exc
    return conn, name


def write_record(conn: sqlite3.Connection, analysis: Analysis, *, relate: bool = True) -> PutResult:
    """Write one record inside the caller's transaction; ``relate=False`` leaves its copies,
    story and statements out (a bulk load of synthetic articles that would all relate)."""
    article = analysis.article
    if schema.exists(conn, article.id):
        schema.insert_origins(conn, article.id, article.origins)
        return "present"
    seq = schema.insert_article(conn, article)
    schema.insert_origins(conn, article.id, article.origins)
    schema.insert_entities(conn, article.id, analysis.entities)
    schema.insert_quotes(conn, article.id, analysis.quotes)
    schema.insert_places(conn, article.id, analysis.places)
    schema.insert_dates(conn, article.id, analysis.dates)
    schema.record_corpus_entities(conn, seq, analysis)
    if relate:
        schema.record_relations(conn, seq, analysis)
    schema.index_text(conn, seq)
    return "stored"


class SQLiteStore:
    """A store in one SQLite file, created (with its folders) when missing.

    With ``read_only`` the file must exist and be at the current schema version; it is opened
    with SQLite's ``mode=ro``, so nothing can be written through this store.

    >>> with SQLiteStore(":memory:") as store:
    ...     store.stats().articles
    0
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._readers = threading.local()
        self._lock = threading.RLock()
        if read_only:
            # Never created nor migrated: a reader must not change the file it reads.
            self._conn, self._name = _connect_read_only(path)
            self.migrations_applied: tuple[int, ...] = ()
            return
        self._conn, self._name = _connect(path)
        try:
            self.migrations_applied = tuple(schema.migrate(self._conn, self._name))
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(f"cannot prepare the store: {exc}", input=self._name) from exc
        except BaseException:
            self._conn.close()
            raise

    # --- lifetime ---------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database file; closing twice is harmless."""
        with self._lock:
            self._conn.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        with self._lock, self._errors("cannot read the schema version"):
            return schema.schema_version(self._conn)

    @property
    def journal_mode(self) -> str:
        """The journal mode in use (``"wal"`` for files, ``"memory"`` in memory)."""
        with self._lock, self._errors("cannot read the journal mode"):
            return str(self._conn.execute("PRAGMA journal_mode").fetchone()[0])

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except _DataError as exc:
            raise StoreError(f"{action}: {exc}", input=self._name) from exc

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front: a deferred transaction that later writes can
        # fail with SQLITE_BUSY when another process wrote in between. A read transaction
        # pins one snapshot, so a multi-query read never mixes two states of the file.
        self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield self._conn
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # --- writing ----------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        """Whether an article with exactly this id is stored."""
        with self._lock, self._errors("cannot read the store"):
            return schema.exists(self._conn, article_id)

    def add_origins(self, article_id: str, origins: Iterable[Origin]) -> int:
        """Record more origins of a stored article; returns how many were new.

        Raises ``NotFound`` when no article has this id."""
        origins = tuple(origins)
        with (
            self._lock,
            self._errors(f"cannot record origins of {article_id}"),
            self._transaction(write=True) as conn,
        ):
            if not schema.exists(conn, article_id):
                raise NotFound(f"no article with id {article_id} in the store", input=self._name)
            return schema.insert_origins(conn, article_id, origins)

    def put(self, analysis: Analysis) -> PutResult:
        """Store the whole record in one transaction: all of it or, on any failure, nothing.

        When the id is already stored, records only the origins not yet known and returns
        ``"present"``."""
        article = analysis.article
        with (
            self._lock,
            self._errors(f"cannot store article {article.id}"),
            self._transaction(write=True) as conn,
        ):
            return write_record(conn, analysis)

    def put_many(self, analyses: Iterable[Analysis]) -> list[PutResult | StoreError]:
        """Store several records in one transaction, each whole or not at all.

        Each record is written under a savepoint of its own: one that fails is rolled back
        alone and its slot of the answer is the error, the others are committed together.
        One commit for many records is what makes a batch cheap: the full-text index flushes
        its pending terms once, and the journal is written once."""
        results: list[PutResult | StoreError] = []
        with (
            self._lock,
            self._errors("cannot store a batch of articles"),
            self._transaction(write=True) as conn,
        ):
            for analysis in analyses:
                conn.execute("SAVEPOINT record")
                try:
                    results.append(write_record(conn, analysis))
                except _DataError as exc:
                    conn.execute("ROLLBACK TO record")
                    message = f"cannot store article {analysis.article.id}: {exc}"
                    results.append(StoreError(message, input=self._name))
                conn.execute("RELEASE record")
        return results

    # --- reading ----------------------------------------------------------------------------

    def get(self, article_id: str) -> Analysis | None:
        """The record with this id, or with this unique id prefix of at least 8 hex digits.

        Raises ``UsageError`` for a prefix that is too short or matches several articles."""
        with (
            self._lock,
            self._errors(f"cannot read article {article_id}"),
            self._transaction(write=False) as conn,
        ):
            found = _resolve_id(conn, article_id)
            return None if found is None else schema.read_analysis(conn, found)

    def search(
        self,
        query: str,
        *,
        language: str | None = None,
        since: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Articles matching ``query`` (see ``newsdesk.store.base.parse_query``), best first,
        ranked by bm25 with the title weighted above the text; ``language`` is matched exactly,
        ``since`` keeps articles published on or after that ISO date."""
        check_page(limit, offset)
        match, filters, params = _search_clause(query, language, since)
        if match is None:
            return []
        sql = f"""
            SELECT a.id, a.title, a.published, a.language, a.source_name, a.source_domain,
                   snippet(articles_fts, 1, ?, ?, ?, ?) AS snippet,
                   bm25(articles_fts, ?, ?, ?) AS rank
              FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid
             WHERE articles_fts MATCH ? {filters}
             ORDER BY rank, a.seq
             LIMIT ? OFFSET ?
        """
        head = (MATCH_START, MATCH_END, SNIPPET_ELLIPSIS, SNIPPET_TOKENS, *RANK_WEIGHTS, match)
        with self._lock, self._errors(f"cannot search for {query!r}"):
            rows = self._conn.execute(sql, (*head, *params, limit, offset)).fetchall()
        return [
            SearchHit(
                id=row[0],
                title=row[1],
                published=row[2],
                language=row[3],
                source=Source(name=row[4], domain=row[5]),
                snippet=split_snippet(row[6]),
                score=-float(row[7]),
            )
            for row in rows
        ]

    def search_count(
        self, query: str, *, language: str | None = None, since: str | None = None
    ) -> int:
        """How many articles ``search`` finds for these arguments, without limit and offset."""
        match, filters, params = _search_clause(query, language, since)
        if match is None:
            return 0
        sql = f"""
            SELECT count(*)
              FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid
             WHERE articles_fts MATCH ? {filters}
        """
        with self._lock, self._errors(f"cannot search for {query!r}"):
            return int(self._conn.execute(sql, (match, *params)).fetchone()[0])

    def quotes(
        self,
        speaker: str | None = None,
        *,
        language: str | None = None,
        since: str | None = None,
        min_confidence: float | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[QuoteHit]:
        """Quotations of the newest articles first (undated last), in the order of the article's
        text; filters as in ``newsdesk.store.base.Store.quotes``."""
        check_page(limit, offset, "quotes")
        filters, params = _quote_filters(speaker, language, since, min_confidence)
        sql = f"""
            SELECT {_QUOTE_COLUMNS}, {QuoteHit.ARTICLE_COLUMNS}
              FROM quotes AS q JOIN articles AS a ON a.id = q.article_id
             WHERE {filters}
             ORDER BY a.published IS NULL, a.published DESC, a.seq, q.start, q.position
             LIMIT ? OFFSET ?
        """
        with self._lock, self._errors("cannot read quotations"):
            rows = self._conn.execute(sql, (*params, limit, offset)).fetchall()
        return [QuoteHit.from_row(row) for row in rows]

    def quotes_count(
        self,
        speaker: str | None = None,
        *,
        language: str | None = None,
        since: str | None = None,
        min_confidence: float | None = None,
    ) -> int:
        """How many quotations ``quotes`` finds for these arguments, without limit and offset."""
        filters, params = _quote_filters(speaker, language, since, min_confidence)
        sql = f"""
            SELECT count(*) FROM quotes AS q JOIN articles AS a ON a.id = q.article_id
             WHERE {filters}
        """
        with self._lock, self._errors("cannot count quotations"):
            return int(self._conn.execute(sql, params).fetchone()[0])

    def select(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one parameterized ``SELECT`` (or ``WITH … SELECT``), read in one
        snapshot: the way readers such as the web layer ask questions the protocol has no
        method for. Values always go in ``params``, never into ``sql``.

        Raises ``UsageError`` for a statement that is not a query.

        >>> with SQLiteStore(":memory:") as store:
        ...     store.select("SELECT count(*) FROM articles WHERE language = ?", ("fr",))
        [(0,)]
        """
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if head not in ("SELECT", "WITH"):
            raise UsageError(f"select: only queries are run here, not {head or 'nothing'}")
        if self.read_only:
            # A read-only store gives each thread its own connection: the web server's
            # requests read in parallel instead of queueing behind one lock.
            with self._errors("cannot read the store"):
                conn = self._reader()
                return [tuple(row) for row in conn.execute(sql, tuple(params)).fetchall()]
        with (
            self._lock,
            self._errors("cannot read the store"),
            self._transaction(write=False) as conn,
        ):
            return [tuple(row) for row in conn.execute(sql, tuple(params)).fetchall()]

    def _reader(self) -> sqlite3.Connection:
        """This thread's read-only connection (opened on first use)."""
        conn: sqlite3.Connection | None = getattr(self._readers, "conn", None)
        if conn is None:
            conn, _ = _connect_read_only(self.path)
            self._readers.conn = conn
        return conn

    def stats(self) -> Stats:
        """Counts of articles and of everything found in them, per language and per source,
        and the range of publication dates."""
        with (
            self._lock,
            self._errors("cannot count the store"),
            self._transaction(write=False) as conn,
        ):

            def count(table: str) -> int:
                return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

            def grouped(key: str) -> tuple[tuple[str, int], ...]:
                rows = conn.execute(
                    f"SELECT {key} AS k, count(*) AS n FROM articles GROUP BY k ORDER BY n DESC, k"
                ).fetchall()
                return tuple((str(k), int(n)) for k, n in rows)

            first, last = conn.execute(
                "SELECT min(published), max(published) FROM articles"
            ).fetchone()
            return Stats(
                articles=count("articles"),
                origins=count("origins"),
                entities=count("entities"),
                mentions=count("mentions"),
                quotes=count("quotes"),
                places=count("places"),
                dates=count("dates"),
                languages=grouped("ifnull(language, 'unknown')"),
                sources=grouped("coalesce(source_name, source_domain, 'unknown')"),
                first_published=first,
                last_published=last,
            )

    # --- entities across the corpus ----------------------------------------------------------

    def entities(
        self,
        label: str | None = None,
        limit: int = 50,
        offset: int = 0,
        *,
        language: str | None = None,
    ) -> list[CorpusEntity]:
        """Entities across the corpus, most mentioned first; ``label`` keeps one kind (PER,
        ORG, LOC, MISC); ``language`` names each as articles in that language write it most.
        See ``newsdesk.store.corpus``."""
        with (
            self._lock,
            self._errors("cannot read the entities"),
            self._transaction(write=False) as conn,
        ):
            return corpus_queries.list_entities(conn, label, limit, offset, language)

    def entity(
        self, name_or_id: str, *, limit: int = 100, language: str | None = None
    ) -> EntityDetail | None:
        """The corpus entity with this id (or one merged into it), name or form, accents and
        case ignored, with up to ``limit`` of its articles (newest first) and quotations;
        named as articles in ``language`` write it most."""
        with (
            self._lock,
            self._errors(f"cannot read entity {name_or_id!r}"),
            self._transaction(write=False) as conn,
        ):
            return corpus_queries.entity_detail(conn, name_or_id, limit, language)


def split_snippet(marked: str | None) -> tuple[SnippetPart, ...]:
    """Cut a snippet marked with ``MATCH_START``/``MATCH_END`` into parts.

    >>> split_snippet("la \\x02guerre\\x03 en")
    (SnippetPart(text='la ', match=False), SnippetPart(text='guerre', match=True), \
SnippetPart(text=' en', match=False))
    """
    parts: list[SnippetPart] = []
    for i, chunk in enumerate((marked or "").split(MATCH_START)):
        inside, _, after = chunk.partition(MATCH_END) if i else ("", "", chunk)
        parts.extend(SnippetPart(t, m) for t, m in ((inside, True), (after, False)) if t)
    return tuple(parts)


def fts_query(query: Query) -> str:
    """The FTS5 expression for a parsed query: every term quoted, so nothing a person types
    is read as FTS5 syntax."""

    def term(text: str, prefix: bool) -> str:
        if grams.has_cjk(text):  # Chinese, Japanese, Korean: the phrase of its character pairs
            runs, others = grams.split_term(text)
            found = [
                f'grams : "{" ".join(grams.pairs(run))}"' + ("*" if len(run) == 1 else "")
                for run in runs
            ]
            return " ".join(found + [term(other, prefix) for other in others])
        quoted = '"' + text.replace('"', '""') + '"'
        return quoted + "*" if prefix else quoted

    return " OR ".join(
        "(" + " ".join(term(t.text, t.prefix) for t in group) + ")" for group in query.groups
    )


def _search_clause(
    query: str, language: str | None, since: str | None
) -> tuple[str | None, str, tuple[Any, ...]]:
    parsed = parse_query(query)
    filters, params = "", cast(tuple[Any, ...], ())
    if language is not None:
        filters, params = " AND a.language = ?", (parse_language(language),)
    if since is not None:
        filters, params = filters + " AND a.published >= ?", (*params, parse_since(since))
    return (fts_query(parsed) if parsed.groups else None), filters, params


_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))
_QUOTE_COLUMNS = ", ".join(f'q."{name}"' for name in _QUOTE_FIELDS)


def _quote_filters(
    speaker: str | None,
    language: str | None,
    since: str | None,
    min_confidence: float | None = None,
) -> tuple[str, tuple[Any, ...]]:
    clauses, params = ["1"], list[Any]()
    if speaker is not None:
        # Whole words: the key padded with spaces contains " word ". instr, not LIKE, so a
        # '%' or '_' typed in a name is a character like any other, never a wildcard.
        for word in speaker_words(speaker):
            clauses.append("instr(' ' || q.speaker_key || ' ', ?) > 0")
            params.append(f" {word} ")
    if language is not None:
        clauses.append("a.language = ?")
        params.append(parse_language(language))
    if since is not None:
        clauses.append("a.published >= ?")
        params.append(parse_since(since))
    if min_confidence is not None:
        if not 0.0 <= min_confidence <= 1.0:
            raise UsageError(f"a confidence is between 0 and 1, not {min_confidence}")
        clauses.append("q.confidence >= ? AND (q.speaker IS NULL OR q.speaker_confidence >= ?)")
        params += [min_confidence, min_confidence]
    return " AND ".join(clauses), tuple(params)


# --- reading a record back ------------------------------------------------------------------


def _resolve_id(conn: sqlite3.Connection, article_id: str) -> str | None:
    if schema.exists(conn, article_id):
        return article_id
    prefix = article_id.lower()
    if not prefix or not set(prefix) <= _HEX:
        return None
    if len(prefix) < MIN_ID_PREFIX:
        raise UsageError(
            f"id prefix {article_id!r} is too short: give at least {MIN_ID_PREFIX} hex digits"
        )
    # GLOB is case-sensitive and can use the id index; a hex prefix holds no wildcard.
    rows = conn.execute(
        "SELECT id FROM articles WHERE id GLOB ? ORDER BY id LIMIT 2", (prefix + "*",)
    ).fetchall()
    if len(rows) > 1:
        raise UsageError(f"id prefix {article_id!r} matches several articles: give more digits")
    return str(rows[0][0]) if rows else None
