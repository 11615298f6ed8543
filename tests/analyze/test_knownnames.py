"""Names without a model: the corpus's names, names in scripts without capitals, ratings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsdesk.analyze import Analyzer
from newsdesk.analyze.knownnames import GUESSED, KNOWN, KnownNames, honoured
from newsdesk.analyze.names import named_doc
from newsdesk.config import Settings
from newsdesk.records import Article
from newsdesk.run.local import ingest
from newsdesk.store.sqlite import SQLiteStore

DANISH = (
    "Statsminister Mette Frederiksen mødtes tirsdag i København med Stoltenberg, der leder "
    "alliancen. Stoltenberg sagde bagefter, at landene står sammen om støtten til Ukraine, og "
    "at de vil fortsætte arbejdet i de kommende måneder. Mødet varede to timer."
)


def test_known_names_are_found_whole_words_only() -> None:
    known = KnownNames([("Jens Stoltenberg", "PER"), ("Stoltenberg", "PER"), ("OTAN", "ORG")])
    text = "Jens Stoltenberg og Stoltenbergs kone; OTANs møde."
    assert known.find(text) == [(0, 16, "PER")]
    assert known.label("jens stoltenberg") == "PER" and known.label("Oslo") is None


def test_unspaced_names_are_found_inside_runs_of_characters() -> None:
    known = KnownNames([("岸田文雄", "PER"), ("윤석열", "PER"), ("NATO", "ORG")])
    text = "岸田文雄首相は윤석열대통령과 NATO에서 만났다"
    assert known.find(text) == [(0, 4, "PER"), (7, 10, "PER"), (15, 19, "ORG")]


def test_honorifics_after_a_short_run_mark_people() -> None:
    titles = ["氏", "さん", "大統領", "씨", "대통령"]
    assert honoured("政府の田中氏と、トランプ大統領。", titles) == [(3, 5, "PER"), (8, 12, "PER")]
    # Korean: a three-syllable name spaced from its title; a word ending in a particle is none.
    assert honoured("김철수 씨와 미국의 대통령", titles) == [(0, 3, "PER")]
    # Words before a title are no name: 次期米大統領 is "the next US president"; a foreign
    # name keeps the country of its title after it, or a minister's portfolio.
    assert honoured("次期米大統領と中村氏", titles) == [(7, 9, "PER")]
    found = honoured("トランプ次期米大統領とスモトリッチ財務相", titles)
    assert found == [(0, 4, "PER"), (11, 17, "PER")]
    # A faction (친청계) before a title is no person; 전 (former) goes between name and title.
    assert honoured("친청계 대통령과 정청래 전 대통령", titles) == [(9, 12, "PER")]
    # A run too long to be a name (Chinese writes no kana between words) is no name.
    assert honoured("美国总统拜登今天会见了外国领导人大統領", titles) == []


def test_japanese_page_gets_names_as_spans_of_its_characters() -> None:
    text = "岸田文雄首相は、バイデン大統領と会談した。"
    doc = named_doc(text, "ja")
    assert doc.text == text
    assert [(e.text, e.label_) for e in doc.ents] == [("岸田文雄", "PER"), ("バイデン", "PER")]


def test_corpus_names_are_found_in_a_page_without_a_model(seed_path: Path, tmp_path: Path) -> None:
    settings = Settings()
    alone = Analyzer(settings).analyze_one(
        Article(id="da", text=DANISH, title=None, published=None, language="da")
    )
    # Without the corpus a lone capitalised word is no name (German nouns have capitals).
    assert not any(m.text == "Stoltenberg" for e in alone.entities for m in e.mentions)
    assert all(e.confidence == GUESSED for e in alone.entities)

    first = tmp_path / "first.txt"
    first.write_text(
        "Regeringen fremlagde i dag sin plan for de kommende år. Ministeren sagde, at planen "
        "vil styrke økonomien, og at den bliver drøftet i Folketinget i næste uge.",
        encoding="utf-8",
    )
    article = tmp_path / "da.txt"
    article.write_text(DANISH, encoding="utf-8")
    with SQLiteStore(tmp_path / "corpus.db") as store:
        # A page without a model, the seed (French, with a model), then the Danish page, one
        # per batch: the seed's people are the corpus's when the Danish page arrives.
        paths = [str(first), str(seed_path), str(article)]
        outcomes = list(ingest(paths, replace(settings, batch_size=1), store))
        assert [o.status for o in outcomes] == ["stored", "stored", "stored"]
        stored = store.get(outcomes[2].article_id or "")
        assert stored is not None and stored.article.language == "da"
        named = {m.text: e for e in stored.entities for m in e.mentions}
        assert named["Stoltenberg"].label == "PER"
        assert named["Stoltenberg"].confidence == KNOWN
        assert all(e.confidence in (KNOWN, GUESSED) for e in stored.entities)
        seed = store.get(outcomes[1].article_id or "")
        assert seed is not None and all(e.confidence is None for e in seed.entities)
