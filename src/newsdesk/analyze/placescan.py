"""Place names the model missed: country names, aliases and cities of a million people found
in the text itself, when they stand alone (not inside a longer capitalised name)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache

from newsdesk.analyze.entities import entity_id
from newsdesk.analyze.gazetteer import Gazetteer, key, load
from newsdesk.analyze.lexicon import first_names
from newsdesk.records import Entity, Mention

# Longest name, in words, looked for in the text.
SCAN_WORDS = 4

_WORD = re.compile(r"\w+")
_JOIN = re.compile(r"[ \u00a0]|-|'|’|\.|\. ")
_SENTENCE_OPENERS = '.!?:;«»"“”(\n'
# A capitalised word (the first letter is checked with str.isupper; the class is a prefilter).
_CAPITAL = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-ÞĀ-ſ]\w*")
# The word just before a position, written against it (New Mexico, Nord-Kivu).
_PREVIOUS = re.compile(r"(\w+)[ \u00a0-]$")
# The word just after a position, written against it.
_NEXT = re.compile(r"[ \u00a0-](\w+)")


@cache
def first_name_keys() -> frozenset[str]:
    return frozenset(key(n) for n in first_names())


@cache
def _scan_keys(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The names looked for in text (first names apart: Sofia, Milan, Adelaide), and the keys
    of the words they open with, to pass most capitalised words by with one lookup."""
    names = {n.casefold() for n in first_names()}
    keys = frozenset(k for k in load().scan_keys(lang) if k not in names)
    # An abbreviation (U.S.) opens with its first letter as a word.
    heads = {k.split(" ")[0] for k in keys} | {k[0] for k in keys if len(k) <= 3}
    return keys, frozenset(heads)


def scan(text: str, entities: list[Entity], gazetteer: Gazetteer, lang: str) -> list[Entity]:
    """``entities`` with the place names found in ``text`` outside every entity mention: as
    more mentions of the entity of the same name, or as new LOC entities."""
    keys, heads = _scan_keys(lang)
    taken = bytearray(len(text))
    for entity in entities:
        for m in entity.mentions:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    owners = {key(m.text): i for i, e in enumerate(entities) for m in e.mentions}
    people = {k for k, i in owners.items() if entities[i].label == "PER"}
    extra: dict[str, list[Mention]] = {}
    after = 0
    for word in _CAPITAL.finditer(text):
        if word.start() < after or key(word[0]) not in heads or taken[word.start()]:
            continue
        hit = _name_at(text, word, keys)
        if hit is None:
            continue
        start, end = hit
        k = key(text[start:end])
        if not any(taken[start:end]) and k not in people:
            extra.setdefault(k, []).append(Mention(start, end, text[start:end]))
        after = end
    if not extra:
        return entities
    out = list(entities)
    for k, mentions in extra.items():
        if k in owners:
            owner = out[owners[k]]
            all_mentions = sorted([*owner.mentions, *mentions], key=lambda m: m.start)
            out[owners[k]] = replace(owner, mentions=tuple(all_mentions))
        else:
            names = Counter(m.text for m in mentions)
            name = max(names, key=lambda n: names[n])
            out.append(Entity(entity_id("LOC", name), name, "LOC", tuple(mentions)))
    return sorted(out, key=lambda e: e.mentions[0].start)


def _name_at(text: str, word: re.Match[str], keys: frozenset[str]) -> tuple[int, int] | None:
    """(start, end) of the longest scan name opening with ``word`` that stands alone."""
    start = word.start()
    if not text[start].isupper():
        return None
    before = _PREVIOUS.search(text, max(0, start - 40), start)
    if before and before[1][0].isupper() and not _opens_sentence(text, before.start()):
        return None  # inside a longer name (New Mexico)
    words = [word.span()]
    for w in _WORD.finditer(text, word.end(), min(len(text), word.end() + 60)):
        if len(words) == SCAN_WORDS or not _JOIN.fullmatch(text, words[-1][1], w.start()):
            break
        words.append(w.span())
    for n in range(len(words), 0, -1):
        end = words[n - 1][1]
        if "." in text[start:end] and text[end : end + 1] == ".":
            end += 1  # U.S.
        written = text[start:end]
        k = key(written)
        if k not in keys or (len(k) < 4 and not written.replace(".", "").isupper()):
            continue
        following = _NEXT.match(text, end)
        if following and following[1][0].isupper():
            return None  # the head of a longer name (Kyiv Independent)
        return start, end
    return None


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start].rstrip()
    return not before or before[-1] in _SENTENCE_OPENERS
