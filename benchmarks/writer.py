"""What the store's writer costs per article as the store grows, part by part.

    nice -n 10 .venv/bin/python benchmarks/writer.py [--limit 300] [--rounds 4] [--batch 16]
        [--keep STORE] [--profile N]
    .venv/bin/python benchmarks/writer.py --compare STORE_A STORE_B

The real pages and texts of ../shared/eval (``realpages``, the first ``--limit`` of its
shuffled order) are analyzed once in this process; the analyses are pickled in the temporary
folder and read from there on later runs with the same ``--limit``. They are then written
``--rounds`` times into a fresh SQLite store, each round as distinct articles (a new id, the
same text: every article of a round is a copy of its twins of the rounds before, shares
their stories and repeats their statements, as wire copies do), ``--batch`` analyses per
``put_many`` as ``newsdesk ingest`` writes them, each carrying what a pool worker computes
ahead for the writer (``Analysis.prepared``). Printed for each round: this process's CPU
milliseconds per article, in all and per part of the writer (article rows, corpus entities,
corpus labels, copies, stories, statements, the full-text index, commit). The last round is
the cost at the largest store; the growth from round to round is what the store's size adds.

``--profile N`` prints the N costliest functions (cProfile, cumulative) of the last round.
``--keep STORE`` keeps the store written; ``--compare A B`` says whether two stores hold the
same rows in every table (the full-text index compared by what it finds for each article's
words), the check that a faster writer writes what the slower one did.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pickle
import pstats
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realpages
from newsdesk.records import Analysis

PARTS = (
    "rows",
    "corpus entities",
    "corpus labels",
    "copies",
    "stories",
    "statements",
    "relations other",
    "full text",
    "commit",
)


def analyses(limit: int) -> list[Analysis]:
    """The analyses of the first ``limit`` real documents, computed once and kept pickled."""
    cached = Path(tempfile.gettempdir()) / f"newsdesk-writer-analyses-{limit}.pickle"
    if cached.is_file():
        found: list[Analysis] = pickle.loads(cached.read_bytes())
        return found
    from newsdesk.config import Settings
    from newsdesk.records import Failure
    from newsdesk.run.local import analyze_paths

    with tempfile.TemporaryDirectory() as folder:
        files = realpages.write_inputs(Path(folder), limit)
        started = time.perf_counter()
        found = [
            a
            for a in analyze_paths([str(f) for f in files], Settings())
            if not isinstance(a, Failure)
        ]
        print(f"analyzed {len(found)} documents in {time.perf_counter() - started:.0f} s")
    cached.write_bytes(pickle.dumps(found))
    return found


def distinct(analysis: Analysis, round_: int) -> Analysis:
    """The analysis as another article: its own id, the same text."""
    if round_ == 0:
        return analysis
    article = analysis.article
    new_id = hashlib.sha256(f"{round_}:{article.id}".encode()).hexdigest()
    return replace(analysis, article=replace(article, id=new_id))


class Timer:
    """CPU seconds spent in wrapped functions, by part; a part inside another is counted in
    the inner part alone."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._stack: list[str] = []
        self._undo: list[Callable[[], None]] = []

    def wrap(self, module: Any, name: str, part: str) -> None:
        original = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.part(part):
                return original(*args, **kwargs)

        setattr(module, name, timed)
        self._undo.append(lambda: setattr(module, name, original))

    @contextmanager
    def part(self, part: str) -> Iterator[None]:
        now = time.process_time()
        if self._stack:
            self.spent[self._stack[-1]] += now - self._started
        self._stack.append(part)
        self._started = now
        try:
            yield
        finally:
            now = time.process_time()
            self.spent[self._stack.pop()] += now - self._started
            self._started = now

    def restore(self) -> None:
        for undo in reversed(self._undo):
            undo()


def instrument(timer: Timer) -> None:
    from newsdesk.store import corpus, corpus_labels, relations, schema, sqlite

    for name in ("insert_article", "insert_origins", "insert_entities", "insert_quotes"):
        timer.wrap(schema, name, "rows")
    for name in ("insert_places", "insert_dates", "exists"):
        timer.wrap(schema, name, "rows")
    timer.wrap(corpus, "record_article", "corpus entities")
    timer.wrap(corpus_labels, "count_article", "corpus labels")
    timer.wrap(relations, "record", "relations other")
    timer.wrap(relations, "_record_copies", "copies")
    timer.wrap(relations, "_record_story", "stories")
    for name in ("_record_statements", "refresh_statements"):
        timer.wrap(relations, name, "statements")
    timer.wrap(schema, "index_text", "full text")
    if hasattr(schema, "index_quotes"):
        timer.wrap(schema, "index_quotes", "full text")
    for name in ("flush_batch",):
        if hasattr(schema, name):
            timer.wrap(schema, name, "full text")
    original = sqlite.SQLiteStore._transaction

    @contextmanager
    def transaction(store: Any, *, write: bool) -> Iterator[sqlite3.Connection]:
        conn = store._conn
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        with timer.part("commit"):
            conn.execute("COMMIT")

    sqlite.SQLiteStore._transaction = transaction  # type: ignore[method-assign]
    timer._undo.append(lambda: setattr(sqlite.SQLiteStore, "_transaction", original))


def write(args: argparse.Namespace, found: list[Analysis], path: Path) -> None:
    from newsdesk.relate.fingerprint import prepared
    from newsdesk.store.sqlite import SQLiteStore

    # As a pool worker sends them: with what it computes ahead for the writer.
    found = [prepared(a) for a in found]

    print(f"{len(found)} analyses, {args.rounds} rounds, {args.batch} per transaction")
    print("round | articles in store | CPU ms/article | " + " | ".join(PARTS))
    with SQLiteStore(path) as store:
        for round_ in range(args.rounds):
            batch = [distinct(a, round_) for a in found]
            timer = Timer()
            instrument(timer)
            profiler = cProfile.Profile() if args.profile and round_ == args.rounds - 1 else None
            started = time.process_time()
            if profiler:
                profiler.enable()
            for i in range(0, len(batch), args.batch):
                results = store.put_many(batch[i : i + args.batch])
                if any(r != "stored" for r in results):
                    raise SystemExit(f"not stored: {[r for r in results if r != 'stored']}")
            if profiler:
                profiler.disable()
            spent = time.process_time() - started
            timer.restore()
            per = 1000 / len(batch)
            parts = " | ".join(f"{timer.spent.get(p, 0.0) * per:.1f}" for p in PARTS)
            print(
                f"{round_ + 1} | {len(batch) * (round_ + 1)} | {spent * per:.1f} | {parts}",
                flush=True,
            )
            if profiler:
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


# --- comparing two stores -------------------------------------------------------------------


def _tables(conn: sqlite3.Connection) -> list[str]:
    virtual = {
        str(name)
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    }
    return sorted(
        str(name)
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if str(name) not in virtual
        and not any(str(name).startswith(v + "_") for v in virtual)
        and not str(name).startswith("sqlite_")
    )


# Columns that hold the time of writing, not what was written.
CLOCKS = {"stored_at"}


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    columns = [str(c[1]) for c in conn.execute(f'PRAGMA table_info("{table}")')]
    names = ", ".join(f'"{c}"' for c in columns if c not in CLOCKS)
    return sorted(
        (tuple(row) for row in conn.execute(f'SELECT {names} FROM "{table}"')),
        key=lambda row: tuple((v is None, str(type(v)), str(v)) for v in row),
    )


def _index_finds(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """For a sample of words of the stored texts, the rows the full-text index finds."""
    words: set[str] = set()
    for (title,) in conn.execute("SELECT title FROM articles WHERE title IS NOT NULL"):
        words.update(w for w in str(title).split() if w.isalpha() and len(w) > 3)
    found = []
    for word in sorted(words)[:400]:
        rows = conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid",
            ('"' + word + '"',),
        ).fetchall()
        found.append((word, tuple(r[0] for r in rows)))
    return found


def compare(first: Path, second: Path) -> int:
    a, b = sqlite3.connect(first), sqlite3.connect(second)
    tables_a, tables_b = _tables(a), _tables(b)
    differ = 0
    if tables_a != tables_b:
        print(f"different tables: {sorted(set(tables_a) ^ set(tables_b))}")
        differ += 1
    for table in sorted(set(tables_a) & set(tables_b)):
        rows_a, rows_b = _rows(a, table), _rows(b, table)
        same = rows_a == rows_b
        differ += not same
        print(f"{table}: {len(rows_a)} / {len(rows_b)} rows, {'same' if same else 'DIFFERENT'}")
    finds_same = _index_finds(a) == _index_finds(b)
    differ += not finds_same
    print(f"full-text index: {'same' if finds_same else 'DIFFERENT'} finds")
    print("identical" if not differ else f"{differ} differences")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="real documents analyzed")
    parser.add_argument("--rounds", type=int, default=4, help="times each is written")
    parser.add_argument("--batch", type=int, default=16, help="analyses per transaction")
    parser.add_argument("--keep", type=Path, help="keep the store written at this path")
    parser.add_argument("--profile", type=int, default=0, help="functions of the last round")
    parser.add_argument("--compare", nargs=2, type=Path, metavar="STORE")
    args = parser.parse_args()
    if args.compare:
        for path in args.compare:
            if not path.is_file():
                print(f"{path}: no such store", file=sys.stderr)
                return 2
        return compare(*args.compare)
    found = analyses(args.limit)
    if args.keep:
        if args.keep.exists():
            print(f"{args.keep}: already exists, not overwritten", file=sys.stderr)
            return 2
        write(args, found, args.keep)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        write(args, found, Path(folder) / "store.db")
    return 0


if __name__ == "__main__":
    sys.exit(main())
