"""Where the French model's parse goes wrong: a speech verb that is a noun too (``juge``,
``critique``, ``formule``), often tagged as a noun or an adjective, still reports the quoted
words of its object, read from the words around it (a participle or an object announcing a
quotation does not); a name after a title inside a subject is a subject; a subject the parse
lends from another paragraph is not the speaker; an impersonal pronoun (``Il faut``, ``Il n'aura
pas fallu``) is no one speaking; a main clause's subject, not one inside it, contests the current
speaker; a description naming something (``la communication du Palais``) is not the current
speaker. Through the real analyzer and its parser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.records import Article, Quote, article_id


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Analyzer]:
    yield Analyzer(Settings(), components=("entities", "quotes"))


def _analyzed(analyzer: Analyzer, text: str, language: str = "fr") -> tuple[Quote, ...]:
    return analyzer.analyze_one(Article(article_id(text), text, None, None, language)).quotes


def _quotes(analyzer: Analyzer, text: str) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.speaker_mention) for q in _analyzed(analyzer, text)]


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


def test_name_after_a_title_in_a_subject_is_a_subject_a_pronoun_goes_to(
    analyzer: Analyzer,
) -> None:
    text = (
        "« Nous agirons vite », a déclaré Paul Morel, le maire, lundi. "
        "Le Premier ministre Andrej Babiš s'est exprimé sur l'incident vendredi. "
        "« Rien n'est décidé », a-t-il dit."
    )
    quotes = _analyzed(analyzer, text)

    assert [(q.speaker_mention, q.speaker) for q in quotes] == [
        ("Paul Morel", "Paul Morel"),
        ("il", "Andrej Babiš"),
    ]


def test_subject_the_parse_lends_from_another_paragraph_is_not_the_speaker(
    analyzer: Analyzer,
) -> None:
    text = (
        "D'après un communiqué du ministère de la Culture, les travaux de restauration "
        "commenceront en 2013.\n\n"
        "Irina Bokova, directrice générale de l'UNESCO, a appelé à « mettre fin à ces actes "
        "terribles »."
    )

    assert ("direct", "mettre fin à ces actes terribles", "Irina Bokova") in _quotes(analyzer, text)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Le député Jean Bridet a démissionné pour des « raisons personnelles ». Il n'aura pas "
            "fallu 24 heures pour que Mediapart révèle ces « raisons » : « Le fisc a récemment "
            "saisi la commission des infractions fiscales, après avoir découvert des manquements "
            "du député. »",
            "Jean Bridet",
        ),
        (
            "Le ministre Paul Durand a présenté le plan lundi. Il faut dire que le syndicat des "
            "agents a prévenu : « Nous ne signerons rien sans garanties sur les salaires. »",
            "Paul Durand",
        ),
    ],
)
def test_impersonal_pronoun_is_no_one_speaking(analyzer: Analyzer, text: str, person: str) -> None:
    quotes = _analyzed(analyzer, text)

    assert any(q.text.startswith(("Le fisc", "Nous ne")) for q in quotes)
    assert all(q.speaker != person and q.speaker_mention != "Il" for q in quotes)


def test_subject_of_a_clause_inside_a_sentence_is_no_rival_of_the_current_speaker(
    analyzer: Analyzer,
) -> None:
    text = (
        'Marina Lacerda, who waived her anonymity, said: "I will testify under oath." '
        "Lacerda also went into detail about how Ghislaine Maxwell allegedly recruited her "
        'victims. She said: "She was going out to different schools and recruiting girls."'
    )
    quotes = _analyzed(analyzer, text, "en")

    assert [q.speaker for q in quotes] == ["Marina Lacerda", "Marina Lacerda"]


@pytest.mark.parametrize(
    ("description", "speaker"),
    [
        # A description with nothing named in it may be the current speaker.
        ("le fabuliste grec", "Esope"),
        # One with a named complement is the named thing's, not the current speaker's.
        ("la communication du Palais", None),
    ],
)
def test_description_with_a_named_complement_is_not_the_current_speaker(
    analyzer: Analyzer, description: str, speaker: str | None
) -> None:
    text = (
        "La langue est la meilleure et la pire des choses, disait Esope. Au plus fort de la "
        f"contestation contre la réforme, {description} laissait filtrer cette information : "
        "« Emmanuel Macron se dit calme et déterminé »."
    )
    quotes = _analyzed(analyzer, text)

    assert [(q.speaker_mention, q.speaker) for q in quotes][-1] == (description, speaker)
