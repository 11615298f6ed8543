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
from dataclasses import replace
from functools import cache
from pathlib import Path

from newsdesk.analyze.entities import entity_id
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


@cache
def _pattern(language: str) -> re.Pattern[str] | None:
    with DATA.open("rb") as f:
        words = tomllib.load(f).get(language, {})
    forms = _FORMS.get(language)
    if not words or forms is None:
        return None
    written = sorted(
        {form for ws in words.values() for w in ws for form in forms(w)}, key=len, reverse=True
    )
    alternatives = "|".join(re.escape(w).replace("\\-", "[-\u2010\u2011 ]") for w in written)
    # English demonyms keep their capital; French adjectives are written in lower case and the
    # nouns (les Américains) with a capital: French is matched in any case.
    flags = re.IGNORECASE if language != "en" else 0
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


def countries_in(text: str, language: str | None) -> Counter[str]:
    """How many times ``text`` uses a demonym of each country (``CC``) or division
    (``CC.ADMIN1``)."""
    pattern = _pattern(language or "")
    if pattern is None:
        return Counter()
    places = table(language or "")
    return Counter(places[name_key(m[0])] for m in pattern.finditer(text))


def is_demonym(name: str, language: str | None) -> bool:
    """Whether ``name`` is a demonym of ``language`` and nothing more."""
    return name_key(name) in table(language or "")


def as_misc(entity: Entity, language: str | None) -> Entity:
    """A "person", "place" or "organisation" that is only a demonym (Montanan) is a MISC name."""
    if entity.label == "MISC" or not is_demonym(entity.name, language):
        return entity
    return replace(entity, id=entity_id("MISC", entity.name), label="MISC")
