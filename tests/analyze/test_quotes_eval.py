"""Quotation quality gate on the evaluation sets (French fr-gold, English PolNeAR dev).

The figures come from the functions of ``benchmarks/quotes.py``, so the gate and the benchmark
measure the same thing. Floors only go up.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsdesk.records import Analysis, Article, Quote

FLOORS = {
    "fr_lenient_f1": 0.95,
    "fr_strict_f1": 0.93,
    "fr_speaker_accuracy": 0.92,
    "en_speech_lenient_f1": 0.80,
}

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "quotes.py"

pytestmark = pytest.mark.slow


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsdesk_quotes_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_benchmark()


@pytest.fixture(scope="module")
def eval_root(eval_dir: Callable[..., Path]) -> Path:
    eval_dir("fr-gold")
    eval_dir("polnear", "attributions.jsonl")
    return eval_dir()


@pytest.fixture(scope="module")
def figures(bench: ModuleType, eval_root: Path) -> dict[str, float]:
    """Every figure, with the models loaded once."""
    analyzer = bench.quotes_analyzer()
    french: dict[str, float] = bench.run_french(analyzer, root=eval_root)
    english: dict[str, float] = bench.run_english(analyzer, root=eval_root)
    return french | english


@pytest.mark.parametrize(
    ("floor", "key"),
    [
        ("fr_lenient_f1", "fr.lenient.f1"),
        ("fr_strict_f1", "fr.strict.f1"),
        ("fr_speaker_accuracy", "fr.lenient.speaker_accuracy"),
        ("en_speech_lenient_f1", "en_speech.lenient.f1"),
    ],
)
def test_quote_scores_stay_above_floor(figures: dict[str, float], floor: str, key: str) -> None:
    assert figures[key] >= FLOORS[floor], f"{key} = {figures[key]:.3f} < {FLOORS[floor]}"


def test_quote_scores_count_every_gold_quote(figures: dict[str, float]) -> None:
    # fr-gold holds 57 quotations over 6 articles; PolNeAR dev 84 articles.
    assert (figures["fr.documents"], figures["fr.lenient.gold"]) == (6, 57)
    assert sum(figures[f"fr.{kind}.gold"] for kind in ("direct", "indirect", "mixed")) == 57
    assert figures["en.documents"] == 84
    assert 0 < figures["en_speech.lenient.gold"] < figures["en_all.lenient.gold"]


# --- the benchmark's own reading of the data, checked with perfect predictions -------------


class OracleAnalyzer:
    """Stands for the analyzer: predicts exactly the gold quotes of each article."""

    def __init__(self, quotes: dict[str, tuple[Quote, ...]]) -> None:
        self.quotes = quotes

    def analyze(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        for article in articles:
            yield Analysis(article=article, quotes=self.quotes[article.text])


def oracle(documents: Iterable[Any]) -> OracleAnalyzer:
    quotes = {}
    for document in documents:
        found = []
        for gold, cue in zip(document.quotes, document.cues, strict=True):
            start, end = min(s for s, _ in gold.spans), max(e for _, e in gold.spans)
            source = gold.source_spans[0] if gold.source_spans else (None, None)
            found.append(
                Quote(
                    text=document.article.text[start:end],
                    start=start,
                    end=end,
                    kind="direct",
                    cue=cue,
                    speaker_start=source[0],
                    speaker_end=source[1],
                    speaker=gold.speaker,
                )
            )
        quotes[document.article.text] = tuple(found)
    return OracleAnalyzer(quotes)


def test_gold_quotes_as_predictions_score_one_in_french(bench: ModuleType, eval_root: Path) -> None:
    analyzer = oracle(bench.french_documents(eval_root))

    scores = bench.run_french(analyzer, root=eval_root)

    for key in ("lenient.f1", "strict.f1", "lenient.speaker_accuracy", "mixed.strict.recall"):
        assert scores[f"fr.{key}"] == 1.0, key


def test_gold_quotes_as_predictions_score_one_in_english(
    bench: ModuleType, eval_root: Path
) -> None:
    analyzer = oracle(bench.english_documents(eval_root))

    scores = bench.run_english(analyzer, root=eval_root)

    for key in ("all.strict.f1", "all.lenient.source_accuracy", "speech.strict.f1"):
        assert scores[f"en_{key}"] == 1.0, key


def test_english_gold_keeps_one_annotator_per_article(bench: ModuleType, eval_root: Path) -> None:
    documents = bench.english_documents(eval_root)

    for document in documents:
        quotes = document.quotes
        # Several annotators of one article would repeat the same contents.
        assert len({q.spans for q in quotes}) >= 0.9 * len(quotes), document.name


@pytest.mark.parametrize(
    ("cue", "speech"),
    [
        ("said", True),
        ("has Told reporters", True),
        ("according to", False),
        ("believes", False),
        ("saidso", False),
        ("", False),
    ],
)
def test_speech_cue_holds_a_listed_verb_as_a_whole_word(
    bench: ModuleType, eval_root: Path, cue: str, speech: bool
) -> None:
    pattern = bench.speech_pattern(eval_root.parent / "lexicons" / "en_quote_verb_list.txt")

    assert bool(pattern.search(cue)) is speech
