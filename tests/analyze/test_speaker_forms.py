"""Speakers the model mislabels or names in several forms, and the paths that make a speaker
less sure: passages written for them, entities given as if the model had found exactly them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsdesk.analyze.confidence import confidences
from newsdesk.analyze.entities import find_entities, rules_for
from newsdesk.analyze.linking import link_entities
from newsdesk.analyze.quotes import find_quotes, read_quotes
from newsdesk.records import Entity


def _entities(text: str, *names: tuple[str, str], link: bool = False) -> tuple[Entity, ...]:
    spans = []
    for name, label in names:
        start = text.index(name)
        spans.append((start, start + len(name), label))
    found = find_entities(text, spans, rules_for("fr"))
    return tuple(link_entities(found, "fr")) if link else tuple(found)


@pytest.mark.parametrize("label", ["PER", "ORG"])
def test_person_named_with_a_first_name_is_a_pronoun_antecedent_even_labelled_org(
    label: str,
) -> None:
    text = (
        "Le directeur, Paul Morel, a présenté le budget mardi. Léa Fournier a pris la parole "
        "ensuite devant les élus. « Nous voterons contre », a-t-elle déclaré."
    )
    people = _entities(text, ("Paul Morel", "PER"), ("Léa Fournier", label))

    (quote,) = find_quotes(text, "fr", people)

    assert quote.speaker == "Léa Fournier"


def test_organisation_of_several_words_without_a_first_name_is_no_person() -> None:
    text = (
        "Le directeur, Paul Morel, a présenté le budget mardi. Transports Fournier a réagi "
        "ensuite devant les élus. « Nous voterons contre », a-t-il déclaré."
    )
    people = _entities(text, ("Paul Morel", "PER"), ("Transports Fournier", "ORG"))

    (quote,) = find_quotes(text, "fr", people)

    assert quote.speaker == "Paul Morel"


@pytest.mark.parametrize(
    ("later", "speaker"),
    [
        ("la Ligue des États arabes", "Ligue des États arabes"),
        ("la Ligue arabe", "Ligue arabe"),
    ],
)
def test_organisation_speaks_by_the_fullest_form_the_article_gives(
    later: str, speaker: str
) -> None:
    text = (
        "La Ligue arabe a réuni ses membres au Caire. « La trêve doit tenir », a déclaré la "
        f"Ligue arabe dimanche. Les ministres de {later} se reverront en mai."
    )
    first = text.index("Ligue arabe")
    said = text.index("Ligue arabe", first + 1)
    other = text.index(later.removeprefix("la "), said + 1)
    spans = [
        (first, first + 11, "ORG"),
        (said, said + 11, "ORG"),
        (other, other + len(later) - 3, "ORG"),
    ]
    entities = link_entities(find_entities(text, spans, rules_for("fr")), "fr")

    (quote,) = find_quotes(text, "fr", entities)

    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "loose"),
    [
        ("« Le site fermera en mars », a déclaré Paul Morel mardi.", False),
        ("Paul Morel a répondu mardi aux élus :\n« Le site fermera en mars. »", True),
        ("Paul Morel a dressé un bilan sévère : « Le site fermera en mars. »", True),
    ],
)
def test_speaker_joined_to_its_quotation_by_a_colon_or_another_sentence_is_less_sure(
    text: str, loose: bool
) -> None:
    (quote, evidence), *_ = read_quotes(text, "fr", _entities(text, ("Paul Morel", "PER")))

    assert quote.speaker == "Paul Morel"
    assert evidence.speaker_path.endswith("-loose") is loose
    bound = replace(evidence, speaker_path=evidence.speaker_path.removesuffix("-loose"))
    assert (confidences(evidence, "fr")[1] < confidences(bound, "fr")[1]) is loose


@pytest.mark.parametrize(
    ("name", "risk"),
    [("Léa Fournier", "personal"), ("Fournier", "short"), ("Transports Fournier", None)],
)
def test_organisation_that_may_be_a_person_or_a_piece_of_a_name_is_its_own_path(
    name: str, risk: str | None
) -> None:
    text = f"« Le site fermera en mars », a annoncé {name} mardi."

    (quote, evidence), *_ = read_quotes(text, "fr", _entities(text, (name, "ORG")))

    assert quote.speaker == name
    expected = "entity-ORG" if risk is None else f"entity-ORG-{risk}"
    assert evidence.speaker_path == expected


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("Lors de sa tournée en Asie, le ministre", "Hugo Lemaire"),
        ("Le ministre", "Hugo Lemaire"),
    ],
)
def test_place_before_a_role_opening_the_clause_is_no_person(opening: str, speaker: str) -> None:
    text = (
        "Le gouvernement a reçu le ministre des Finances, Hugo Lemaire, mardi. "
        f"{opening} avait déclaré que le budget serait tenu."
    )
    entities = _entities(text, ("Hugo Lemaire", "PER"), *([("Asie", "LOC")] * ("Asie" in text)))

    (quote,) = find_quotes(text, "fr", entities)

    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("before", "later", "speaker"),
    [
        (
            "La préfecture de police de Paris a fermé le pont.",
            "La préfecture",
            "préfecture de police de Paris",
        ),
        (
            "Le ministère russe de la Défense a publié un bilan.",
            "Le ministère",
            "ministère russe de la Défense",
        ),
        ("La préfecture a fermé le pont.", "La préfecture", "préfecture"),
    ],
)
def test_organisation_named_by_its_noun_alone_speaks_by_the_fuller_phrase_before(
    before: str, later: str, speaker: str
) -> None:
    text = f"{before} {later} a précisé que la circulation reprendrait lundi."

    (quote,) = find_quotes(text, "fr", _entities(text))

    assert quote.speaker == speaker
