"""Linking names to known facts: ``OTAN``, ``NATO`` and ``l'Alliance atlantique`` are one entity.

The facts are data (``data/organizations.toml``, one table per fact, documented at its top):
a label, a canonical name, and the names, acronyms and aliases the fact goes by in each
language. A linked entity takes the fact's id, the same in every article and language:
``entity_id(label, "wikidata:Q…")`` when the Wikidata item is known, else
``entity_id(label, "org:<key>")``.

Names and aliases are compared as ``name_key`` forms (no case, accents, periods). Acronyms are
compared exactly as written, periods and spaces aside: ``UN`` is the United Nations, ``Un`` at
the start of a French sentence is not, nor is ``who`` the World Health Organization.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from newsdesk.records import Entity, EntityLabel, name_key

DATA = Path(__file__).parent / "data"
FACTS = DATA / "organizations.toml"
# Forms under this language key are the same in every language (G7, UNESCO).
ANY_LANGUAGE = "all"
_LABELS: tuple[EntityLabel, ...] = ("PER", "ORG", "LOC", "MISC")
# language -> compared form -> keys of the facts going by it
_Index = dict[str, dict[str, set[str]]]


def _entity_id(label: str, key: str) -> str:
    # The formula of ``newsdesk.analyze.entities.entity_id`` (the tests check they agree),
    # written again here because the entities module imports this one.
    return hashlib.sha1(f"{label}:{name_key(key)}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Fact:
    """One known entity: what every name of it links to."""

    key: str
    label: EntityLabel
    name: str
    wikidata: str | None = None
    names: Mapping[str, tuple[str, ...]] | None = None
    acronyms: Mapping[str, tuple[str, ...]] | None = None
    aliases: Mapping[str, tuple[str, ...]] | None = None

    @property
    def id(self) -> str:
        """The entity id every article gives this fact.

        >>> facts()["nato"].id == entity_id_of("ORG", "wikidata:Q7184")
        True
        """
        if self.wikidata:
            return _entity_id(self.label, f"wikidata:{self.wikidata}")
        return _entity_id(self.label, f"org:{self.key}")


def entity_id_of(label: str, key: str) -> str:
    """``newsdesk.analyze.entities.entity_id`` without loading the NLP models."""
    return _entity_id(label, key)


def _forms(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"{where}: expected a table of languages, got {value!r}")
    forms: dict[str, tuple[str, ...]] = {}
    for language, names in value.items():
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise ValueError(f"{where}.{language}: expected a list of names, got {names!r}")
        forms[str(language)] = tuple(names)
    return forms


def parse_facts(data: Mapping[str, Any], source: str = "<facts>") -> dict[str, Fact]:
    """Facts from the parsed tables of a facts file; raises ``ValueError`` naming the table and
    the reason when one is malformed."""
    found: dict[str, Fact] = {}
    for key, table in data.items():
        where = f"{source}: [{key}]"
        if not isinstance(table, Mapping):
            raise ValueError(f"{where}: expected a table")
        label = table.get("label", "ORG")
        if label not in _LABELS:
            raise ValueError(f"{where}: label {label!r} is not one of {', '.join(_LABELS)}")
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"{where}: needs a canonical name")
        wikidata = table.get("wikidata")
        if wikidata is not None and not (
            isinstance(wikidata, str) and wikidata[:1] == "Q" and wikidata[1:].isdigit()
        ):
            raise ValueError(f"{where}: wikidata {wikidata!r} is not an item id like Q7184")
        found[key] = Fact(
            key=key,
            label=label,
            name=name,
            wikidata=wikidata,
            names=_forms(table.get("names"), f"{where} names"),
            acronyms=_forms(table.get("acronyms"), f"{where} acronyms"),
            aliases=_forms(table.get("aliases"), f"{where} aliases"),
        )
    return found


def load_facts(paths: Sequence[Path]) -> dict[str, Fact]:
    """The facts of several files, later files adding to (or replacing keys of) earlier ones."""
    found: dict[str, Fact] = {}
    for path in paths:
        with path.open("rb") as f:
            found.update(parse_facts(tomllib.load(f), str(path)))
    return found


_BRACKETED = re.compile(r"^\s*([^()]*\S)\s*\(([^()]+)\)\s*$")


def acronym_form(text: str) -> str:
    """How acronyms are compared: as written, without periods and spaces.

    >>> acronym_form("U.N."), acronym_form("Un")
    ('UN', 'Un')
    """
    return "".join(text.replace(".", "").split())


@dataclass(frozen=True)
class Link:
    """What a name links to."""

    id: str
    label: EntityLabel
    name: str
    wikidata: str | None
    key: str


class Linker:
    """Finds the fact a name refers to.

    >>> linker = Linker.default()
    >>> linker.link("OTAN", "fr") == linker.link("NATO", "en")
    True
    >>> linker.link("Un", "fr") is None
    True
    """

    def __init__(self, facts: Mapping[str, Fact]) -> None:
        self.facts = dict(facts)
        self._by_id = {fact.id: fact for fact in self.facts.values()}
        # Names and aliases compared as name keys, acronyms as written.
        self._names: _Index = {}
        self._acronyms: _Index = {}
        for fact in self.facts.values():
            for table, forms in (
                (self._names, fact.names),
                (self._names, fact.aliases),
                (self._acronyms, fact.acronyms),
            ):
                compare = acronym_form if table is self._acronyms else name_key
                for language, names in (forms or {}).items():
                    for form in names:
                        table.setdefault(language, {}).setdefault(compare(form), set()).add(
                            fact.key
                        )
        self.languages = frozenset((*self._names, *self._acronyms)) - {ANY_LANGUAGE}

    @classmethod
    def default(cls) -> Linker:
        """The linker of the facts shipped with newsdesk (loaded once per process)."""
        return _default_linker()

    @classmethod
    def from_files(cls, *paths: Path) -> Linker:
        """The shipped facts extended by the facts files at ``paths``."""
        return cls(load_facts([FACTS, *paths]))

    @staticmethod
    def _lookup(table: _Index, languages: Iterable[str], form: str) -> set[str]:
        found: set[str] = set()
        for language in languages:
            found |= table.get(language, {}).get(form, set())
        return found

    def fact(self, name: str, language: str | None = None) -> Fact | None:
        """The fact ``name`` refers to in an article in ``language``, or None when no fact or
        several facts go by that name. A name with its acronym in brackets, ``Organisation
        mondiale de la santé (OMS)``, is the fact either part names (if they do not disagree)."""
        bracketed = _BRACKETED.match(name)
        if bracketed:
            parts = [self.fact(part, language) for part in bracketed.groups()]
            found = {f.key: f for f in parts if f is not None}
            return next(iter(found.values())) if len(found) == 1 else None
        key, acronym = name_key(name), acronym_form(name)
        if not key:
            return None
        own = [ANY_LANGUAGE] + ([language] if language else [])
        steps = [
            self._lookup(self._names, own, key) | self._lookup(self._acronyms, own, acronym),
            self._lookup(self._names, self._names, key),
        ]
        if language not in self.languages:
            # Nothing is known of this language's own acronyms: an acronym of any other
            # language is the best evidence there is (OTAN in a Spanish article).
            steps.append(self._lookup(self._acronyms, self._acronyms, acronym))
        for keys in steps:
            if len(keys) == 1:
                return self.facts[next(iter(keys))]
            if keys:
                return None  # claimed by several facts: linking either would be a guess
        return None

    def link(self, name: str, language: str | None = None) -> Link | None:
        """What ``name`` links to, with the fact's id, label, canonical name and Wikidata id."""
        fact = self.fact(name, language)
        if fact is None:
            return None
        return Link(fact.id, fact.label, fact.name, fact.wikidata, fact.key)

    def by_id(self, entity_id: str) -> Fact | None:
        """The fact whose entity id this is, if any."""
        return self._by_id.get(entity_id)


@cache
def _default_linker() -> Linker:
    return Linker(load_facts([FACTS]))


def facts() -> Mapping[str, Fact]:
    """The facts shipped with newsdesk, by key."""
    return _default_linker().facts


def link_entities(
    entities: Sequence[Entity], language: str | None, linker: Linker | None = None
) -> tuple[Entity, ...]:
    """``entities`` of one article with those naming a known fact given the fact's id and label;
    entities naming the same fact become one (mentions in text order). Each keeps the name as
    the article writes it: the form with the most mentions, the first one on a tie.

    >>> from newsdesk.records import Mention
    >>> otan = Entity("a", "OTAN", "ORG", (Mention(0, 4, "OTAN"),))
    >>> nato = Entity("b", "Organisation du traité de l'Atlantique nord", "ORG",
    ...               (Mention(10, 53, "Organisation du traité de l'Atlantique nord"),))
    >>> [(e.name, len(e.mentions)) for e in link_entities([otan, nato], "fr")]
    [('OTAN', 2)]
    """
    linker = linker or Linker.default()
    merged: dict[str, list[Entity]] = {}
    for entity in entities:
        link = linker.link(entity.name, language)
        if link is None:
            merged.setdefault(entity.id, []).append(entity)
        else:
            linked = replace(entity, id=link.id, label=link.label)
            merged.setdefault(link.id, []).append(linked)
    result = []
    for group in merged.values():
        if len(group) == 1:
            result.append(group[0])
            continue
        # max keeps the first of equal counts, and the group is in text order.
        main = max(group, key=lambda e: len(e.mentions))
        mentions = sorted((m for e in group for m in e.mentions), key=lambda m: (m.start, m.end))
        result.append(replace(main, mentions=tuple(mentions)))
    return tuple(sorted(result, key=lambda e: e.mentions[0].start if e.mentions else -1))
