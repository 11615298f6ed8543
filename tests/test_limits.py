"""The per-document time limit: a slow document is abandoned, the batch goes on."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from newsdesk.config import Settings
from newsdesk.errors import DocumentTimeout
from newsdesk.extract.language import detect_language
from newsdesk.ingest.files import discover
from newsdesk.limits import time_limit
from newsdesk.records import Analysis, Article
from newsdesk.run.local import Outcome, analyzed


def test_time_limit_interrupts_a_busy_block() -> None:
    with pytest.raises(DocumentTimeout, match=r"longer than 0\.2 s"), time_limit(0.2):
        while True:
            sum(range(1000))


def test_time_limit_is_lifted_after_the_block() -> None:
    with time_limit(0.2):
        pass
    time.sleep(0.3)  # would raise if the timer were still armed


class SlowOnWord:
    """Analyses articles, taking forever on those whose text holds ``word``."""

    def __init__(self, word: str) -> None:
        self.word = word

    def analyze(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        for article in articles:
            yield self.analyze_one(article)

    def analyze_one(self, article: Article) -> Analysis:
        if self.word in article.text:
            time.sleep(3600)
        return Analysis(article=article)


def _dump(folder: Path, name: str, body: str) -> None:
    (folder / name).write_text(f"Un titre pour {name}\n\n{body}\n", encoding="utf-8")


def test_slow_document_is_abandoned_and_the_batch_goes_on(tmp_path: Path) -> None:
    _dump(
        tmp_path, "a.txt", "Une première dépêche sur le conseil municipal de la ville, hier soir."
    )
    _dump(tmp_path, "b.txt", "Une dépêche interminable sur le marathon du dimanche matin en ville.")
    _dump(
        tmp_path,
        "c.txt",
        "Une troisième dépêche sur la météo de la semaine à venir dans la région.",
    )
    settings = Settings(timeout=1.0)
    # Load the language detector first: its one-time load is not the documents' own work.
    detect_language("Une phrase en français pour commencer.", settings.languages)
    results = list(analyzed(discover([str(tmp_path)]), settings, SlowOnWord("interminable")))  # type: ignore[arg-type]
    failed = [r for r in results if isinstance(r, Outcome)]
    done = [r for r in results if isinstance(r, Analysis)]
    assert [Path(f.input).name for f in failed] == ["b.txt"]
    assert "abandoned" in (failed[0].reason or "")
    assert sorted(Path(a.article.origins[0].path or "").name for a in done) == ["a.txt", "c.txt"]


def test_time_limit_cannot_be_swallowed_by_a_broad_handler() -> None:
    caught = 0
    with pytest.raises(DocumentTimeout), time_limit(0.2):
        while True:
            try:
                sum(range(1000))
            except Exception:  # trafilatura's load_html catches this broadly
                caught += 1
    assert caught == 0


def test_time_limit_reports_a_block_that_swallowed_everything() -> None:
    # Code that catches even BaseException keeps running past the limit; the block is still
    # reported timed out when it ends.
    with pytest.raises(DocumentTimeout), time_limit(0.1):
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            with contextlib.suppress(BaseException):
                time.sleep(0.01)
