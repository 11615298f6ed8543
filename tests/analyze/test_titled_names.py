"""A span the model gave a title and a person's name as one organisation or thing (``Premier
ministre Andrej Babiš`` as MISC, ``ministre de la Santé Roman Prymula`` as ORG) is that person,
when the article names them as a person elsewhere; and a quotation framed after it (``« … » :
c'est par ces mots que X a conclu``) is theirs. Passages written for them, spans given as if
the model had found exactly them."""

from __future__ import annotations

import re

import pytest

from newsdesk.analyze.entities import find_entities, rules_for
from newsdesk.analyze.quotes import find_quotes
from newsdesk.records import Entity


def _found(text: str, *spans: tuple[int, str, str]) -> tuple[Entity, ...]:
    """Entities from spans given as (start, name, label)."""
    return find_entities(
        text, [(start, start + len(name), label) for start, name, label in spans], rules_for("fr")
    )


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


def test_title_alone_or_before_a_name_never_given_as_a_person_stays_as_it_is() -> None:
    text = "Le Premier ministre Andrej Babiš s'est exprimé. Le Premier ministre a conclu."

    entities = _found(
        text,
        (3, "Premier ministre Andrej Babiš", "MISC"),
        (text.rindex("Premier ministre"), "Premier ministre", "MISC"),
    )

    assert sorted((e.label, e.name) for e in entities) == [
        ("MISC", "Premier ministre"),
        ("MISC", "Premier ministre Andrej Babiš"),
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
