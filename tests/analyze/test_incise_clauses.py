"""A clause after a comma is attributed by an incise only when the incise's verb could be one:
not the verb of a relative or adverbial clause, not a word the parse reads as a noun; an
incise's subject read after its verb ends before a word of time. Through the real analyzer and
its parser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.records import Article, article_id


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Analyzer]:
    yield Analyzer(Settings(), components=("entities", "quotes"))


def _quotes(analyzer: Analyzer, text: str, language: str) -> list[tuple[str, str | None]]:
    article = Article(article_id(text), text, None, None, language)
    return [(q.text, q.speaker_mention) for q in analyzer.analyze_one(article).quotes]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The hearing lasted three hours, including a long period in which senators "
            "asked each other questions. Nothing was decided.",
        ),
        ("en", "The meeting ended at noon, after the mayor answered questions from residents."),
        ("en", "The council met in the old library, where the treasurer explained the budget."),
        (
            "fr",
            "La séance a duré trois heures, pendant lesquelles les élus ont interrogé le ministre.",
        ),
        ("fr", "La réunion s'est terminée à midi, après que le maire a répondu aux habitants."),
    ],
)
def test_a_verb_of_a_subordinate_clause_attributes_nothing(
    analyzer: Analyzer, language: str, text: str
) -> None:
    assert _quotes(analyzer, text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "said", "mention"),
    [
        (
            "en",
            "The economy is strong, the minister said after the meeting.",
            "The economy is strong",
            "the minister",
        ),
        (
            "en",
            "The plan is dead, which the minister confirmed on Monday.",
            "The plan is dead",
            "the minister",
        ),
        (
            "fr",
            "Le plan est abandonné, a affirmé lundi le ministre.",
            "Le plan est abandonné",
            "le ministre",
        ),
    ],
)
def test_an_incise_after_its_clause_still_attributes_it(
    analyzer: Analyzer, language: str, text: str, said: str, mention: str
) -> None:
    assert _quotes(analyzer, text, language) == [(said, mention)]


@pytest.mark.parametrize(
    ("language", "text", "mention"),
    [
        ("fr", "« Rien ne change », a affirmé le ministre lundi.", "le ministre"),
        ("fr", "« Rien ne change », a dit la maire de Lyon hier soir.", "la maire de Lyon"),
        ("en", '"Nothing changes," said the finance minister Tuesday.', "the finance minister"),
    ],
)
def test_a_day_after_an_inverted_subject_is_no_part_of_it(
    analyzer: Analyzer, language: str, text: str, mention: str
) -> None:
    assert [m for _, m in _quotes(analyzer, text, language)] == [mention]
