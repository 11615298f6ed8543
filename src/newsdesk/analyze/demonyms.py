"""Demonyms and adjectives of place (``américaine``, ``German``, ``Texan``): which country or
first-level division a text speaks of without naming it (``data/demonyms.toml``).

They weigh in the reading of the article's place names as its other places do, and are never
place mentions themselves; a name the model took for a person or a place that is only a
demonym (``Montanan``) is no person and no place.

>>> sorted(countries_in("Les autorités américaines et le chef de l'armée française.", "fr"))
['FR', 'US']
>>> sorted(countries_in("A polish of German cars, said the Texan.", "en").items())
[('DE', 1), ('US.TX', 1)]
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from newsdesk.analyze.entities import relabel
from newsdesk.analyze.gazetteer import key
from newsdesk.records import Entity, name_key

DATA = Path(__file__).parent / "data" / "demonyms.toml"


def _french_forms(word: str) -> set[str]:
    if word.endswith("e"):
        singular = {word}
    elif word.endswith(("ien", "éen", "on")):
        singular = {word, word + "ne"}
    else:
        singular = {word, word + "e"}
    return singular | {w if w.endswith(("s", "x")) else w + "s" for w in singular}


def _english_forms(word: str) -> set[str]:
    if word.endswith(("ese", "ish", "ch", "sh", "ss")):
        return {word}
    return {word, word + "s"}


_FORMS = {"fr": _french_forms, "en": _english_forms}


@cache
def table(language: str) -> dict[str, str]:
    """Demonym form (as ``name_key``) -> country code, or ``CC.ADMIN1`` for a division."""
    with DATA.open("rb") as f:
        data = tomllib.load(f)
    forms = _FORMS.get(language)
    if forms is None:
        return {}
    out: dict[str, str] = {}
    for place, words in data.get(language, {}).items():
        for word in words:
            for form in forms(word):
                out[name_key(form)] = place
    return out


_WORD = re.compile(r"[^\W\d_]+")


@cache
def _written(language: str) -> dict[str, str]:
    """Each one-word form as it may be written (français, Français, FRANÇAIS; in English only
    with its capital) -> its place."""
    out: dict[str, str] = {}
    forms = _FORMS.get(language)
    with DATA.open("rb") as f:
        words = tomllib.load(f).get(language, {})
    for place, ws in words.items():
        for form in (f for w in ws if forms for f in forms(w) if not _WORD.sub("", f)):
            cased = {form[0].upper() + form[1:], form.upper()}
            for written in cased if language == "en" else cased | {form.lower()}:
                out[written] = place
    return out


@cache
def _pairs(language: str) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """The first words of the demonyms written in two words ("sud-coréen", "South Korean"),
    and a pattern finding those demonyms."""
    forms = _FORMS.get(language)
    with DATA.open("rb") as f:
        words = tomllib.load(f).get(language, {})
    two = sorted(
        {f for ws in words.values() for w in ws if forms for f in forms(w) if _WORD.sub("", f)}
    )
    if not two:
        return frozenset(), None
    firsts = frozenset(key(_WORD.findall(f)[0]) for f in two)
    alternatives = "|".join(re.escape(f).replace("\\-", "[-\u2010\u2011 ]") for f in two)
    flags = re.IGNORECASE if language != "en" else 0
    return firsts, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


def countries_in(text: str, language: str | None) -> Counter[str]:
    """How many times ``text`` uses a demonym of each country (``CC``) or division
    (``CC.ADMIN1``). English demonyms keep their capital; French adjectives are written in
    lower case and the nouns (les Américains) with a capital: French is matched in any case."""
    lang = language or ""
    places = table(lang)
    found: Counter[str] = Counter()
    if not places:
        return found
    words = Counter(_WORD.findall(text))
    written = _written(lang)
    for word in words.keys() & written.keys():
        found[written[word]] += words[word]
    firsts, pairs = _pairs(lang)
    if pairs is not None and any(key(w) in firsts for w in words):
        for m in pairs.finditer(text):
            found[places[name_key(m[0])]] += 1
    return found


def countries_of_role(words: Iterable[str], language: str | None) -> frozenset[str]:
    """The countries a role's words in lower case name (``chinese``, ``américain``): in a
    role, an English demonym is read as if written with its capital (the Chinese minister)."""
    return frozenset(countries_in(" ".join(w[:1].upper() + w[1:] for w in words), language))


def is_demonym(name: str, language: str | None) -> bool:
    """Whether ``name`` is a demonym of ``language`` and nothing more."""
    return key(name) in table(language or "")


def as_misc(entity: Entity, language: str | None) -> Entity:
    """A "person", "place" or "organisation" that is only a demonym (Montanan) is a MISC name."""
    if entity.label == "MISC" or not is_demonym(entity.name, language):
        return entity
    return relabel(entity, "MISC")
