"""Analysis in batches gives the records analysis one by one gives; timing changes nothing."""

from __future__ import annotations

from pathlib import Path

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.extract import extract_one
from newsdesk.records import Article, Origin, RawDocument
from newsdesk.run.timing import EXTRACTION_STEPS, StageClock, timed_stages
from newsdesk.serialize import analysis_to_json

DATA = Path(__file__).resolve().parents[1] / "data"
TEXTS = [
    DATA / "analyze" / "articles_fr.txt",
    DATA / "analyze" / "nato_en.txt",
    DATA / "analyze" / "honorifics_fr.txt",
    DATA / "analyze" / "honorifics_en.txt",
    DATA / "textdump" / "fr_regional.txt",
    DATA / "textdump" / "en_article.txt",
]


def _articles(seed_path: Path) -> list[Article]:
    settings = Settings()
    found = []
    for path in [seed_path, *TEXTS]:
        raw = RawDocument(path.read_bytes(), Origin(path=str(path)), "text")
        found.append(extract_one(raw, settings))
    # One text longer than a parse piece: parsed in pieces, joined back.
    long_text = "\n\n".join(a.text for a in found if a.language == "fr") * 4
    found.append(Article(id="long", text=long_text, title=None, published=None, language="fr"))
    return found


def test_a_batch_of_mixed_languages_gives_each_record_as_analysis_alone(seed_path: Path) -> None:
    articles = _articles(seed_path)
    assert {a.language for a in articles} == {"fr", "en"}
    analyzer = Analyzer(Settings())
    batched = [analysis_to_json(a) for a in analyzer.analyze(articles)]
    alone = [analysis_to_json(analyzer.analyze_one(a)) for a in articles]
    assert [r["id"] for r in batched] == [a.id for a in articles]
    assert all(r["entities"] and r["quotes"] for r in batched[:3])
    assert batched == alone


def test_timing_the_stages_changes_no_record_and_times_each_stage(seed_path: Path) -> None:
    articles = _articles(seed_path)[:3]
    analyzer = Analyzer(Settings())
    untimed = [analysis_to_json(a) for a in analyzer.analyze(articles)]
    clock = StageClock()
    analyzer.stage = clock.stage
    with timed_stages(clock):
        raw = RawDocument(TEXTS[0].read_bytes(), Origin(path=str(TEXTS[0])), "text")
        extract_one(raw, Settings())
        timed = [analysis_to_json(a) for a in analyzer.analyze(articles)]
    assert timed == untimed
    assert {"spaCy", "entities", "places", "quotes", "dates", "language", "text dump"} <= set(
        clock.cpu
    )
    assert all(seconds >= 0 for seconds in clock.cpu.values())
    # Nothing stays wrapped once the clock is closed.
    import importlib

    for module_name, attribute, _ in EXTRACTION_STEPS:
        assert not hasattr(getattr(importlib.import_module(module_name), attribute), "__wrapped__")
