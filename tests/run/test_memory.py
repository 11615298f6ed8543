"""A worker's memory over a long run: the words of each batch leave spaCy's vocab and string
store once the batch is analyzed, and a pool run's memory is measured resident, proportional and
unique."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.records import Article
from newsdesk.run.pool import give_back_memory
from newsdesk.run.profile import WorkerWatch, memory_figures

FRENCH = {"fr": "fr_core_news_md"}


def _article(i: int, name: str, word: str) -> Article:
    text = (
        f"Le maire de Quimperlé, {name}, a présenté mardi le projet de {word}. "
        f"« Le {word} sera ouvert au printemps », a déclaré {name.split()[-1]}."
    )
    return Article(id=f"a{i}", text=text, title=None, published="2023-03-07", language="fr")


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    analyzer = Analyzer(Settings(models=FRENCH))
    analyzer.analyze_one(_article(0, "Jean Dupont", "marché"))  # the pipeline loaded
    return analyzer


def test_new_words_leave_the_string_store_once_their_batch_is_analyzed(
    analyzer: Analyzer,
) -> None:
    nlp = analyzer.pipelines.get("fr")
    assert nlp is not None
    # Counted by the lexemes held (spaCy's len(vocab) counts those ever made).
    before = len(nlp.vocab.strings), sum(1 for _ in nlp.vocab)
    names = ["Brivaël Kergoustinaz", "Tanguy Plouzanecq", "Morwenna Quévrilloc"]
    words = ["vélodromeplex", "funiculaire-glissoire", "halle-Ruzwoc"]
    new = ["Kergoustinaz", "Plouzanecq", "Quévrilloc", *words]
    assert not any(word in nlp.vocab.strings for word in new)
    pairs = enumerate(zip(names, words, strict=True), 1)
    batch = [_article(i, name, word) for i, (name, word) in pairs]
    analyses = list(analyzer.analyze(batch))
    assert (len(nlp.vocab.strings), sum(1 for _ in nlp.vocab)) == before
    for word in new:
        assert word not in nlp.vocab.strings and word not in nlp.vocab
    # What the analyses hold was read before the words were dropped, and reads the same after.
    for analysis, name in zip(analyses, names, strict=True):
        assert name in [entity.name for entity in analysis.entities]
        assert [quote.speaker for quote in analysis.quotes] == [name]


def test_a_word_seen_in_two_batches_reads_the_same_in_both(analyzer: Analyzer) -> None:
    first = analyzer.analyze_one(_article(7, "Gwenaëlle Trébouzic", "téléphérique"))
    second = analyzer.analyze_one(_article(7, "Gwenaëlle Trébouzic", "téléphérique"))
    assert first == second and first.quotes
    assert first.quotes[0].speaker == "Gwenaëlle Trébouzic"


@pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="Linux /proc only")
def test_memory_of_a_process_is_read_resident_proportional_and_unique() -> None:
    rss, pss, uss = memory_figures(os.getpid())
    # Shared library pages count in full in RSS, divided in PSS, not at all in USS.
    assert rss >= pss >= uss > 0
    assert memory_figures(2**22 + 1) == (0, 0, 0)  # no such process: nothing, no error
    watch = WorkerWatch()
    watch.pids.append(os.getpid())
    watch.sample()
    pid = os.getpid()
    assert watch.peak[pid] >= watch.peak_pss[pid] >= watch.peak_uss[pid] > 0


def _status(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no {key} in /proc/self/status")


@pytest.mark.skipif(not os.path.exists("/proc/self/clear_refs"), reason="Linux /proc only")
def test_a_large_batch_is_parsed_within_a_bounded_working_memory(analyzer: Analyzer) -> None:
    # 16 articles of 6,000 characters: 96,000 characters given to the analyzer at once.
    paragraph = (
        "Le conseil municipal de Quimperlé a voté jeudi soir le budget du nouveau port de "
        "plaisance, après trois heures de débat. « Ce chantier durera quatre ans », a déclaré "
        "l'adjointe chargée des travaux, qui a rappelé que la région en paierait la moitié. "
    )
    batch = [
        Article(
            id=f"big{i}",
            text=f"Réunion {i}. " + paragraph * 24,
            title=None,
            published="2023-03-07",
            language="fr",
        )
        for i in range(16)
    ]
    assert sum(len(a.text) for a in batch) > 90_000
    give_back_memory()
    before = _status("VmRSS:")
    Path("/proc/self/clear_refs").write_text("5")  # the peak is now the current size
    analyses = list(analyzer.analyze(batch))
    rise = _status("VmHWM:") - before
    assert len(analyses) == 16 and all(a.quotes for a in analyses)
    # Parsed all at once, these characters would raise the peak by about 300 MiB.
    assert rise < 160 * 2**20, f"{rise / 2**20:.0f} MiB"


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="Linux /proc only")
def test_memory_freed_by_a_batch_is_given_back_to_the_system() -> None:
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    chunks = [libc.malloc(1024) for _ in range(60_000)]
    for chunk in chunks:
        ctypes.memset(chunk, 1, 1024)  # the pages are resident
    for chunk in chunks[:-1]:  # the last one keeps the heap's top from shrinking by itself
        libc.free(chunk)
    held = _status("VmRSS:")
    give_back_memory()
    assert held - _status("VmRSS:") > 30 * 2**20
    libc.free(chunks[-1])
