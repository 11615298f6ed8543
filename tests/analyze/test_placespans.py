"""Places where the model's spans and the text's place names disagree, and demonyms as evidence:
sentences written for these tests, read through the real gazetteer."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newsdesk.analyze.demonyms import countries_in, is_demonym
from newsdesk.analyze.entities import entity_id
from newsdesk.analyze.places import find_places, region_id
from newsdesk.records import Entity, EntityLabel, Mention, Place


def _entities(text: str, spans: Sequence[tuple[str, EntityLabel]]) -> list[Entity]:
    """One entity per distinct span text, a mention at each place the text has it."""
    out = []
    for written, label in spans:
        starts, at = [], text.find(written)
        while at >= 0:
            starts.append(at)
            at = text.find(written, at + 1)
        mentions = tuple(Mention(s, s + len(written), written) for s in starts)
        out.append(Entity(entity_id(label, written), written, label, mentions))
    return out


def _read(
    text: str, spans: Sequence[tuple[str, EntityLabel]], lang: str
) -> tuple[dict[str, Entity], dict[str, Place]]:
    entities, places = find_places(_entities(text, spans), lang, text)
    return {e.name: e for e in entities}, {p.name: p for p in places if p.lat is not None}


def test_a_preposition_the_model_took_is_left_out_and_a_channel_is_no_place() -> None:
    text = "Le journaliste de France 2 a été tué. L'ambassade de France à Damas a réagi."
    entities, places = _read(text, [("de France", "LOC"), ("Damas", "LOC")], "fr")
    assert entities["France 2"].label == "ORG"
    assert places["France"].country_code == "FR"
    (mention,) = entities["France"].mentions
    assert text[mention.start : mention.end] == "France" and mention.start > text.index("2")
    assert places["Damas"].country_code == "SY"


def test_a_place_written_before_an_organisation_is_part_of_its_name() -> None:
    text = "The knife bore the United States Marine Corps emblem."
    entities, places = _read(text, [("United States", "LOC"), ("Marine Corps", "ORG")], "en")
    assert "United States" not in places
    assert entities["United States Marine Corps"].label == "ORG"


def test_a_place_in_the_possessive_opening_an_organisation_is_a_place() -> None:
    text = "Mexico’s National Statistics Institute said growth slowed."
    entities, places = _read(text, [("Mexico’s National Statistics Institute", "ORG")], "en")
    assert places["Mexico"].country_code == "MX"
    assert entities["National Statistics Institute"].label == "ORG"


@pytest.mark.parametrize(
    ("text", "span", "place"),
    [
        ("Mountainous Nepal has a history of crashes.", "Mountainous Nepal", "Nepal"),
        ("It rained.\nLandlocked Mongolia froze.", "Landlocked Mongolia", "Mongolia"),
    ],
)
def test_an_adjective_opening_a_sentence_is_no_part_of_a_country(
    text: str, span: str, place: str
) -> None:
    entities, places = _read(text, [(span, "PER")], "en")
    assert place in places and span not in entities


def test_a_person_ending_in_a_country_name_stays_a_person() -> None:
    text = "Michael Jordan played. Anatole France wrote."
    entities, places = _read(text, [("Michael Jordan", "PER"), ("Anatole France", "PER")], "en")
    assert not places
    assert entities["Michael Jordan"].label == entities["Anatole France"].label == "PER"


def test_demonyms_are_counted_per_country_and_division() -> None:
    assert countries_in("Les Américains et les autorités américaines.", "fr")["US"] == 2
    assert countries_in("Les soldats ukrainiens, une Ukrainienne.", "fr")["UA"] == 2
    assert countries_in("A Texan and two Californians.", "en") == {"US.TX": 1, "US.CA": 1}
    # English demonyms keep their capital: a verb is no Pole.
    assert countries_in("They polish the French cars.", "en") == {"FR": 1}
    assert countries_in("Des Américains", "xx") == {}
    assert is_demonym("Montanan", "en") and not is_demonym("Montana", "en")


def test_a_demonym_points_to_its_country_when_a_name_is_read() -> None:
    texan = "Le shérif texan a parlé à Paris."
    _, places = _read(texan, [("Paris", "LOC")], "fr")
    assert (places["Paris"].country_code, places["Paris"].feature) == ("US", "city")
    plain = "Le shérif a parlé à Paris."
    _, places = _read(plain, [("Paris", "LOC")], "fr")
    assert places["Paris"].country_code == "FR"


def test_a_demonym_is_no_person_and_no_place() -> None:
    text = "Every Montanan knows it, said Jon Tester."
    entities, places = _read(text, [("Montanan", "PER"), ("Jon Tester", "PER")], "en")
    assert entities["Montanan"].label == "MISC"
    assert entities["Jon Tester"].label == "PER"
    assert not places


def test_a_region_without_a_geonames_id_is_located_by_its_iso_code() -> None:
    text = "Wildfires spread across Alberta. Alberta asked for help."
    entities, places = _read(text, [("Alberta", "LOC")], "en")
    alberta = places["Alberta"]
    assert alberta.geonameid is None and alberta.country_code == "CA"
    assert alberta.entity_id == region_id("CA-AB") == entities["Alberta"].id
    assert len(entities["Alberta"].mentions) == 2


def test_a_name_cut_at_its_elided_article_is_made_whole() -> None:
    text = "She lived in Coeur d’Alene, Idaho, then moved."
    entities, places = _read(text, [("Coeur", "ORG"), ("Idaho", "LOC")], "en")
    assert places["Coeur d’Alene"].country_code == "US"
    assert places["Coeur d’Alene"].feature == "city"
    assert "Coeur" not in entities
