"""Temporal expressions: spans, TIMEX3 values relative to the publication date, the component.

Quality floors come from ``benchmarks/dates.py`` on the tables we wrote
(``tests/data/dates/dates_<lang>.tsv``); they sit a little below what it measures.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import spacy

from newsdesk.analyze import dates, datevalues
from newsdesk.analyze.dates import DateFinder, find_dates, publication_base, rules_for
from newsdesk.config import Settings
from newsdesk.extract import extract_one
from newsdesk.records import Analysis, Article, DateExpression, Origin, RawDocument

ROOT = Path(__file__).resolve().parents[2]
TABLES = ROOT / "tests" / "data" / "dates"
SEED = ROOT / "examples" / "000_f57e383da64bcd99.txt"
ENGLISH = ROOT / "examples" / "nato-ministers-en.html"
SEED_PUBLISHED = "2022-04-05T16:43:00"
# What a TIMEX3 value of ours looks like: a day, week, month, season, year, decade or century
# (with a time or part of day), an interval of two of them, a duration, a set, a reference.
_VALUE = re.compile(
    r"(?:\d{2,4}(?:-W\d\d(?:-WE)?|-(?:SP|SU|FA|WI)|-\d\d(?:-\d\d)?)?(?:T(?:\d\d:\d\d|MO|AF|EV|NI))?"
    r"(?:/\d{4}(?:-\d\d(?:-\d\d)?)?)?"
    r"|P(?:T?(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|H|S|DE|CE|WE))"
    r"|XXXX-(?:WXX-\d|XX-XX)(?:T(?:MO|AF|EV|NI))?"
    r"|PAST_REF|PRESENT_REF|FUTURE_REF)"
)


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "newsdesk_dates_benchmark", ROOT / "benchmarks" / "dates.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BENCHMARK = _benchmark()


def _article(path: Path, kind: str) -> Article:
    return extract_one(RawDocument(path.read_bytes(), Origin(path=str(path)), kind), Settings())


def _found(text: str, language: str, published: str | None) -> list[tuple[str, str | None, str]]:
    return [(d.text, d.value, d.type) for d in find_dates(text, language, published)]


# --- the seed and the English example -----------------------------------------------------


def test_dates_seed_gives_its_four_expressions_with_their_values() -> None:
    article = _article(SEED, "text")
    assert article.published == SEED_PUBLISHED
    found = find_dates(article.text, article.language, article.published)
    by_text = {d.text.lower(): d for d in found}
    assert by_text["mardi"].value == "2022-04-05"
    assert (by_text["mercredi et jeudi"].value, by_text["mercredi et jeudi"].type) == (
        "2022-04-06/2022-04-07",
        "DATE",
    )
    assert by_text["2014"].value == "2014"  # "depuis 2014": the preposition stays outside
    assert (by_text["les semaines à venir"].value, by_text["les semaines à venir"].type) == (
        "FUTURE_REF",
        "DATE",
    )
    # Nothing else but the PRESENT_REF of "maintenant": no day the text does not name.
    assert {d.text.lower() for d in found} == {*by_text} and len(found) == 5
    assert by_text["maintenant"].value == "PRESENT_REF"


def test_dates_seed_dateline_joins_its_time() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = find_dates(text, "fr", SEED_PUBLISHED)
    assert found[0].text == "Mardi 05 Avril 2022 16:43"
    assert (found[0].value, found[0].type) == ("2022-04-05T16:43", "TIME")
    assert not any("2020" in d.text or "Plus" in d.text for d in found)  # footer, furniture


def test_dates_english_example_weekdays_follow_the_sentence() -> None:
    article = _article(ENGLISH, "html")
    found = dict((text, value) for text, value, _ in _found(article.text, "en", article.published))
    assert found == {
        "two days": "P2D",
        "Wednesday": "2022-04-06",  # the publication day
        "now": "PRESENT_REF",
        "last week": "2022-W13",
        "2014": "2014",
        "Tuesday": "2022-04-05",  # "said on Tuesday": past
        "Thursday": "2022-04-07",  # "were expected to join ... on Thursday": future
    }


@pytest.mark.parametrize("path,kind", [(SEED, "text"), (ENGLISH, "html")])
def test_dates_examples_give_spans_into_the_text_and_timex_values(path: Path, kind: str) -> None:
    article = _article(path, kind)
    for date in find_dates(article.text, article.language, article.published):
        assert article.text[date.start : date.end] == date.text
        assert date.value is not None and _VALUE.fullmatch(date.value), date
        if date.value[:1].isdigit() and len(date.value) >= 4 and date.type != "DURATION":
            assert 1000 <= int(date.value[:4]) <= 2100


# --- rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language,published,sentence,expected",
    [
        ("fr", "2022-04-05", "Le ministre a parlé jeudi.", "2022-03-31"),
        ("fr", "2022-04-05", "Le ministre parlera jeudi.", "2022-04-07"),
        ("fr", "2022-04-05", "Le ministre parle jeudi prochain.", "2022-04-07"),
        ("fr", "2022-04-05", "Le ministre parlait jeudi dernier.", "2022-03-31"),
        ("fr", "2022-04-05", "Le ministre parle samedi.", "2022-04-02"),  # nearest
        ("fr", "2022-04-05", "Le ministre parlera mardi.", "2022-04-05"),  # same weekday
        ("en", "2022-04-05", "The minister spoke on Thursday.", "2022-03-31"),
        ("en", "2022-04-05", "The minister will speak on Thursday.", "2022-04-07"),
        ("en", "2022-04-05", "The minister speaks next Thursday.", "2022-04-07"),
        ("en", "2022-04-05", "The minister spoke last Tuesday.", "2022-03-29"),
        ("en", "2022-04-05", "The minister will speak on Tuesday.", "2022-04-05"),
    ],
)
def test_dates_bare_weekday_follows_tense_cue(
    language: str, published: str, sentence: str, expected: str
) -> None:
    (date,) = find_dates(sentence, language, published)
    assert date.value == expected


@pytest.mark.parametrize(
    "language,sentence,expected",
    [
        ("fr", "Il est parti hier.", ("hier", "2022-04-04", "DATE")),
        ("fr", "Il revient demain.", ("demain", "2022-04-06", "DATE")),
        ("fr", "Il en parle aujourd'hui.", ("aujourd'hui", "2022-04-05", "DATE")),
        ("fr", "Il part la semaine prochaine.", ("la semaine prochaine", "2022-W15", "DATE")),
        ("fr", "Il est parti le mois dernier.", ("le mois dernier", "2022-03", "DATE")),
        ("fr", "Il est arrivé en mars.", ("mars", "2022-03", "DATE")),
        ("fr", "Il est arrivé le 12 mars.", ("le 12 mars", "2022-03-12", "DATE")),
        ("fr", "Signé le 05/04/2022.", ("le 05/04/2022", "2022-04-05", "DATE")),
        ("fr", "Réunion à 9 heures.", ("9 heures", "2022-04-05T09:00", "TIME")),
        ("fr", "Il a attendu trois semaines.", ("trois semaines", "P3W", "DURATION")),
        ("fr", "Il a régné pendant deux ans.", ("deux ans", "P2Y", "DURATION")),
        ("fr", "Le marché a lieu chaque mardi.", ("chaque mardi", "XXXX-WXX-2", "SET")),
        ("fr", "Le prix est remis tous les ans.", ("tous les ans", "P1Y", "SET")),
        ("fr", "Il a vécu dans les années 1960.", ("les années 1960", "196", "DATE")),
        ("en", "He left yesterday.", ("yesterday", "2022-04-04", "DATE")),
        ("en", "He returns tomorrow.", ("tomorrow", "2022-04-06", "DATE")),
        ("en", "He leaves next week.", ("next week", "2022-W15", "DATE")),
        ("en", "He left last month.", ("last month", "2022-03", "DATE")),
        ("en", "He arrived in March 2021.", ("March 2021", "2021-03", "DATE")),
        ("en", "Signed on April 5, 2022.", ("April 5, 2022", "2022-04-05", "DATE")),
        ("en", "Signed on 04/05/2022.", ("04/05/2022", "2022-04-05", "DATE")),
        ("en", "The talks start at 10 a.m.", ("10 a.m.", "2022-04-05T10:00", "TIME")),
        ("en", "He stayed for 10 days.", ("10 days", "P10D", "DURATION")),
        ("en", "Figures come out every week.", ("every week", "P1W", "SET")),
        ("en", "It was built in the 19th century.", ("the 19th century", "18", "DATE")),
    ],
)
def test_dates_rule_gives_span_value_and_type(
    language: str, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert _found(sentence, language, "2022-04-05T16:43:00") == [expected]


@pytest.mark.parametrize(
    "language,sentence,expected",
    [
        (
            "fr",
            "Le texte a été adopté le 5 avril 2022.",
            [("le 5 avril 2022", "2022-04-05", "DATE")],
        ),
        ("fr", "Les combats durent depuis 2014.", [("2014", "2014", "DATE")]),
        ("fr", "Il a démissionné hier soir.", [("hier soir", None, "TIME")]),
        ("fr", "Le sommet se tiendra mercredi.", [("mercredi", None, "DATE")]),
        ("fr", "Ils ont négocié trois semaines.", [("trois semaines", "P3W", "DURATION")]),
        ("en", "It was signed on April 5, 2022.", [("April 5, 2022", "2022-04-05", "DATE")]),
        ("en", "He resigned yesterday.", [("yesterday", None, "DATE")]),
        ("en", "They meet next week.", [("next week", None, "DATE")]),
        ("en", "They met in May.", [("May", None, "DATE")]),
    ],
)
def test_dates_without_publication_date_relative_values_are_none(
    language: str, sentence: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _found(sentence, language, None) == expected


@pytest.mark.parametrize(
    "language,sentence,expected",
    [
        ("en", "Lawmakers may vote on the bill before the recess.", []),
        ("en", "Prime Minister Theresa May met the king.", []),
        ("en", "Brian May played on the palace roof.", []),
        ("en", "Protesters march to the parliament.", []),
        ("en", "About 2014 troops were deployed.", []),
        ("en", "Always book on a Tuesday.", []),
        ("fr", "2014 soldats ont été déployés.", []),
        ("fr", "Afficher Plus", []),
        ("fr", "Sept personnes ont été blessées.", []),
        ("fr", "Le défilé du Mardi gras a attiré la foule.", []),
        ("fr", "La limitation des jours de pêche a été décidée.", []),
        (
            "fr",
            "La sonde étudie la surface de Mars depuis des mois.",
            [("des mois", "PXM", "DURATION")],
        ),
    ],
)
def test_dates_traps_give_no_date(
    language: str, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _found(sentence, language, "2022-04-05") == expected


def test_dates_rules_read_every_span_without_dateparser() -> None:
    datevalues.dateparser_for.cache_clear()
    for table in ("dates_fr.tsv", "dates_en.tsv"):
        for row in BENCHMARK.read_table(TABLES / table):
            find_dates(row.sentence, table[6:8], row.published)
    find_dates(SEED.read_text(encoding="utf-8"), "fr", SEED_PUBLISHED)
    assert datevalues.dateparser_for.cache_info().misses == 0


@pytest.mark.parametrize(
    "language,sentence,expected",
    [
        ("fr", "Le traité a été signé avril 5 2022 à Genève.", ("avril 5 2022", "2022-04-05")),
        ("fr", "Le contrat expire le 5-avr.-2023.", ("5-avr.-2023", "2023-04-05")),
        ("en", "The deal was signed 5-Apr-2022 in Geneva.", ("5-Apr-2022", "2022-04-05")),
    ],
)
def test_dates_unusual_order_is_read_by_dateparser(
    language: str, sentence: str, expected: tuple[str, str]
) -> None:
    datevalues.dateparser_for.cache_clear()
    (date,) = find_dates(sentence, language, "2022-04-05")
    assert (date.text, date.value) == expected
    assert datevalues.dateparser_for.cache_info().misses == 1


def test_dates_rules_run_only_near_triggers_without_losing_a_match() -> None:
    """The trigger windows are an optimisation: the rules run on the whole text agree."""
    everything = frozenset(
        {"digit", "word", "weekdays", "months", "units", "day_words", "times_of_day"}
        | {"clock_words", "seasons"}
    )
    texts = [("fr", SEED.read_text(encoding="utf-8"), SEED_PUBLISHED)]
    english = _article(ENGLISH, "html")
    texts.append(("en", english.text, english.published))
    for table in ("dates_fr.tsv", "dates_en.tsv"):
        rows = BENCHMARK.read_table(TABLES / table)
        texts.extend((table[6:8], row.sentence, row.published) for row in rows)
    for language, text, published in texts:
        rules = rules_for(language)
        assert rules is not None
        whole = dates._find(text, rules, publication_base(published), [(0, len(text), everything)])
        assert find_dates(text, language, published) == whole, text


def test_dates_language_without_rules_gives_nothing() -> None:
    assert find_dates("Er kam am 5. April 2022.", "de", "2022-04-05") == ()
    assert find_dates("Il est venu hier.", None, "2022-04-05") == ()


def test_dates_unreadable_publication_date_is_treated_as_absent() -> None:
    assert _found("Il est venu hier.", "fr", "le 5 avril") == [("hier", None, "DATE")]


# --- tables -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_dates_tables_hold_enough_sentences_and_negatives(language: str) -> None:
    rows = BENCHMARK.read_table(TABLES / f"dates_{language}.tsv")
    assert len(rows) >= 60
    assert sum(1 for row in rows if not row.expected) >= 10
    assert sum(1 for row in rows if row.published is None) >= 4


@pytest.mark.parametrize(
    "language,exact_f1,overlap_f1,values",
    [("fr", 0.94, 0.97, 0.97), ("en", 0.94, 0.97, 0.97)],
)
def test_dates_quality_on_tables_stays_above_floor(
    language: str, exact_f1: float, overlap_f1: float, values: float
) -> None:
    scores = BENCHMARK.score_table(TABLES / f"dates_{language}.tsv", language)
    assert scores.prf(scores.exact)[2] >= exact_f1
    assert scores.prf(scores.overlap)[2] >= overlap_f1
    assert scores.value_accuracy >= values


# --- component ----------------------------------------------------------------------------


def test_dates_component_fills_analysis_from_article() -> None:
    article = _article(SEED, "text")
    doc = spacy.blank("fr")(article.text)
    finder = DateFinder()
    assert finder.name == "dates" and finder.requires == frozenset()
    result = finder(doc, Analysis(article=article))
    assert result.article is article
    assert result.dates == find_dates(article.text, "fr", article.published)
    assert all(isinstance(d, DateExpression) for d in result.dates) and result.dates
