"""Sources after a preposition. A document is written by the one a link names (``publié
par``, ``released by``), only held by the one a holder's words name (``consulté par l'AFP``,
``obtained by``), who is then no speaker; a place glued to an adjective (``the London-based
institute``) only modifies the source, and a place a subject is in (``an investigation in
Sweden``) does not speak. Through the real analyzer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.records import Article, article_id


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Analyzer]:
    yield Analyzer(Settings(), components=("entities", "quotes"))


def _attributions(analyzer: Analyzer, text: str, language: str) -> list[tuple[str | None, ...]]:
    article = Article(article_id(text), text, None, None, language)
    return [(q.speaker, q.speaker_mention) for q in analyzer.analyze_one(article).quotes]


@pytest.mark.parametrize(
    ("language", "text", "mention"),
    [
        (
            "fr",
            "Selon un rapport consulté par l'Agence France-Presse, le ministère devra fermer "
            "deux sites.",
            "un rapport",
        ),
        (
            "fr",
            "Selon une note obtenue par Le Parisien, la préfecture prévoit trois fermetures.",
            "une note",
        ),
        (
            "en",
            "According to a memo obtained by The Daily Courier under the Freedom of Information "
            "Act, the agency had to move out of two buildings.",
            "a memo",
        ),
    ],
)
def test_who_holds_a_document_did_not_write_it(
    analyzer: Analyzer, language: str, text: str, mention: str
) -> None:
    assert _attributions(analyzer, text, language) == [(None, mention)]


def test_who_published_a_document_speaks_through_it(analyzer: Analyzer) -> None:
    text = "Selon un communiqué publié par le ministère, deux sites fermeront."
    assert _attributions(analyzer, text, "fr") == [("ministère", "le ministère")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Oil output will double by 2030, according to the London-based Energy Institute.",
            "Energy Institute",
        ),
        ("Oil output will double by 2030, according to the London-based institute.", "institute"),
    ],
)
def test_a_place_glued_to_an_adjective_is_no_source(
    analyzer: Analyzer, text: str, speaker: str
) -> None:
    assert [s for s, _ in _attributions(analyzer, text, "en")] == [speaker]


@pytest.mark.parametrize(
    ("language", "text", "mention"),
    [
        (
            "en",
            "An investigation in Sweden has revealed that police employees leaked files to gangs.",
            "An investigation in Sweden",
        ),
        (
            "fr",
            "Une enquête en Suède a révélé que des policiers avaient divulgué des fichiers.",
            "Une enquête en Suède",
        ),
    ],
)
def test_a_place_a_subject_is_in_does_not_speak(
    analyzer: Analyzer, language: str, text: str, mention: str
) -> None:
    assert _attributions(analyzer, text, language) == [(None, mention)]
