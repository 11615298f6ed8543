"""The per-document time limit holds where the interval timer alone cannot: a page that keeps
libxml2 busy in C code is stopped by the pool, which replaces the worker, and the page queued
behind it on that worker is stored, not failed."""

from __future__ import annotations

import signal
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from newsdesk.config import Settings
from newsdesk.ingest.files import discover
from newsdesk.records import Analysis, Article
from newsdesk.run import pool
from newsdesk.run.local import Outcome, analyze_batch
from newsdesk.run.pool import ingest_pool
from newsdesk.store.sqlite import SQLiteStore

FRENCH = {"fr": "fr_core_news_md"}
BULLETIN = (
    "Le marché couvert de Lorient rouvre ses portes\n\n"
    "Le marché couvert de Lorient a rouvert samedi après huit mois de travaux, a annoncé la "
    "mairie. Les commerçants, installés depuis mars sous des tentes sur le parking voisin, "
    "ont retrouvé leurs étals rénovés. « Nous attendions ce jour depuis longtemps », a déclaré "
    "Anne Le Goff, poissonnière depuis vingt ans.\n"
)


def _many_attributes(count: int) -> str:
    """A page whose one tag carries ``count`` attributes: libxml2 parses it in time that grows
    with the square of ``count``, inside one call the interval timer cannot interrupt."""
    attributes = " ".join(f'data-a{i}="v"' for i in range(count))
    return (
        "<html><head><title>Attributs</title></head><body>"
        f"<div {attributes}><p>Un paragraphe.</p></div></body></html>"
    )


@pytest.mark.slow
def test_pool_stops_a_page_stuck_in_c_code_and_stores_the_page_behind_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "GRACE", 1.0)
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a_attributes.html").write_text(_many_attributes(100_000), "utf-8")
    (folder / "b_bulletin.txt").write_text(BULLETIN, "utf-8")
    started: list[int] = []
    settings = Settings(timeout=2.0, models=FRENCH)
    with SQLiteStore(tmp_path / "n.db") as store:
        # One worker, one input per batch: the bulletin waits behind the page on that worker.
        outcomes = list(
            ingest_pool(
                discover([str(folder)]), settings, store, 1, total=2, on_start=started.append
            )
        )
    by_name = {Path(o.input).name: o for o in outcomes}
    assert by_name["b_bulletin.txt"].status == "stored"
    stuck = by_name["a_attributes.html"]
    assert stuck.status == "failed"
    assert "longer than" in (stuck.reason or "") and "NEWSDESK_TIMEOUT" in (stuck.reason or "")
    assert len(started) == 3  # the first worker, and one for each of the page's two tries
    with sqlite3.connect(tmp_path / "n.db") as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)


class _SpinsOnWord:
    """Analyses articles; spins in Python on those holding ``word`` until the timer stops it,
    noting when each article's time alone ends (by the timer's own remaining time)."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.batch_started = 0.0
        self.alone_ends: dict[str, float] = {}

    def analyze(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        self.batch_started = time.monotonic()
        for article in articles:
            self._work(article)
        yield from (Analysis(article=a) for a in articles)

    def analyze_one(self, article: Article) -> Analysis:
        self.alone_ends[article.id] = time.monotonic() + signal.getitimer(signal.ITIMER_REAL)[0]
        self._work(article)
        return Analysis(article=article)

    def _work(self, article: Article) -> None:
        while self.word in article.text:
            pass


def _article(number: int, text: str) -> Article:
    return Article(id=f"a{number}", text=text, title=None, published=None, language="fr")


def test_a_timed_out_batch_retried_alone_never_gets_more_than_the_limit_in_all() -> None:
    analyzer = _SpinsOnWord("interminable")
    batch = [_article(1, "Un bulletin court."), _article(2, "Un bulletin interminable.")]
    settings = Settings(timeout=1.0)
    results = list(analyze_batch(analyzer, batch, settings, {}))  # type: ignore[arg-type]
    assert isinstance(results[0], Analysis)
    assert isinstance(results[1], Outcome) and results[1].status == "failed"
    # The slow article's time alone ends within the limit counted from the batch's start
    # (the timer's grain aside); the innocent one still had time of its own.
    assert analyzer.alone_ends["a2"] - analyzer.batch_started <= settings.timeout + 0.05
    assert analyzer.alone_ends["a1"] - analyzer.batch_started >= settings.timeout / 2
