"""Places: the article's place entities located in the offline gazetteer.

Which entities are places: every LOC entity (but names ``places.toml`` ignores), and an
organisation or other (MISC) entity whose name is exactly a country name or an alias of
``places.toml`` ("la Russie a ..." and "Kyiv said" are often labelled ORG; both name places
that only the press's usage lists). A person is turned into a place only when its name is one
word, no first name, and a country, an alias or a city of a million people ("Kyiv said"):
Georgia, Jordan, Chad and France are first names too, and a lone surname merged into a person
stays a person.
Country names, aliases and cities of a million people that the model missed are also found in
the text itself, when they stand alone (not inside a longer capitalised name).

How a name is read (``gazetteer`` for the tiers):

1. a feature word just before a mention ("la péninsule de Crimée", "the city of Paris")
   keeps only the readings of that kind, when there are some;
2. the readings of the best tier are kept: an alias of the article's language, then a country,
   state or continent name in that language, then in another, then cities, then subdivisions;
3. a country is taken over any other reading unless that reading lies in a first-level
   division the article names elsewhere ("Georgia" with Atlanta, "Paris" with Texas);
4. among the rest, the article's other places decide: a city in a country the article names
   gains as if it were 30 times larger, one in a state or region it names 1000 times; then
   population, and the place's own name over an alternate one.

Before all this, ``placespans`` mends the model's spans where they and the place names of the
text disagree (``de France``, ``France 2``, ``Mexico’s National Statistics Institute``).

The article's demonyms and adjectives of place (américaine, German, Texan; ``demonyms``) count
as its other places do in steps 3 and 4, and are never places themselves.

Each entity gets one reading for all its mentions (one sense per name in an article). Context
comes from a first reading of the other entities without context, so the order of the article
does not matter.

A located place gets the entity id ``entity_id("LOC", "geonames:<id>")`` (a subdivision without
a GeoNames id: ``"iso3166-2:<code>"``), the same in every article and language (Kiev, Kyiv,
Kyïv; Russie, Russia); entities that become the same place are merged. An unlocated place keeps
its id and gets a country only when every reading of its name lies in one country.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc

from newsdesk.analyze.datelines import with_datelines
from newsdesk.analyze.demonyms import as_misc, countries_in
from newsdesk.analyze.entities import entity_id, relabel
from newsdesk.analyze.gazetteer import ALIAS, CITY, GENERIC, Candidate, Gazetteer, Match, key, load
from newsdesk.analyze.placescan import first_name_keys, scan
from newsdesk.analyze.placespans import reconcile
from newsdesk.records import Analysis, Entity, Place

# Labels whose entities are places when their name is a country's or an alias.
COUNTRY_LABELS = frozenset({"ORG", "MISC"})
# Bonuses in powers of ten of population (see the module docstring).
COUNTRY_CONTEXT = 1.5
ADMIN_CONTEXT = 3.0
PRIMARY_NAME = 1.0
# A city's first reading tells where the article is when it beats the next one by this much
# (ten times the population): Atlanta, Georgia over Atlanta, Texas.
CLEAR_MARGIN = 1.0
# Words read before a mention for a feature word ("la région orientale du Donbass").
FEATURE_WINDOW = 4
# Kinds of place that contain cities.
AREAS = frozenset({"region", "state"})

_WORD = re.compile(r"\w+")
# Punctuation that ends the clause a feature word must share with its name.
_CLAUSE = re.compile(r"[,.;:!?«»\"“”()\[\]]")


@dataclass(frozen=True)
class _Evidence:
    """The countries and first-level divisions (country, admin1) some readings point to."""

    countries: Counter[str]
    admins: Counter[tuple[str, str]]


@dataclass(frozen=True)
class _Context:
    """What the article's other entities say: all the evidence but one entity's own."""

    total: _Evidence
    own: _Evidence

    def country(self, cc: str) -> bool:
        return self.total.countries[cc] > self.own.countries[cc]

    def admin(self, cc: str, admin1: str) -> bool:
        return self.total.admins[(cc, admin1)] > self.own.admins[(cc, admin1)]


_NONE = _Evidence(Counter(), Counter())
_EMPTY = _Context(_NONE, _NONE)


def find_places(
    entities: Sequence[Entity], language: str | None, text: str
) -> tuple[tuple[Entity, ...], tuple[Place, ...]]:
    """The article's entities, place entities re-identified by their GeoNames id and merged,
    and one ``Place`` per place entity, in order of first mention.

    >>> from newsdesk.records import Mention
    >>> text = "Des frappes sur Kiev. À Kyiv, on compte les morts."
    >>> mentions = [Entity("a", "Kiev", "LOC", (Mention(16, 20, "Kiev"),)),
    ...             Entity("b", "Kyiv", "LOC", (Mention(24, 28, "Kyiv"),))]
    >>> entities, places = find_places(mentions, "fr", text)
    >>> [(p.name, p.geonameid, p.country_code) for p in places], len(entities[0].mentions)
    ([('Kiev', 703448, 'UA')], 2)
    """
    gazetteer = load()
    lang = language or ""
    entities = [_unplaced(as_misc(e, lang), gazetteer) for e in entities]
    entities = reconcile(entities, text, gazetteer, lang, first_name_keys())
    found = scan(text, with_datelines(entities, text), gazetteer, lang)
    readings: dict[int, list[Match]] = {}
    for i, entity in enumerate(found):
        matches = _readings(entity, gazetteer, lang, text)
        if matches is not None:
            readings[i] = matches
    _pair_appositions(found, readings, gazetteer, lang, text)
    parts = {i: _evidence(_choose(ms, _EMPTY), ms) for i, ms in readings.items()}
    total = _demonym_evidence(text, lang)
    for part in parts.values():
        total.countries.update(part.countries)
        total.admins.update(part.admins)
    chosen = {i: _choose(ms, _Context(total, parts[i])) for i, ms in readings.items()}
    return _rewrite(found, readings, chosen)


def _demonym_evidence(text: str, lang: str) -> _Evidence:
    """The countries and divisions the article's demonyms point to (américaine, Texan)."""
    evidence = _Evidence(Counter(), Counter())
    for place, n in countries_in(text, lang).items():
        cc, _, admin1 = place.partition(".")
        evidence.countries[cc] += n
        if admin1:
            evidence.admins[(cc, admin1)] += n
    return evidence


def _unplaced(entity: Entity, gazetteer: Gazetteer) -> Entity:
    """A "place" whose name places never are (a common noun, ``Etat``; a language, a planet,
    a direction, page furniture: ``places.toml``'s ignored names) is a MISC name, so the
    entity list never shows as a place what the places leave out."""
    if entity.label != "LOC" or key(entity.name) not in gazetteer.ignored:
        return entity
    return relabel(entity, "MISC")


def _readings(entity: Entity, gazetteer: Gazetteer, lang: str, text: str) -> list[Match] | None:
    """The readings of a place entity's name (maybe none), or None if it is no place."""
    k = key(entity.name)
    if k in gazetteer.ignored:
        return None
    matches = gazetteer.lookup(entity.name, lang)
    if entity.label == "PER":
        # "Kyiv said": a one-word "person" that is no first name but the press's name of a
        # place, a country or a city of a million people is that place.
        if (
            " " in k
            or k in first_name_keys()
            or not (
                k in gazetteer.large_cities
                or any(m.tier == ALIAS or m.candidate.feature == "country" for m in matches)
            )
        ):
            return None
        return matches
    if entity.label != "LOC":
        named = any(
            m.tier == ALIAS or (m.candidate.feature == "country" and m.tier <= GENERIC)
            for m in matches
        )
        if entity.label not in COUNTRY_LABELS or not named:
            return None
    hint = _feature_hint(entity, gazetteer, lang, text)
    if hint is None:
        return matches
    hinted = [m for m in matches if m.candidate.feature == hint]
    if hinted:
        return hinted
    if hint in AREAS and matches and all(m.candidate.feature == "city" for m in matches):
        # "la région de Louhansk": the region is meant, and the gazetteer holds only the city.
        area = Candidate(None, entity.name, None, None, _sure_country(matches), hint)
        return [Match(area, matches[0].tier)]
    return matches


def _feature_hint(entity: Entity, gazetteer: Gazetteer, lang: str, text: str) -> str | None:
    """The kind of place a feature word before a mention names ("la péninsule de Crimée")."""
    words = gazetteer.features.get(lang, {})
    links = gazetteer.links.get(lang, frozenset())
    if not words:
        return None
    for mention in entity.mentions:
        before = _CLAUSE.split(text[max(0, mention.start - 60) : mention.start])[-1]
        found = [key(w) for w in _WORD.findall(before)][-FEATURE_WINDOW:]
        if not found or (found[-1] not in links and found[-1] not in words):
            continue
        for word in reversed(found):
            if word in words:
                return words[word]
    return None


def _pair_appositions(
    entities: list[Entity],
    readings: dict[int, list[Match]],
    gazetteer: Gazetteer,
    lang: str,
    text: str,
) -> None:
    """Read "Paris, Texas" together: the city's readings inside one of the area's, the area's
    readings holding one of the city's (in place)."""
    forms = gazetteer.appositions.get(lang)
    if not forms:
        return
    starts = {m.start: i for i in readings for m in entities[i].mentions}
    for i in list(readings):
        for mention in entities[i].mentions:
            follows = [
                starts.get(mention.end + len(f)) for f in forms if text.startswith(f, mention.end)
            ]
            j = next((j for j in follows if j is not None and j != i), None)
            if j is None:
                continue
            pairs = [
                (c, a)
                for c in readings[i]
                if c.candidate.feature == "city"
                for a in readings[j]
                if _inside(c.candidate, a.candidate)
            ]
            if pairs:
                readings[i] = list(dict.fromkeys(c for c, _ in pairs))
                readings[j] = list(dict.fromkeys(a for _, a in pairs))
            else:
                _town_in_area(readings, i, j)
            break


def _town_in_area(readings: dict[int, list[Match]], i: int, j: int) -> None:
    """ "Conway, Washington" where the gazetteer knows no Conway in that state: the second name
    is the state (of the country of the town's readings), the town stays unlocated."""
    countries = {m.candidate.country_code for m in readings[i]}
    areas = [
        m
        for m in readings[j]
        if m.candidate.feature in AREAS and (not countries or m.candidate.country_code in countries)
    ]
    if areas:
        readings[j] = areas
        readings[i] = []


def _inside(city: Candidate, area: Candidate) -> bool:
    if city.country_code != area.country_code or area.feature not in AREAS | {"country"}:
        return False
    return area.feature == "country" or (area.admin1 is not None and city.admin1 == area.admin1)


def _score(match: Match, context: _Context) -> float:
    c = match.candidate
    score = math.log10(c.population + 1) + (PRIMARY_NAME if match.primary else 0.0)
    if c.country_code and context.country(c.country_code):
        score += COUNTRY_CONTEXT
    if c.country_code and c.admin1 and context.admin(c.country_code, c.admin1):
        score += ADMIN_CONTEXT
    return score


def _choose(matches: list[Match], context: _Context) -> Candidate | None:
    if not matches:
        return None
    pool = [m for m in matches if m.tier == matches[0].tier]
    inside = [
        m
        for m in matches
        if m.tier <= CITY
        and m.candidate.admin1
        and context.admin(m.candidate.country_code or "", m.candidate.admin1)
    ]
    # A name that is itself a state or region ("Minnesota, Virginia or New Jersey") stays
    # that area, not a town of the same country lying in an area the article names.
    # Likewise a country's name ("Mexico" beside "Mexico City") stays the country.
    areas = {m.candidate.country_code for m in pool if m.candidate.feature in AREAS | {"country"}}
    inside = [
        m for m in inside if m.candidate.feature in AREAS or m.candidate.country_code not in areas
    ]
    if inside:
        pool = inside
    else:
        countries = [m for m in pool if m.candidate.feature == "country"]
        if countries:
            pool = countries
    return max(pool, key=lambda m: _score(m, context)).candidate


def _evidence(chosen: Candidate | None, matches: list[Match]) -> _Evidence:
    """What an entity's first reading says about where the article is: its country and first
    division, when the reading is an area or the name has no other reading."""
    if chosen is None or chosen.country_code is None:
        return _NONE
    scores = sorted((_score(m, _EMPTY) for m in matches), reverse=True)
    clear = len(scores) == 1 or scores[0] - scores[1] >= CLEAR_MARGIN
    if chosen.feature == "city" and not clear:
        return _NONE
    admins: Counter[tuple[str, str]] = Counter()
    if chosen.admin1:
        admins[(chosen.country_code, chosen.admin1)] = 1
    return _Evidence(Counter({chosen.country_code: 1}), admins)


def _sure_country(matches: list[Match]) -> str | None:
    codes = {m.candidate.country_code for m in matches}
    return codes.pop() if len(codes) == 1 else None


@lru_cache(maxsize=1 << 14)
def place_id(geonameid: int) -> str:
    """The entity id of a located place, the same in every article and language.

    >>> place_id(703448) == entity_id("LOC", "geonames:703448")
    True
    """
    return entity_id("LOC", f"geonames:{geonameid}")


def region_id(code: str) -> str:
    """The entity id of a subdivision located by its ISO 3166-2 code (it has no GeoNames id).

    >>> region_id("CA-AB") == entity_id("LOC", "iso3166-2:CA-AB")
    True
    """
    return entity_id("LOC", f"iso3166-2:{code}")


def _location(candidate: Candidate) -> int | str | None:
    """What locates a reading: its GeoNames id, else its ISO 3166-2 code, else nothing."""
    if candidate.geonameid is not None:
        return candidate.geonameid
    return candidate.code if candidate.lat is not None else None


def _rewrite(
    entities: list[Entity], readings: dict[int, list[Match]], chosen: dict[int, Candidate | None]
) -> tuple[tuple[Entity, ...], tuple[Place, ...]]:
    groups: dict[int | str, list[Entity]] = {}
    out: list[Entity] = []
    places: dict[str, Place] = {}
    for i, entity in enumerate(entities):
        candidate = chosen.get(i)
        location = _location(candidate) if candidate else None
        if i not in readings:
            out.append(entity)
        elif location is None:
            out.append(entity)
            cc = candidate.country_code if candidate else _sure_country(readings[i])
            feature = candidate.feature if candidate else None
            places[entity.id] = Place(entity.id, entity.name, None, None, None, cc, feature)
        else:
            groups.setdefault(location, []).append(entity)
    located = {_location(c): c for c in chosen.values() if c and _location(c) is not None}
    for location, group in groups.items():
        c = located[location]
        mentions = sorted({m for e in group for m in e.mentions}, key=lambda m: (m.start, m.end))
        name = max(group, key=lambda e: len(e.mentions)).name  # max keeps the first of ties
        ident = place_id(location) if isinstance(location, int) else region_id(location)
        merged = Entity(ident, name, "LOC", tuple(mentions))
        out.append(merged)
        places[merged.id] = Place(
            merged.id, name, c.geonameid, c.lat, c.lon, c.country_code, c.feature
        )
    out.sort(key=lambda e: e.mentions[0].start)
    order = {e.id: e.mentions[0].start for e in out}
    return tuple(out), tuple(sorted(places.values(), key=lambda p: order[p.entity_id]))


class PlaceFinder:
    """The places component: locates the place entities the entities component found."""

    name = "places"
    requires: frozenset[str] = frozenset()

    def __call__(self, doc: Doc, analysis: Analysis) -> Analysis:
        """``analysis`` with its places, and its entities re-identified by place."""
        entities, places = find_places(
            analysis.entities, analysis.article.language, analysis.article.text
        )
        return replace(analysis, entities=entities, places=places)


def locate_all(names: Iterable[str], language: str | None) -> list[Candidate | None]:
    """The reading of each name alone, without an article around it (for tools and tests).

    >>> [c.country_code if c else None for c in locate_all(["Moscou", "Bucha"], "fr")]
    ['RU', 'UA']
    """
    gazetteer = load()
    return [_choose(gazetteer.lookup(name, language), _EMPTY) for name in names]
