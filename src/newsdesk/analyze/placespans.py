"""Where the model's spans and the place names of the text disagree, read before the places are
located (each rule is a way news is written, seen on real pages):

- a preposition the model took into a place (``de France`` in ``l'ambassade de France``) is
  left out of it, and a name the model cut at an elided article (``Coeur`` of ``Coeur
  d’Alene``) is made whole when the gazetteer knows the whole;
- a place followed by a channel's or a station's number (``France 2``, ``Europe 1``) names an
  organisation, not a place;
- a place written right before an organisation's name (``United States Marine Corps``) is part
  of that name, not a place;
- a place in the possessive opening an organisation's span (``Mexico’s National Statistics
  Institute``, ``Nepal's civil aviation authority``) is a place, and the rest the organisation;
- a "person" opening a sentence with a capitalised word that is no first name before a country
  (``Mountainous Nepal has a history``) is that country, the adjective left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsdesk.analyze.entities import entity_id
from newsdesk.analyze.gazetteer import GENERIC, Gazetteer, key
from newsdesk.records import Entity, Mention

# A number after a place name that makes it a channel or a station: "France 2", "Europe 1".
_CHANNEL = re.compile(r"[ \u00a0]\d{1,2}(?![\d/.,:hH])\b")
# An elided article and the capitalised word it is written against: "d’Alene", "d'Ivoire".
_ELISION = re.compile(r"[ \u00a0]?[dl]['’][A-ZÀ-Þ][\w-]*")
# A possessive after a name: "Mexico’s", "Nepal's".
_POSSESSIVE = re.compile(r"['’]s[ \u00a0]")
_SENTENCE_OPENERS = '.!?:;«»"“”(\n'


def _is_country(name: str, gazetteer: Gazetteer, lang: str) -> bool:
    """A country, a state or an alias of the press: names no one reads as anything else."""
    return any(m.tier <= GENERIC for m in gazetteer.lookup(name, lang))


def _named(entity: Entity, mentions: Sequence[Mention]) -> list[Entity]:
    """``entity`` with ``mentions`` (none left: no entity)."""
    return [replace(entity, mentions=tuple(mentions))] if mentions else []


def _preposition(entity: Entity, text: str, gazetteer: Gazetteer, lang: str) -> list[Entity]:
    if entity.label != "LOC":
        return [entity]
    links = gazetteer.links.get(lang, frozenset())
    mentions = []
    for m in entity.mentions:
        head = re.match(r"(\w+['’]?) ?", m.text)
        rest = m.text[head.end() :] if head else ""
        if head and key(head[1]) in links and head[1].islower() and rest[:1].isupper():
            start = m.start + head.end()
            m = Mention(start, m.end, text[start : m.end])
        mentions.append(m)
    if mentions == list(entity.mentions):
        return [entity]
    name = mentions[0].text
    return [Entity(entity_id("LOC", name), name, "LOC", tuple(mentions))]


def _organisations(
    entities: list[Entity], text: str, gazetteer: Gazetteer, lang: str
) -> list[Entity]:
    """A place name joined to the channel number or the organisation's name written right
    after it: one organisation (``France 2``, ``United States Marine Corps``)."""
    org_at = {
        m.start: (i, m) for i, e in enumerate(entities) if e.label == "ORG" for m in e.mentions
    }
    dropped: set[tuple[int, Mention]] = set()
    joined: list[Mention] = []
    for i, entity in enumerate(entities):
        if entity.label == "PER" or (
            entity.label != "LOC" and not _is_country(entity.name, gazetteer, lang)
        ):
            continue
        for m in entity.mentions:
            channel = _CHANNEL.match(text, m.end)
            after = org_at.get(m.end + 1) if text[m.end : m.end + 1] == " " else None
            if channel:
                end = channel.end()
            elif after is not None and after[0] != i:
                end = after[1].end
                dropped.add(after)
            else:
                continue
            dropped.add((i, m))
            joined.append(Mention(m.start, end, text[m.start : end]))
    if not joined:
        return entities
    out = []
    for i, entity in enumerate(entities):
        out += _named(entity, [m for m in entity.mentions if (i, m) not in dropped])
    out += [Entity(entity_id("ORG", m.text), m.text, "ORG", (m,)) for m in joined]
    return out


def _elision(entity: Entity, text: str, gazetteer: Gazetteer, lang: str) -> list[Entity]:
    if entity.label == "PER":
        return [entity]
    mentions = []
    for m in entity.mentions:
        cut = _ELISION.match(text, m.end)
        if cut and gazetteer.lookup(text[m.start : cut.end()], lang):
            m = Mention(m.start, cut.end(), text[m.start : cut.end()])
        mentions.append(m)
    if mentions == list(entity.mentions):
        return [entity]
    name = mentions[0].text
    return [Entity(entity_id("LOC", name), name, "LOC", tuple(mentions))]


def _possessive(entity: Entity, text: str, gazetteer: Gazetteer, lang: str) -> list[Entity]:
    if entity.label not in ("ORG", "MISC"):
        return [entity]
    rest, places = [], []
    for m in entity.mentions:
        cut = _POSSESSIVE.search(m.text)
        head = m.text[: cut.start()] if cut else ""
        if cut is None or not head or not _is_country(head, gazetteer, lang):
            rest.append(m)
            continue
        places.append(Mention(m.start, m.start + len(head), head))
        if m.text[cut.end() :].strip():
            rest.append(Mention(m.start + cut.end(), m.end, m.text[cut.end() :]))
    if not places:
        return [entity]
    out = [Entity(entity_id("LOC", p.text), p.text, "LOC", (p,)) for p in places]
    if rest:
        name = rest[0].text
        out.append(Entity(entity_id(entity.label, name), name, entity.label, tuple(rest)))
    return out


def _opening_adjective(
    entity: Entity, text: str, gazetteer: Gazetteer, lang: str, first_names: frozenset[str]
) -> list[Entity]:
    if entity.label != "PER" or len(entity.mentions) != 1:
        return [entity]
    (m,) = entity.mentions
    first, _, tail = m.text.partition(" ")
    before = text[max(0, m.start - 8) : m.start].rstrip()
    if (
        not tail
        or key(first) in first_names
        or (before and before[-1] not in _SENTENCE_OPENERS)
        or not _is_country(tail, gazetteer, lang)
    ):
        return [entity]
    start = m.start + len(first) + 1
    return [Entity(entity_id("LOC", tail), tail, "LOC", (Mention(start, m.end, tail),))]


def reconcile(
    entities: Sequence[Entity],
    text: str,
    gazetteer: Gazetteer,
    lang: str,
    first_names: frozenset[str],
) -> list[Entity]:
    """``entities`` with the rules of the module docstring applied, entities of one name that
    the rules made joined, in order of first mention."""
    out: list[Entity] = []
    for entity in entities:
        found = [entity]
        for rule in (_preposition, _elision, _possessive):
            found = [f for e in found for f in rule(e, text, gazetteer, lang)]
        found = [
            f for e in found for f in _opening_adjective(e, text, gazetteer, lang, first_names)
        ]
        out.extend(found)
    out = _organisations(out, text, gazetteer, lang)
    joined: dict[str, Entity] = {}
    for entity in out:
        same = joined.get(entity.id)
        if same is None:
            joined[entity.id] = entity
        else:
            mentions = sorted({*same.mentions, *entity.mentions}, key=lambda m: (m.start, m.end))
            joined[entity.id] = replace(same, mentions=tuple(mentions))
    return sorted(joined.values(), key=lambda e: e.mentions[0].start)
