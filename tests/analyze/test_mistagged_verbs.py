"""A French speech verb that is a noun too (``juge``, ``critique``, ``formule``), which the
model often tags as a noun or an adjective, still reports the quoted words of its object, read
from the words around it; a participle or an object announcing a quotation does not. Through
the real analyzer and its parser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.records import Article, article_id


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Analyzer]:
    yield Analyzer(Settings(), components=("entities", "quotes"))


def _quotes(analyzer: Analyzer, text: str) -> list[tuple[str, str, str | None]]:
    article = Article(article_id(text), text, None, None, "fr")
    return [(q.kind, q.text, q.speaker_mention) for q in analyzer.analyze_one(article).quotes]


@pytest.mark.parametrize(
    ("text", "said", "mention"),
    [
        (
            "Le député juge la réforme « injuste et brutale » devant la presse.",
            "la réforme « injuste et brutale »",
            "Le député",
        ),
        (
            "Le député Marc Léger juge la réforme « injuste et brutale ».",
            "la réforme « injuste et brutale »",
            "Marc Léger",
        ),
        (
            "Elle critique une réforme « brutale » qui pénalise les salariés.",
            "une réforme « brutale »",
            "Elle",
        ),
        ("La ministre formule des « regrets ».", "des « regrets »", "La ministre"),
    ],
)
def test_speech_verb_tagged_as_a_noun_reports_its_quoted_object(
    analyzer: Analyzer, text: str, said: str, mention: str
) -> None:
    assert _quotes(analyzer, text) == [("mixed", said, mention)]


@pytest.mark.parametrize(
    "text",
    [
        # A passive participle: the country is called so, it says nothing.
        "L'Italie, considérée comme le « maillon faible » de la zone euro, inquiète les marchés.",
        # Nouns, not verbs: no subject before them.
        "Les critiques « injustes » se multiplient depuis lundi.",
    ],
)
def test_noun_or_participle_with_quoted_words_after_it_reports_nothing(
    analyzer: Analyzer, text: str
) -> None:
    assert _quotes(analyzer, text) == []
