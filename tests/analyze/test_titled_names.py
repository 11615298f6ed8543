"""A span the model gave a title and a person's name as one organisation or thing (``Premier
ministre Andrej Babiš`` as MISC, ``ministre de la Santé Roman Prymula`` as ORG) is that person,
when the article names them as a person elsewhere; and a quotation framed after it (``« … » :
c'est par ces mots que X a conclu``) is theirs; such a title in apposition after a person's name
does not speak for them. Passages written for them, spans given as if
the model had found exactly them."""

from __future__ import annotations

import re

import pytest

from newsdesk.analyze.entities import find_entities, rules_for
from newsdesk.analyze.quotes import find_quotes
from newsdesk.records import Entity


def _found(text: str, *spans: tuple[int, str, str], language: str = "fr") -> tuple[Entity, ...]:
    """Entities from spans given as (start, name, label)."""
    given = [(start, start + len(name), label) for start, name, label in spans]
    return find_entities(text, given, rules_for(language))


@pytest.mark.parametrize(
    ("titled", "label", "person"),
    [
        ("Premier ministre Andrej Babiš", "MISC", "Andrej Babiš"),
        ("ministre de la Santé Roman Prymula", "ORG", "Roman Prymula"),
    ],
)
def test_title_and_name_given_as_one_span_is_the_person(
    titled: str, label: str, person: str
) -> None:
    text = f"{person} a démissionné hier. Le {titled} s'est exprimé vendredi devant la presse."

    entities = _found(text, (0, person, "PER"), (text.index(titled), titled, label))

    (entity,) = entities
    assert (entity.label, entity.name) == ("PER", person)
    assert [m.text for m in entity.mentions] == [person, person]
    assert text[entity.mentions[1].start : entity.mentions[1].end] == person


@pytest.mark.parametrize(
    ("titled", "label", "person"),
    [
        # An office written in lower case, an adjective, then a name.
        ("Premier ministre malien Cheick Modibo Diarra", "MISC", "Cheick Modibo Diarra"),
        # A capitalised title before a known first name.
        ("Prime Minister Justin Trudeau", "ORG", "Justin Trudeau"),
    ],
)
def test_title_and_a_name_of_its_own_given_as_one_span_is_the_person(
    titled: str, label: str, person: str
) -> None:
    language = "fr" if "ministre" in titled else "en"
    text = f"Le {titled} a parlé."

    (entity,) = _found(text, (3, titled, label), language=language)

    assert (entity.label, entity.name) == ("PER", person)


@pytest.mark.parametrize(
    ("before", "span", "label", "person"),
    [
        # The office, its portfolio and the holder's name as one span.
        ("La ", "ministre de la Culture Rachida Dati", "ORG", "Rachida Dati"),
        # The portfolio and the name after an office outside the span.
        ("Le ministre de l'", "Économie Bruno Le Maire", "ORG", "Bruno Le Maire"),
        ("La secrétaire d'État à la ", "Mer Hervé Berville", "LOC", "Hervé Berville"),
    ],
)
def test_portfolio_run_on_into_its_holders_name_is_the_person(
    before: str, span: str, label: str, person: str
) -> None:
    text = f"{before}{span} a présenté son plan mardi."

    (entity,) = _found(text, (len(before), span, label))

    assert (entity.label, entity.name) == ("PER", person)


@pytest.mark.parametrize(
    "text",
    [
        # No office before the portfolio: a name after a capitalised word is not split.
        "La Fondation Jean Moulin a présenté son plan mardi.",
        # An office, but its complement is a place named after someone, not one portfolio word.
        "Le ministre de la Culture à Montréal Jean Tremblay a présenté son plan mardi.",
    ],
)
def test_capitalised_words_and_a_name_without_a_portfolio_stay_as_they_are(text: str) -> None:
    span = "Fondation Jean Moulin" if "Fondation" in text else "Culture à Montréal Jean Tremblay"

    (entity,) = _found(text, (text.index(span), span, "ORG"))

    assert (entity.label, entity.name) == ("ORG", span)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("General Motors Corporation", "ORG"),  # a capitalised title, no first name after it
        ("Secretary of State Office", "ORG"),  # a complement: an office, not a name
        ("ministre de la Culture Tombouctou", "ORG"),
    ],
)
def test_title_before_words_that_are_no_persons_name_stays_as_it_is(name: str, label: str) -> None:
    language = "fr" if "ministre" in name else "en"
    text = f"Le {name} a parlé."

    (entity,) = _found(text, (3, name, label), language=language)

    assert (entity.label, entity.name) == (label, name)


def test_title_alone_or_before_one_word_never_given_as_a_person_stays_as_it_is() -> None:
    text = "Le Premier ministre Babiš s'est exprimé. Le Premier ministre a conclu."

    entities = _found(
        text,
        (3, "Premier ministre Babiš", "MISC"),
        (text.rindex("Premier ministre"), "Premier ministre", "MISC"),
    )

    assert sorted((e.label, e.name) for e in entities) == [
        ("MISC", "Premier ministre"),
        ("MISC", "Premier ministre Babiš"),
    ]


@pytest.mark.parametrize(
    ("framing", "speaker"),
    [
        (" : c'est par ces mots que Thierry Moreau a conclu son discours.", "Thierry Moreau"),
        (", c'est ainsi qu'il a qualifié les révélations.", "Thierry Moreau"),
        (" : c'est en ces termes qu'a réagi la ministre Claire Dubois.", "Claire Dubois"),
    ],
)
def test_quotation_framed_by_the_clause_after_it_is_its_subjects(
    framing: str, speaker: str
) -> None:
    text = (
        "Thierry Moreau a pris la parole devant les cheminots réunis à Lyon. "
        f"« Nous ne lâcherons rien »{framing}"
    )
    people = [
        (m.start(), m.end(), "PER") for m in re.finditer("Thierry Moreau|Claire Dubois", text)
    ]
    entities = find_entities(text, people, rules_for("fr"))

    (quote,) = find_quotes(text, "fr", entities)

    assert (quote.text, quote.kind, quote.speaker) == ("Nous ne lâcherons rien", "direct", speaker)


@pytest.mark.parametrize(
    ("apposition", "label", "speaker"),
    [
        # A title the model took for a name, after the person's: the person speaks.
        ("Directeur du journal La Croix", "MISC", "Guillaume Goubert"),
        # A person's name in apposition after a role: the name speaks.
        ("Paul Roche", "PER", "Paul Roche"),
    ],
)
def test_subject_with_an_apposition_speaks_by_the_persons_name(
    apposition: str, label: str, speaker: str
) -> None:
    head = "Guillaume Goubert" if label == "MISC" else "Le porte-parole"
    text = (
        f"{head}, {apposition}, commentait lors de la publication du sondage : "
        "« Nous sommes face à un public qui a un regard de plus en plus expert. »"
    )
    spans = [(text.index(apposition), apposition, label)]
    if label == "MISC":
        spans.append((0, head, "PER"))

    (quote,) = find_quotes(text, "fr", _found(text, *spans))

    assert quote.speaker == speaker
