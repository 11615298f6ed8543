"""The conformance suite every store backend passes (backends are the ``make_store`` params)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import replace

import pytest

from newsdesk.errors import NotFound, StoreError, UsageError
from newsdesk.records import Analysis, Origin, Quote, Source
from newsdesk.serialize import analysis_to_json
from newsdesk.store import Store, merge_origins

AnalysisFactory = Callable[..., Analysis]

# Short articles written for these tests, in the shape extraction produces.
BRUSSELS_EN = (
    "NATO foreign ministers met in Brussels on Wednesday to discuss more weapons for Ukraine. "
    "The alliance said deliveries would continue."
)
HAIL_FR = (
    "Un violent épisode de grêle a frappé Lyon mardi soir. Les pompiers sont intervenus plus "
    "de deux cents fois, sans faire de blessés."
)
TITLE_ONLY_FR = (
    "Des enquêteurs sont arrivés sur place pour recueillir des témoignages d'habitants et "
    "photographier les lieux avant l'hiver."
)
TEXT_ONLY_FR = (
    "Des enquêteurs sont arrivés sur place pour recueillir des témoignages sur les atrocités "
    "et photographier les lieux avant l'hiver."
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _empty_counts(store: Store) -> tuple[int, ...]:
    s = store.stats()
    return (s.articles, s.origins, s.entities, s.mentions, s.quotes, s.places, s.dates)


class TestStoreContract:
    # --- put and get --------------------------------------------------------------------------

    def test_store_implements_protocol(self, store: Store) -> None:
        assert isinstance(store, Store)

    def test_put_new_article_returns_stored(self, store: Store, seed_analysis: Analysis) -> None:
        assert store.put(seed_analysis) == "stored"

    def test_put_same_analysis_twice_keeps_one_article(
        self, store: Store, seed_analysis: Analysis
    ) -> None:
        store.put(seed_analysis)
        assert store.put(seed_analysis) == "present"
        assert (store.stats().articles, store.stats().origins) == (1, 1)

    def test_get_returns_record_equal_to_the_one_put(
        self, store: Store, seed_analysis: Analysis
    ) -> None:
        store.put(seed_analysis)
        assert store.get(seed_analysis.article.id) == seed_analysis

    def test_confidence_of_entities_found_without_a_model_comes_back(
        self, store: Store, seed_analysis: Analysis
    ) -> None:
        first, *others = seed_analysis.entities
        rated = replace(seed_analysis, entities=(replace(first, confidence=0.5), *others))
        store.put(rated)
        stored = store.get(seed_analysis.article.id)
        assert stored == rated
        assert stored is not None and [e.confidence for e in stored.entities][:2] == [0.5, None]
        assert analysis_to_json(stored)["entities"][0]["confidence"] == 0.5

    def test_get_rebuilds_json_contract_exactly(
        self, store: Store, seed_analysis: Analysis
    ) -> None:
        store.put(seed_analysis)
        stored = store.get(seed_analysis.article.id)
        assert stored is not None
        assert analysis_to_json(stored) == analysis_to_json(seed_analysis)

    def test_get_keeps_authors_in_order(self, store: Store, analysis_of: AnalysisFactory) -> None:
        analysis = analysis_of(HAIL_FR)
        article = replace(analysis.article, authors=("Zoé Martin", "Ahmed Benali"))
        store.put(replace(analysis, article=article))
        stored = store.get(article.id)
        assert stored is not None and stored.article.authors == ("Zoé Martin", "Ahmed Benali")

    def test_get_unknown_id_returns_none(self, store: Store, seed_analysis: Analysis) -> None:
        store.put(seed_analysis)
        assert store.get("0" * 64) is None

    @pytest.mark.parametrize("length", [8, 12, 63])
    def test_get_accepts_unique_id_prefix(
        self, store: Store, seed_analysis: Analysis, length: int
    ) -> None:
        store.put(seed_analysis)
        assert store.get(seed_analysis.article.id[:length]) == seed_analysis

    def test_get_accepts_upper_case_id_prefix(self, store: Store, seed_analysis: Analysis) -> None:
        store.put(seed_analysis)
        assert store.get(seed_analysis.article.id[:10].upper()) == seed_analysis

    def test_get_prefix_shorter_than_eight_raises_usage_error(
        self, store: Store, seed_analysis: Analysis
    ) -> None:
        store.put(seed_analysis)
        with pytest.raises(UsageError, match="too short"):
            store.get(seed_analysis.article.id[:7])

    def test_get_ambiguous_prefix_raises_usage_error(
        self, store: Store, analysis_of: AnalysisFactory
    ) -> None:
        for digit, text in (("1", HAIL_FR), ("2", BRUSSELS_EN)):
            analysis = analysis_of(text)
            article = replace(analysis.article, id="abcdef01" + digit * 56)
            store.put(replace(analysis, article=article))
        with pytest.raises(UsageError, match="several"):
            store.get("abcdef01")

    def test_has_reports_stored_ids_only(self, store: Store, seed_analysis: Analysis) -> None:
        store.put(seed_analysis)
        assert store.has(seed_analysis.article.id)
        assert not store.has(seed_analysis.article.id[:8])

    # --- origins ------------------------------------------------------------------------------

    def test_put_present_article_records_only_new_origins(
        self, store: Store, seed_analysis: Analysis
    ) -> None:
        first = seed_analysis.article.origins
        again = (Origin(url="https://example.org/a"), *first)
        store.put(seed_analysis)
        store.put(replace(seed_analysis, article=replace(seed_analysis.article, origins=again)))
        stored = store.get(seed_analysis.article.id)
        assert stored is not None
        assert stored.article.origins == merge_origins(first, again)

    def test_put_deduplicates_origins_by_path_and_url(
        self, store: Store, analysis_of: AnalysisFactory
    ) -> None:
        origins = (Origin("a.txt", fetched="2022-04-05"), Origin("a.txt", fetched="2022-04-06"))
        analysis = analysis_of(HAIL_FR, origins=origins)
        store.put(analysis)
        stored = store.get(analysis.article.id)
        assert stored is not None and stored.article.origins == origins[:1]

    @pytest.mark.parametrize(
        "second",
        [Origin("a.txt", url="https://x.example/a"), Origin(None), Origin(""), Origin("b.txt")],
    )
    def test_origins_differing_in_path_or_url_are_distinct(
        self, store: Store, analysis_of: AnalysisFactory, second: Origin
    ) -> None:
        origins = (Origin("a.txt"), second)
        analysis = analysis_of(HAIL_FR, origins=origins)
        store.put(analysis)
        stored = store.get(analysis.article.id)
        assert stored is not None and stored.article.origins == origins

    def test_add_origins_returns_number_of_new_origins(
        self, store: Store, seed_analysis: Analysis
    ) -> None:
        store.put(seed_analysis)
        new = (*seed_analysis.article.origins, Origin(url="https://e.example/1"), Origin("x"))
        assert store.add_origins(seed_analysis.article.id, new) == 2
        assert store.add_origins(seed_analysis.article.id, new) == 0

    def test_add_origins_to_unknown_article_raises_not_found(self, store: Store) -> None:
        with pytest.raises(NotFound):
            store.add_origins("0" * 64, [Origin("a.txt")])

    # --- all or nothing -----------------------------------------------------------------------

    @pytest.mark.parametrize(
        "break_it",
        [
            pytest.param(
                lambda a: replace(a, entities=(*a.entities, a.entities[0])), id="duplicate-entity"
            ),
            pytest.param(
                lambda a: replace(a, quotes=(replace(a.quotes[0], kind="shouted"),)),
                id="bad-quote-kind",
            ),
            pytest.param(
                lambda a: replace(a, dates=(replace(a.dates[0], type="EPOCH"),)), id="bad-date-type"
            ),
        ],
    )
    def test_put_failing_midway_leaves_nothing(
        self, store: Store, seed_analysis: Analysis, break_it: Callable[[Analysis], Analysis]
    ) -> None:
        broken = break_it(seed_analysis)
        with pytest.raises(StoreError):
            store.put(broken)
        assert not store.has(seed_analysis.article.id)
        assert _empty_counts(store) == (0, 0, 0, 0, 0, 0, 0)

    def test_put_failure_keeps_store_usable(
        self, store: Store, seed_analysis: Analysis, analysis_of: AnalysisFactory
    ) -> None:
        other = analysis_of(HAIL_FR, people=("Lyon",))
        store.put(other)
        bad = replace(seed_analysis, entities=(*seed_analysis.entities, seed_analysis.entities[0]))
        with pytest.raises(StoreError):
            store.put(bad)
        assert store.get(other.article.id) == other
        assert store.put(seed_analysis) == "stored"

    def test_put_many_answers_each_record_in_order(
        self, store: Store, seed_analysis: Analysis, analysis_of: AnalysisFactory
    ) -> None:
        hail = analysis_of(HAIL_FR, people=("Lyon",))
        store.put(hail)
        again = replace(seed_analysis, article=replace(seed_analysis.article, origins=()))
        results = store.put_many([seed_analysis, hail, again])
        assert results == ["stored", "present", "present"]
        assert store.get(seed_analysis.article.id) == seed_analysis
        assert store.stats().articles == 2

    def test_put_many_keeps_out_only_the_record_that_fails(
        self,
        make_store: Callable[[], Store],
        seed_analysis: Analysis,
        analysis_of: AnalysisFactory,
    ) -> None:
        store, reference = make_store(), make_store()
        hail = analysis_of(HAIL_FR, people=("Lyon",))
        brussels = analysis_of(BRUSSELS_EN, language="en", people=("NATO",))
        bad = replace(seed_analysis, entities=(*seed_analysis.entities, seed_analysis.entities[0]))
        results = store.put_many([hail, bad, brussels])
        assert results[0] == "stored" and results[2] == "stored"
        assert isinstance(results[1], StoreError)
        assert seed_analysis.article.id in str(results[1])
        assert not store.has(seed_analysis.article.id)
        assert store.get(hail.article.id) == hail
        assert store.get(brussels.article.id) == brussels
        # Nothing of the refused record: counts are those of the two others stored alone.
        reference.put(hail)
        reference.put(brussels)
        assert _empty_counts(store) == _empty_counts(reference)
        assert store.search("otan") == []
        assert store.put(seed_analysis) == "stored"

    def test_put_many_of_nothing_writes_nothing(self, store: Store) -> None:
        assert store.put_many([]) == []
        assert _empty_counts(store) == (0, 0, 0, 0, 0, 0, 0)

    # --- search -------------------------------------------------------------------------------

    @pytest.fixture
    def corpus(self, store: Store, seed_analysis: Analysis, analysis_of: AnalysisFactory) -> Store:
        store.put(seed_analysis)
        store.put(
            analysis_of(
                BRUSSELS_EN,
                title="NATO ministers meet in Brussels",
                published="2022-04-06T09:00:00",
                language="en",
                source=Source(name="Example Wire", domain="wire.example"),
            )
        )
        store.put(
            analysis_of(
                HAIL_FR,
                title="Orages de grêle à Lyon",
                published="2021-06-01",
                source=Source(domain="meteo.example"),
            )
        )
        return store

    def _ids(self, store: Store, query: str, **filters: str) -> list[str]:
        return [hit.id for hit in store.search(query, **filters)]  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("query", "found"),
        [
            pytest.param("atrocites", "atrocités", id="accents-ignored"),
            pytest.param("ATROCITÉS", "atrocités", id="case-ignored"),
            pytest.param("otan", "OTAN", id="acronym-lower-case"),
            pytest.param("grele", "grêle", id="circumflex"),
            pytest.param("atroc*", "atrocités", id="prefix"),
            pytest.param('"crimes de guerre"', "crimes de guerre", id="phrase"),
        ],
    )
    def test_search_finds_words_however_typed(self, corpus: Store, query: str, found: str) -> None:
        hits = corpus.search(query)
        assert hits
        assert all(_fold(found) in _fold(hit.title or "") + _fold(hit.snippet_text) for hit in hits)

    def test_search_phrase_needs_words_in_order(self, corpus: Store) -> None:
        assert corpus.search('"guerre de crimes"') == []
        assert corpus.search("guerre de crimes")

    def test_search_requires_every_word(self, corpus: Store, seed_analysis: Analysis) -> None:
        assert self._ids(corpus, "otan stoltenberg") == [seed_analysis.article.id]
        assert corpus.search("otan grêle") == []

    def test_search_or_finds_either_word(self, corpus: Store) -> None:
        assert len(corpus.search("grêle OR Brussels")) == 2

    def test_search_title_match_ranks_before_text_only_match(
        self, store: Store, analysis_of: AnalysisFactory
    ) -> None:
        in_title = analysis_of(TITLE_ONLY_FR, title="Les atrocités de Boutcha")
        in_text = analysis_of(TEXT_ONLY_FR, title="Les enquêteurs à Boutcha")
        store.put(in_text)
        store.put(in_title)
        assert self._ids(store, "atrocites") == [in_title.article.id, in_text.article.id]

    def test_search_scores_descend(self, corpus: Store) -> None:
        scores = [hit.score for hit in corpus.search("otan OR ministers OR grêle")]
        assert len(scores) == 3
        assert scores == sorted(scores, reverse=True)

    def test_search_hit_carries_article_metadata(self, corpus: Store) -> None:
        (hit,) = corpus.search("Brussels")
        assert (hit.title, hit.published, hit.language) == (
            "NATO ministers meet in Brussels",
            "2022-04-06T09:00:00",
            "en",
        )
        assert hit.source == Source(name="Example Wire", domain="wire.example")

    def test_search_snippet_marks_matched_word(self, corpus: Store) -> None:
        (hit,) = corpus.search("pompiers")
        matches = [part.text for part in hit.snippet if part.match]
        assert matches == ["pompiers"]
        assert "pompiers sont intervenus" in hit.snippet_text

    def test_search_snippet_marks_accented_word_for_unaccented_query(self, corpus: Store) -> None:
        (hit,) = corpus.search("grele")
        assert [part.text for part in hit.snippet if part.match] == ["grêle"]

    def test_search_filters_by_language(self, corpus: Store) -> None:
        assert [h.language for h in corpus.search("otan OR nato", language="en")] == ["en"]
        assert [h.language for h in corpus.search("otan OR nato", language="fr")] == ["fr"]

    def test_search_since_keeps_published_on_or_after(self, corpus: Store) -> None:
        query = "otan OR nato OR grêle"
        assert {h.published for h in corpus.search(query, since="2022-04-06")} == {
            "2022-04-06T09:00:00"
        }
        assert len(corpus.search(query, since="2022-04-05")) == 2
        assert len(corpus.search(query, since="2021-06-01")) == 3

    def test_search_since_excludes_undated_articles(
        self, store: Store, analysis_of: AnalysisFactory
    ) -> None:
        store.put(analysis_of(HAIL_FR, published=None))
        assert store.search("grêle") and store.search("grêle", since="1900-01-01") == []

    @pytest.mark.parametrize(
        "since", ["yesterday", "2022-13-01", "20220405", "2022-04-05x", "05/04/2022", ""]
    )
    def test_search_since_rejects_bad_date(self, corpus: Store, since: str) -> None:
        with pytest.raises(UsageError, match="since"):
            corpus.search("otan", since=since)

    @pytest.mark.parametrize("query", ["", "   ", "\n\t"])
    def test_search_empty_query_raises_usage_error(self, corpus: Store, query: str) -> None:
        with pytest.raises(UsageError, match="empty"):
            corpus.search(query)

    @pytest.mark.parametrize(
        "query",
        ['"', "-", "AND (", "NEAR(", "'; DROP TABLE articles; --", "*", "OR", "NOT otan",
         'otan"', "title:otan", "^otan", "otan AND", "(otan", "otan)", "{title}: x", "a + b",
         '"unclosed phrase', "\x00", "otan OR OR", "NEAR(otan kiev, 2)"],
    )  # fmt: skip
    def test_search_hostile_query_does_not_raise(self, corpus: Store, query: str) -> None:
        assert isinstance(corpus.search(query), list)
        assert corpus.search_count(query) == len(corpus.search(query, limit=100))

    def test_search_query_is_never_run_as_sql(self, corpus: Store) -> None:
        corpus.search("'; DROP TABLE articles; --")
        assert corpus.stats().articles == 3

    def test_search_pages_with_limit_and_offset(self, corpus: Store) -> None:
        query = "otan OR nato OR grêle"
        everything = self._ids(corpus, query)
        pages = [h.id for off in range(3) for h in corpus.search(query, limit=1, offset=off)]
        assert pages == everything and len(everything) == 3

    @pytest.mark.parametrize(("limit", "offset"), [(0, 0), (-1, 0), (10, -1)])
    def test_search_bad_page_raises_usage_error(
        self, corpus: Store, limit: int, offset: int
    ) -> None:
        with pytest.raises(UsageError):
            corpus.search("otan", limit=limit, offset=offset)

    def test_search_count_ignores_limit(self, corpus: Store) -> None:
        assert corpus.search_count("otan OR nato OR grêle") == 3
        assert corpus.search_count("otan OR nato OR grêle", language="en") == 1

    def test_search_finds_quotation_text(self, store: Store, analysis_of: AnalysisFactory) -> None:
        analysis = analysis_of(HAIL_FR)
        quote = Quote("sans faire de blessés", 0, 5, "direct")
        store.put(replace(analysis, quotes=(quote,)))
        assert self._ids(store, "blesses") == [analysis.article.id]

    # --- stats --------------------------------------------------------------------------------

    def test_stats_of_empty_store_are_zero(self, store: Store) -> None:
        stats = store.stats()
        assert _empty_counts(store) == (0, 0, 0, 0, 0, 0, 0)
        assert (stats.languages, stats.sources) == ((), ())
        assert (stats.first_published, stats.last_published) == (None, None)

    def test_stats_count_every_kind_of_row(self, store: Store, seed_analysis: Analysis) -> None:
        store.put(seed_analysis)
        a = seed_analysis
        assert _empty_counts(store) == (
            1,
            len(a.article.origins),
            len(a.entities),
            sum(len(e.mentions) for e in a.entities),
            len(a.quotes),
            len(a.places),
            len(a.dates),
        )

    def test_stats_count_articles_per_language_with_unknown(
        self, corpus: Store, analysis_of: AnalysisFactory
    ) -> None:
        corpus.put(analysis_of(TEXT_ONLY_FR, language=None))
        assert corpus.stats().languages == (("fr", 2), ("en", 1), ("unknown", 1))

    def test_stats_count_articles_per_source_name_else_domain_else_unknown(
        self, corpus: Store, analysis_of: AnalysisFactory
    ) -> None:
        corpus.put(analysis_of(TEXT_ONLY_FR, source=Source(name="Example Wire")))
        corpus.put(analysis_of(TITLE_ONLY_FR))
        assert dict(corpus.stats().sources) == {
            "Example Wire": 2,
            "example.org": 1,
            "meteo.example": 1,
            "unknown": 1,
        }

    def test_stats_give_range_of_published_dates(self, corpus: Store) -> None:
        stats = corpus.stats()
        assert (stats.first_published, stats.last_published) == (
            "2021-06-01",
            "2022-04-06T09:00:00",
        )

    def test_stats_count_merged_origins(self, store: Store, analysis_of: AnalysisFactory) -> None:
        analysis = analysis_of(HAIL_FR, origins=(Origin("a.txt"),))
        store.put(analysis)
        store.put(replace(analysis, article=replace(analysis.article, origins=(Origin("b.txt"),))))
        assert store.stats().origins == 2
