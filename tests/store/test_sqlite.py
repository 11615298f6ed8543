"""What is particular to the SQLite store: the file, its schema and migrations, concurrency,
and tables other tools can read."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import fields
from datetime import datetime
from pathlib import Path

import pytest

from newsdesk.errors import StoreError
from newsdesk.records import Analysis, DateExpression, Mention, Origin, Place, Quote
from newsdesk.store import SQLiteStore, schema
from newsdesk.store.base import parse_query
from newsdesk.store.sqlite import MATCH_END, MATCH_START, fts_query, split_snippet

TABLES = ("articles", "authors", "origins", "entities", "mentions", "quotes", "places", "dates")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "deep" / "folder" / "newsdesk.db"


@pytest.fixture
def opened(db: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(db) as store:
        yield store


def _raw(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(db, isolation_level=None)


def _row_counts(db: Path) -> dict[str, int]:
    conn = _raw(db)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


# --- the file -------------------------------------------------------------------------------


def test_open_creates_missing_parent_folders(opened: SQLiteStore, db: Path) -> None:
    assert db.is_file()


def test_open_uses_wal_journal(opened: SQLiteStore, db: Path) -> None:
    assert opened.journal_mode == "wal"
    assert _raw(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_writer_keeps_its_index_pages_cached_and_checkpoints_seldom(
    opened: SQLiteStore, db: Path
) -> None:
    conn = opened._conn
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == -64 * 1024
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 8000
    # Settings of the writing connection, not of the file: another one has SQLite's own.
    assert _raw(db).execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000


def test_open_turns_foreign_keys_on(opened: SQLiteStore) -> None:
    # A per-connection setting: only the store's own connection can tell.
    assert opened._conn.execute("PRAGMA foreign_keys").fetchone() == (1,)


def test_open_something_not_sqlite_raises_store_error_naming_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Ceci n'est pas une base de données.\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="not a SQLite database") as caught:
        SQLiteStore(path)
    assert str(path) in str(caught.value)


def test_open_folder_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        SQLiteStore(tmp_path)
    assert str(tmp_path) in str(caught.value)


@pytest.mark.parametrize(
    "setup",
    ["CREATE TABLE recipes (name TEXT)", "PRAGMA application_id = 1598903374"],
    ids=["foreign-tables", "foreign-application-id"],
)
def test_open_other_applications_database_raises_store_error(tmp_path: Path, setup: str) -> None:
    path = tmp_path / "other.db"
    conn = _raw(path)
    conn.execute(setup)
    before = conn.execute("SELECT name FROM sqlite_master").fetchall()
    conn.close()
    with pytest.raises(StoreError, match="not a newsdesk store"):
        SQLiteStore(path)
    assert _raw(path).execute("SELECT name FROM sqlite_master").fetchall() == before


def test_open_database_of_newer_schema_raises_store_error(db: Path) -> None:
    SQLiteStore(db).close()
    conn = _raw(db)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer newsdesk") as caught:
        SQLiteStore(db)
    assert str(db) in str(caught.value)


def test_store_works_in_memory() -> None:
    with SQLiteStore(":memory:") as store:
        assert store.stats().articles == 0


# --- migrations -----------------------------------------------------------------------------


def test_fresh_file_applies_every_migration_in_order(opened: SQLiteStore) -> None:
    assert opened.migrations_applied == tuple(range(1, schema.SCHEMA_VERSION + 1))
    assert opened.schema_version == schema.SCHEMA_VERSION


def test_second_open_applies_no_migration(db: Path) -> None:
    SQLiteStore(db).close()
    with SQLiteStore(db) as again:
        assert again.migrations_applied == ()


def test_new_migration_applies_on_top_of_current_file(
    db: Path, monkeypatch: pytest.MonkeyPatch, seed_analysis: Analysis
) -> None:
    with SQLiteStore(db) as store:
        store.put(seed_analysis)
    extra = ("ALTER TABLE articles ADD COLUMN section TEXT",)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, extra))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    with SQLiteStore(db) as store:
        assert store.migrations_applied == (schema.SCHEMA_VERSION,)
        assert store.get(seed_analysis.article.id) == seed_analysis


def test_failing_migration_leaves_file_at_previous_version(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = (*schema.MIGRATIONS[0], "CREATE TABLE broken (")
    monkeypatch.setattr(schema, "MIGRATIONS", (broken,))
    with pytest.raises(StoreError):
        SQLiteStore(db)
    conn = _raw(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


# --- all or nothing -------------------------------------------------------------------------

WRITE_STEPS = (
    "insert_origins",
    "insert_entities",
    "insert_quotes",
    "insert_places",
    "insert_dates",
    "index_text",
)


@pytest.mark.parametrize("step", WRITE_STEPS)
def test_put_failing_at_any_step_leaves_no_row(
    opened: SQLiteStore,
    db: Path,
    seed_analysis: Analysis,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
) -> None:
    def fail(*args: object) -> None:
        raise RuntimeError(f"{step} failed")

    monkeypatch.setattr(schema, step, fail)
    with pytest.raises(RuntimeError, match=step):
        opened.put(seed_analysis)
    assert set(_row_counts(db).values()) == {0}
    assert opened.search("otan") == []


def test_reader_never_sees_half_written_article(
    db: Path, seed_analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    midway, resume = threading.Event(), threading.Event()
    insert_dates = schema.insert_dates

    def paused(*args: object) -> None:
        insert_dates(*args)  # type: ignore[arg-type]
        midway.set()
        resume.wait(timeout=60)

    monkeypatch.setattr(schema, "insert_dates", paused)
    with SQLiteStore(db) as writer, SQLiteStore(db) as reader:
        thread = threading.Thread(target=writer.put, args=(seed_analysis,))
        thread.start()
        try:
            assert midway.wait(timeout=60)
            seen_midway = (
                reader.has(seed_analysis.article.id),
                reader.get(seed_analysis.article.id),
                reader.search("otan"),
                reader.stats().entities,
            )
        finally:
            resume.set()
            thread.join()
        assert seen_midway == (False, None, [], 0)
        assert reader.get(seed_analysis.article.id) == seed_analysis


def test_two_stores_on_one_file_see_each_others_writes(db: Path, seed_analysis: Analysis) -> None:
    with SQLiteStore(db) as first, SQLiteStore(db) as second:
        first.put(seed_analysis)
        assert second.put(seed_analysis) == "present"


# --- tables other tools read ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "record"),
    [
        ("origins", Origin),
        ("quotes", Quote),
        ("places", Place),
        ("dates", DateExpression),
        ("mentions", Mention),
    ],
)
def test_table_has_a_column_per_record_field(
    opened: SQLiteStore, db: Path, table: str, record: type
) -> None:
    names = [f.name for f in fields(record)]
    columns = [row[1] for row in _raw(db).execute(f"PRAGMA table_info({table})")]
    assert [c for c in columns if c in names] == names


def test_article_columns_are_readable_as_plain_sql(
    opened: SQLiteStore, db: Path, seed_analysis: Analysis
) -> None:
    opened.put(seed_analysis)
    row = (
        _raw(db)
        .execute("SELECT id, title, published, language, source_domain, text FROM articles")
        .fetchone()
    )
    a = seed_analysis.article
    assert row == (a.id, a.title, a.published, a.language, a.source.domain, a.text)


def test_speaker_of_quote_is_readable_as_plain_sql(
    opened: SQLiteStore, db: Path, seed_analysis: Analysis
) -> None:
    opened.put(seed_analysis)
    rows = _raw(db).execute(
        "SELECT q.speaker, e.label FROM quotes AS q JOIN entities AS e"
        " ON e.article_id = q.article_id AND e.id = q.speaker_id"
    )
    assert rows.fetchall() == [("Jens Stoltenberg", "PER")]


def test_full_text_index_passes_integrity_check(
    opened: SQLiteStore, db: Path, seed_analysis: Analysis
) -> None:
    opened.put(seed_analysis)
    conn = _raw(db)
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    assert opened.search("otan")


def test_full_text_index_survives_vacuum(
    opened: SQLiteStore, db: Path, seed_analysis: Analysis, analysis_of: Callable[..., Analysis]
) -> None:
    gone = analysis_of("Un texte qui sera retiré avant le nettoyage du fichier.")
    opened.put(gone)
    opened.put(seed_analysis)
    conn = _raw(db)
    conn.execute("DELETE FROM articles_fts WHERE rowid = 1")
    conn.execute("DELETE FROM articles WHERE id = ?", (gone.article.id,))
    conn.execute("VACUUM")
    assert [hit.id for hit in opened.search("otan")] == [seed_analysis.article.id]


# --- query translation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("otan", '("otan")'),
        ("otan kiev", '("otan" "kiev")'),
        ("atroc*", '("atroc"*)'),
        ('"crimes de guerre"', '("crimes de guerre")'),
        ('"crimes de gue"*', '("crimes de gue"*)'),
        ("otan OR nato", '("otan") OR ("nato")'),
        ("a b OR c", '("a" "b") OR ("c")'),
        ("OR otan", '("otan")'),
        ("otan OR", '("otan")'),
        ("NEAR(otan", '("NEAR(otan")'),
        ('l"otan', '("l" "otan")'),
        ("-- ; ''", ""),
    ],
)
def test_query_becomes_quoted_fts_terms(query: str, expected: str) -> None:
    assert fts_query(parse_query(query)) == expected


@pytest.mark.parametrize(
    ("marked", "parts"),
    [
        ("plain", [("plain", False)]),
        (f"a {MATCH_START}b{MATCH_END} c", [("a ", False), ("b", True), (" c", False)]),
        (f"{MATCH_START}x{MATCH_END}{MATCH_START}y{MATCH_END}", [("x", True), ("y", True)]),
        ("", []),
    ],
)
def test_snippet_splits_on_markers(marked: str, parts: list[tuple[str, bool]]) -> None:
    assert [tuple(p) for p in split_snippet(marked)] == parts


def test_put_records_when_it_stored_as_iso_utc(
    opened: SQLiteStore, db: Path, seed_analysis: Analysis
) -> None:
    opened.put(seed_analysis)
    (stored_at,) = _raw(db).execute("SELECT stored_at FROM articles").fetchone()
    assert isinstance(datetime.strptime(stored_at, "%Y-%m-%dT%H:%M:%SZ"), datetime)
