"""Quotations in languages without a spaCy pipeline, and the names they are attributed to."""

from __future__ import annotations

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.analyze.names import capitalised_names
from newsdesk.analyze.speech import (
    CONFIDENCE,
    find_speech,
    languages_with_words,
    normalise_marks,
    words_for,
)
from newsdesk.config import Settings
from newsdesk.records import Analysis, Article, article_id


def analyse(text: str, language: str) -> Analysis:
    article = Article(article_id(text), text, None, "2024-05-03T10:00:00", language)
    return Analyzer(Settings()).analyze_one(article)


@pytest.mark.parametrize(
    ("text", "language", "said"),
    [
        (
            "Die Ministerin Anna Berg sagte am Montag: „Wir werden das Gesetz ändern.“",
            "de",
            "Wir werden das Gesetz ändern.",
        ),
        (
            "»Wir werden das Gesetz noch ändern«, sagte die Ministerin Anna Berg.",
            "de",
            "Wir werden das Gesetz noch ändern",
        ),
        (
            "«Vamos a cambiar la ley esta semana», afirmó el ministro Pedro Ruiz.",
            "es",
            "Vamos a cambiar la ley esta semana",
        ),
        (
            "“Cambieremo la legge entro l'estate”, ha detto il ministro Marco Bellini.",
            "it",
            "Cambieremo la legge entro l'estate",
        ),
        ("山田太郎首相は「法律を今週中に改正する」と述べた。", "ja", "法律を今週中に改正する"),
        ("“예산안을 이번 주에 제출하겠다”라고 말했다.", "ko", "예산안을 이번 주에 제출하겠다"),
    ],
)
def test_direct_quotation_in_each_script_convention(text: str, language: str, said: str) -> None:
    quotes = find_speech(text, language, ())
    assert [(q.text, q.kind) for q in quotes] == [(said, "direct")]
    assert quotes[0].confidence == CONFIDENCE["verb"]
    assert text[quotes[0].start : quotes[0].end] == said


def test_german_quotation_names_its_speaker_with_a_lower_confidence() -> None:
    analysis = analyse("„Wir werden das Gesetz noch ändern“, sagte die Ministerin Anna Berg.", "de")
    (quote,) = analysis.quotes
    assert quote.speaker == "Anna Berg" and quote.speaker_mention == "Anna Berg"
    assert quote.speaker_confidence is not None and quote.speaker_confidence < 0.7
    assert quote.confidence is not None and quote.confidence < 0.7


def test_pronoun_speaker_is_the_previous_speaker() -> None:
    text = (
        "„Die Lage ist ernst“, sagte Anna Berg am Montag in Wien.\n"
        "Sie sagte, dass die Regierung noch in dieser Woche entscheiden werde."
    )
    quotes = analyse(text, "de").quotes
    expected = [("direct", "Anna Berg"), ("indirect", "Anna Berg")]
    assert [(q.kind, q.speaker) for q in quotes] == expected
    assert quotes[1].speaker_mention == "Sie"
    assert quotes[1].text == "die Regierung noch in dieser Woche entscheiden werde"


@pytest.mark.parametrize(
    ("text", "language", "said", "speaker"),
    [
        (
            "El ministro Pedro Ruiz dijo que el gobierno aprobará la reforma la próxima semana.",
            "es",
            "el gobierno aprobará la reforma la próxima semana",
            "Pedro Ruiz",
        ),
        (
            "Die Lage an der Grenze sei sehr ernst, sagte Anna Berg.",
            "de",
            "Die Lage an der Grenze sei sehr ernst",
            "Anna Berg",
        ),
        (
            "Segundo João Silva, o governo vai aprovar a reforma em junho.",
            "pt",
            "o governo vai aprovar a reforma em junho",
            "João Silva",
        ),
        (
            "Volgens Mark Jansen wil de regering de wet nog dit jaar aanpassen.",
            "nl",
            "wil de regering de wet nog dit jaar aanpassen",
            "Mark Jansen",
        ),
    ],
)
def test_indirect_speech_with_a_data_file(
    text: str, language: str, said: str, speaker: str
) -> None:
    quotes = analyse(text, language).quotes
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [(said, "indirect", speaker)]


def test_dash_line_ends_at_its_attribution() -> None:
    text = "– Vi er veldig glade for resultatet i dag, sier Jonas Berg til avisen."
    (quote,) = analyse(text, "nb").quotes
    assert quote.text == "Vi er veldig glade for resultatet i dag"
    assert quote.cue == "sier" and quote.speaker == "Jonas Berg"


def test_language_without_a_data_file_gets_quotations_from_punctuation_only() -> None:
    # Icelandic has no speech data file: a quoted sentence of its own is kept, a quoted term not.
    text = (
        "Ráðherrann hitti blaðamenn í gær. „Við munum breyta lögunum strax í næstu viku.“ "
        "Málið snýst um „kvóta“ í ár."
    )
    assert words_for("is") is None
    quotes = find_speech(text, "is", ())
    assert [q.text for q in quotes] == ["Við munum breyta lögunum strax í næstu viku."]
    assert quotes[0].confidence == CONFIDENCE["alone"] and quotes[0].speaker is None


def test_scare_quotes_are_not_quotations() -> None:
    text = "Die sogenannte „Zeitenwende“ sagte vielen Menschen nichts."
    assert find_speech(text, "de", ()) == ()


def test_reversed_guillemets_are_turned_round_and_french_ones_kept() -> None:
    assert normalise_marks("Sie sagte: »Ja.« Dann ging sie.") == "Sie sagte: «Ja.» Dann ging sie."
    assert normalise_marks("Il a dit : « Oui. »") == "Il a dit : « Oui. »"
    assert normalise_marks("「はい」") == "«はい»"


def test_every_speech_data_file_reads() -> None:
    assert {"de", "es", "it", "pt", "nl", "ja"} <= set(languages_with_words())
    for language in languages_with_words():
        words = words_for(language)
        assert words is not None and words.verbs is not None, language


def test_model_less_article_gets_entities_places_and_quotes() -> None:
    text = (
        "Der Bürgermeister Peter Huber traf am Montag Vertreter der NATO in Berlin.\n"
        "„Wir brauchen mehr Geld für die Schulen“, sagte Peter Huber danach."
    )
    analysis = analyse(text, "de")
    labels = {(e.name, e.label) for e in analysis.entities}
    assert {("Peter Huber", "PER"), ("Berlin", "LOC")} <= labels
    assert any(e.label == "ORG" and e.name == "NATO" for e in analysis.entities)
    assert [p.country_code for p in analysis.places] == ["DE"]
    assert [q.speaker for q in analysis.quotes] == ["Peter Huber"]


def test_capitalised_names_skip_sentence_openers_and_stop_words() -> None:
    text = "Gestern kam der Regen. Die Bauern in Bayern freuten sich. Maria Schmidt war froh."
    names = [(text[s:e], label) for s, e, label in capitalised_names(text, "de")]
    assert ("Maria Schmidt", "PER") in names
    assert all(name not in {"Gestern", "Die", "Die Bauern", "Bauern"} for name, _ in names)
