"""Kill -9 in the middle of an ingest, rerun: each article once, nothing half-written."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

PEOPLE = ["Amélie Durand", "Jonas Berg", "Sofia Marques", "Karim Haddad", "Lena Vogel"]
PLACES = ["Lyon", "Marseille", "Toulouse", "Bordeaux", "Lille", "Nantes"]


def _article(i: int) -> str:
    who = PEOPLE[i % len(PEOPLE)]
    where = PLACES[i % len(PLACES)]
    surname = who.split()[-1]
    return (
        f"Conseil municipal de {where} : séance numéro {i}\n\n"
        f"Mardi 0{1 + i % 9} Mars 2022 1{i % 10}:0{i % 6}\n"
        f"La maire adjointe {who} a présenté mardi à {where} le budget numéro {i} de la ville.\n\n"
        f"Selon {surname}, les travaux de la ligne {i} commenceront au printemps, "
        f"après une consultation des habitants du quartier {i * 7}.\n\n"
        f"« Nous tiendrons les délais », a déclaré {surname} devant le conseil.\n"
    )


def _counts(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _snapshot(db: Path) -> dict[str, tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute(
            "SELECT a.id, a.title, a.published,"
            " (SELECT count(*) FROM origins o WHERE o.article_id = a.id),"
            " (SELECT count(*) FROM entities e WHERE e.article_id = a.id)"
            " FROM articles a"
        ).fetchall()
    return {row[0]: tuple(row[1:]) for row in rows}


def _ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEWSDESK_DB": str(db), "NEWSDESK_BATCH_SIZE": "4"}
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "ingest", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_ingest_killed_at_several_points_then_rerun_stores_each_article_once(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    total = 48
    for i in range(total):
        (folder / f"{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    db = tmp_path / "killed.db"
    for stop_after in (4, 17, 33):
        proc = _ingest(folder, db)
        deadline = time.monotonic() + 120
        while _counts(db) < stop_after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _ingest(folder, db).wait() == 0

    reference = tmp_path / "clean.db"
    assert _ingest(folder, reference).wait() == 0
    assert _snapshot(db) == _snapshot(reference)
    assert len(_snapshot(db)) == total
