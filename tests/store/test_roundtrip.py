"""Properties of every store over generated records: what is put comes back equal."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import UsageError
from newsdesk.records import (
    Analysis,
    Article,
    DateExpression,
    Entity,
    Mention,
    Origin,
    Place,
    Quote,
    Source,
    article_id,
)
from newsdesk.store import Store, merge_origins

StoreFactory = Callable[[], Store]

# A fresh store is opened inside each example, so the function-scoped factory is safe to share.
PER_EXAMPLE_STORE = settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Any encodable character, with accents, emoji (with modifiers and flags), right-to-left
# scripts, direction marks and combining marks made likely.
CHARS = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from("éèêàçœÉ€«»’…😀👍🏽🇺🇦שָׁלוֹםمرحباً\u200f\u200e\u0301\u00a0"),
)
TEXT = st.text(CHARS, min_size=1, max_size=400)
SHORT = st.text(CHARS, max_size=40)
MAYBE = st.none() | SHORT
PUBLISHED = st.none() | st.dates().map(str) | st.datetimes().map(lambda d: d.isoformat())
ORIGINS = st.lists(st.builds(Origin, MAYBE, MAYBE, MAYBE), max_size=4).map(tuple)


@st.composite
def spans(draw: st.DrawFn, text: str) -> tuple[int, int]:
    start = draw(st.integers(0, len(text)))
    return start, draw(st.integers(start, len(text)))


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    text = draw(TEXT)

    def mention() -> Mention:
        start, end = draw(spans(text))
        return Mention(start, end, text[start:end])

    def maybe_span() -> tuple[int | None, int | None]:
        return draw(st.none().map(lambda _: (None, None)) | spans(text))

    article = Article(
        id=article_id(text),
        text=text,
        title=draw(MAYBE),
        published=draw(PUBLISHED),
        language=draw(st.none() | st.sampled_from(["fr", "en", "ar", "he", "zh"])),
        url=draw(MAYBE),
        source=draw(st.builds(Source, MAYBE, MAYBE)),
        origins=merge_origins((), draw(ORIGINS)),
        authors=tuple(draw(st.lists(SHORT, max_size=3))),
        modified=draw(PUBLISHED),
    )
    ids = draw(st.lists(st.text(CHARS, min_size=1, max_size=8), unique=True, max_size=4))
    entities = tuple(
        Entity(
            entity,
            draw(SHORT),
            draw(st.sampled_from(["PER", "ORG", "LOC", "MISC"])),
            tuple(mention() for _ in range(draw(st.integers(0, 3)))),
        )
        for entity in ids
    )
    quotes = []
    for _ in range(draw(st.integers(0, 3))):
        start, end = draw(spans(text))
        cue_start, cue_end = maybe_span()
        speaker_start, speaker_end = maybe_span()
        quotes.append(
            Quote(
                text[start:end],
                start,
                end,
                draw(st.sampled_from(["direct", "indirect", "mixed"])),
                None if cue_start is None else text[cue_start:cue_end],
                cue_start,
                cue_end,
                None if speaker_start is None else text[speaker_start:speaker_end],
                speaker_start,
                speaker_end,
                draw(MAYBE),
                draw(st.none() | st.sampled_from(ids or ["e0"])),
            )
        )
    coordinate = st.none() | st.floats(-180, 180, allow_nan=False)
    places = draw(
        st.lists(
            st.builds(
                Place,
                st.sampled_from(ids or ["e0"]),
                SHORT,
                st.none() | st.integers(0, 2**31),
                coordinate,
                coordinate,
                st.none() | st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
            ),
            max_size=3,
        )
    )
    dates = []
    for _ in range(draw(st.integers(0, 3))):
        start, end = draw(spans(text))
        kind = draw(st.sampled_from(["DATE", "TIME", "DURATION", "SET"]))
        dates.append(DateExpression(text[start:end], start, end, draw(MAYBE), kind))
    return Analysis(article, tuple(quotes), entities, tuple(places), tuple(dates))


@PER_EXAMPLE_STORE
@given(analysis=analyses())
def test_get_returns_what_put_stored(make_store: StoreFactory, analysis: Analysis) -> None:
    with make_store() as store:
        assert store.put(analysis) == "stored"
        assert store.get(analysis.article.id) == analysis


@PER_EXAMPLE_STORE
@given(analysis=analyses())
def test_stored_offsets_stay_inside_text(make_store: StoreFactory, analysis: Analysis) -> None:
    with make_store() as store:
        store.put(analysis)
        stored = store.get(analysis.article.id)
    assert stored is not None
    text = stored.article.text
    spans = [(m.start, m.end, m.text) for e in stored.entities for m in e.mentions]
    spans += [(q.start, q.end, q.text) for q in stored.quotes]
    spans += [(d.start, d.end, d.text) for d in stored.dates]
    assert all(0 <= start <= end <= len(text) and text[start:end] == s for start, end, s in spans)


@PER_EXAMPLE_STORE
@given(analysis=analyses(), more=ORIGINS)
def test_second_put_merges_origins(
    make_store: StoreFactory, analysis: Analysis, more: tuple[Origin, ...]
) -> None:
    again = replace(analysis, article=replace(analysis.article, origins=more))
    with make_store() as store:
        store.put(analysis)
        assert store.put(again) == "present"
        stored = store.get(analysis.article.id)
        assert stored is not None
        assert stored.article.origins == merge_origins(analysis.article.origins, more)
        assert stored == replace(analysis, article=stored.article)


@PER_EXAMPLE_STORE
@given(query=st.text(CHARS, max_size=60))
def test_search_any_query_returns_hits_or_usage_error(make_store: StoreFactory, query: str) -> None:
    with make_store() as store:
        store.put(Analysis(Article(article_id("otan"), "OTAN « Kiev » 2022", "OTAN", None, "fr")))
        try:
            hits = store.search(query)
        except UsageError:
            assert not query.strip()
        else:
            assert all(hit.id == article_id("otan") for hit in hits)


FRENCH_LETTERS = "abcdefghijklmnopqrstuvwxyzéèêëàâäîïôöùûüçœÉÈÊÀÂÎÔÙÛÇ"
WORDS = st.lists(st.text(FRENCH_LETTERS, min_size=2, max_size=12), min_size=1, max_size=30)


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()


@PER_EXAMPLE_STORE
@given(words=WORDS, data=st.data())
def test_search_finds_word_typed_without_accents_or_case(
    make_store: StoreFactory, words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words) + "."
    word = data.draw(st.sampled_from(words))
    with make_store() as store:
        store.put(Analysis(Article(article_id(text), text, None, None, "fr")))
        assert [hit.id for hit in store.search(_plain(word))] == [article_id(text)]
