"""The data that drives the text-dump cleaner, read once from ``data/textdump_*.toml``.

``textdump_common.toml`` holds what no single language owns (limits, copyright phrases in many
scripts, separators, time zones); each ``textdump_<lang>.toml`` adds one language's month names,
dateline words and boilerplate phrases. All language files are merged, since a dump does not say
its language before it is cleaned: adding a language is adding one file.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Any

_PACKAGE = "newsdesk.extract"
_COMMON = "textdump_common.toml"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """The form lines and phrases are compared in: case-folded, compatibility forms and accents
    removed, apostrophes unified, whitespace collapsed.

    >>> fold("  Publicité\\u00a0:  l’ÉTÉ ")
    "publicite : l'ete"
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_APOSTROPHES))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


@dataclass(frozen=True)
class Limits:
    """Sizes that tell a title, a dateline or a footer line from prose (see the common file)."""

    title_max_chars: int
    title_max_words: int
    title_min_words: int
    head_max_lines: int
    paragraph_min_words: int
    tail_line_max_words: int
    footer_max_words: int
    footer_max_chars: int
    dateline_max_chars: int
    byline_max_words: int
    prompt_max_words: int
    notice_max_chars: int
    nav_item_max_words: int
    site_name_max_words: int
    year_min: int
    year_max: int


@dataclass(frozen=True)
class DateVocab:
    """Words a dateline may be made of, folded."""

    months: Mapping[str, int]
    weekdays: frozenset[str]
    # Words that name both a month and a weekday ("mar": March, or mardi/martes).
    month_or_weekday: Mapping[str, int]
    # Word sequences -> "published" | "updated" | "zone" | "filler".
    phrases: Mapping[tuple[str, ...], str]
    longest_phrase: int
    ordinals: frozenset[str]
    am: tuple[str, ...]
    pm: tuple[str, ...]


@dataclass(frozen=True)
class LineRules:
    """Phrases and patterns that mark a line as page furniture, folded."""

    lines: frozenset[str]
    starts: tuple[str, ...]
    labels: tuple[str, ...]
    leadins: frozenset[str]
    notices: tuple[str, ...]
    rights: tuple[str, ...]
    # The same phrases as written, to cut them out of a footer when reading a site name.
    rights_pattern: re.Pattern[str]
    copyright_symbols: tuple[str, ...]
    copyright_words: tuple[str, ...]
    # A copyright symbol followed by a year, anywhere in a folded line.
    symbol_year: re.Pattern[str]
    # URLs, e-mail addresses and bare domains.
    links: re.Pattern[str]
    # A domain ending at the end of a name reduced to letters and digits ("examplenewscom").
    domain_ending: re.Pattern[str]
    bylines: tuple[str, ...]
    joiners: frozenset[str]
    name_particles: frozenset[str]
    quote_straight: tuple[str, ...]
    quote_pairs: tuple[tuple[str, str], ...]
    # Separators between menu items; ``site_separators`` adds dashes.
    nav_separators: re.Pattern[str]
    site_separators: re.Pattern[str]
    script_aliases: Mapping[str, str]
    script_ignore: frozenset[str]


def _read(name: str) -> dict[str, Any]:
    folder = resources.files(_PACKAGE).joinpath("data")
    return tomllib.loads(folder.joinpath(name).read_text(encoding="utf-8"))


@cache
def _documents() -> tuple[dict[str, Any], tuple[dict[str, Any], ...]]:
    folder = resources.files(_PACKAGE).joinpath("data")
    names = sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name.startswith("textdump_") and entry.name.endswith(".toml")
    )
    languages = tuple(_read(name) for name in names if name != _COMMON)
    return _read(_COMMON), languages


def _strings(table: Mapping[str, Any], key: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"textdump data: {key!r} must be a list of strings")
    return value


def _groups(table: Mapping[str, Any], key: str, size: int) -> list[list[str]]:
    value = table.get(key, [])
    if not isinstance(value, list) or len(value) != size:
        raise ValueError(f"textdump data: {key!r} must hold {size} lists of names")
    return [_strings({"names": group}, "names") for group in value]


def _merged(key: str, tables: Iterable[Mapping[str, Any]]) -> list[str]:
    merged: list[str] = []
    for table in tables:
        merged.extend(_strings(table, key))
    return merged


def _folded(phrases: Iterable[str]) -> tuple[str, ...]:
    # Longest first, so that a prefix test meets "à lire aussi" before "à lire".
    return tuple(sorted({fold(p) for p in phrases if fold(p)}, key=len, reverse=True))


@cache
def limits() -> Limits:
    """The size limits of ``textdump_common.toml``."""
    table = _documents()[0]["limits"]
    return Limits(**{f.name: int(table[f.name]) for f in fields(Limits)})


@cache
def date_vocab() -> DateVocab:
    """Month names, weekdays and dateline phrases of every language file, merged."""
    common, languages = _documents()
    dates = [lang.get("dates", {}) for lang in languages]
    months: dict[str, int] = {}
    for table in dates:
        for number, names in enumerate(_groups(table, "months", 12), start=1):
            for name in map(fold, names):
                if months.setdefault(name, number) != number:
                    raise ValueError(f"textdump data: month name {name!r} names two months")
    weekdays = {
        fold(name) for table in dates for group in _groups(table, "weekdays", 7) for name in group
    }
    phrases: dict[tuple[str, ...], str] = {}
    for role in ("published", "updated", "zones", "fillers"):
        for phrase in _merged(role, dates) + _strings(common["dates"], role):
            words = tuple(re.findall(r"[^\W\d_]+", fold(phrase)))
            if words:
                # The role without its plural: "zones" -> "zone", "fillers" -> "filler".
                phrases.setdefault(words, role.rstrip("s"))
    return DateVocab(
        months={k: v for k, v in months.items() if k not in weekdays},
        weekdays=frozenset(weekdays - months.keys()),
        month_or_weekday={k: v for k, v in months.items() if k in weekdays},
        phrases=phrases,
        longest_phrase=max((len(words) for words in phrases), default=1),
        ordinals=frozenset(fold(s) for s in _merged("ordinals", dates)),
        am=_folded(_strings(common["dates"], "am")),
        pm=_folded(_strings(common["dates"], "pm")),
    )


def _pair(value: Any) -> tuple[str, str]:
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError("textdump data: a quote pair is [opening, closing]")
    return str(value[0]), str(value[1])


def _alternation(items: Iterable[str]) -> str:
    return "|".join(re.escape(item) for item in sorted(set(items), key=len, reverse=True))


@cache
def line_rules() -> LineRules:
    """Boilerplate phrases of every language file and the common copyright/separator data."""
    common, languages = _documents()
    tables = [lang.get("boilerplate", {}) for lang in languages]
    rights_written = _merged("rights", tables) + _strings(common["copyright"], "rights")
    symbols = _folded(_strings(common["copyright"], "symbols"))
    endings = _strings(common["sites"], "domain_endings")
    bare_endings = _alternation(re.sub(r"\W", "", ending) for ending in endings)
    separators = common["separators"]
    tight = _alternation(_strings(separators, "tight"))
    spaced = _alternation(_strings(separators, "spaced"))
    dashes = _alternation(_strings(separators, "dashes"))
    nav = rf"\s*(?:{tight})+\s*|\s+(?:{spaced})\s+"
    aliases = common["scripts"]["aliases"]
    return LineRules(
        lines=frozenset(_folded(_merged("lines", tables))),
        starts=_folded(_merged("starts", tables)),
        labels=_folded(_merged("labels", tables)),
        leadins=frozenset(_folded(_merged("leadins", tables))),
        notices=_folded(_merged("notices", tables)),
        rights=_folded(rights_written),
        rights_pattern=re.compile(_alternation(rights_written), re.IGNORECASE),
        copyright_symbols=symbols,
        copyright_words=_folded(_strings(common["copyright"], "words")),
        symbol_year=re.compile(rf"(?:{_alternation(symbols)})\s*(?:1[89]|20)\d{{2}}"),
        links=re.compile(
            rf"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+"
            rf"|[\w-]+\.(?:{_alternation(endings)})\b\S*"
        ),
        domain_ending=re.compile(rf"(?:{bare_endings})$"),
        bylines=_folded(_merged("bylines", tables)),
        joiners=frozenset(_folded(_merged("joiners", tables))),
        name_particles=frozenset(_strings(common["names"], "particles")),
        quote_straight=tuple(_strings(common["quotes"], "straight")),
        quote_pairs=tuple(_pair(pair) for pair in common["quotes"]["pairs"]),
        nav_separators=re.compile(nav),
        site_separators=re.compile(rf"{nav}|\s+(?:{dashes})\s+"),
        script_aliases={str(k): str(v) for k, v in aliases.items()},
        script_ignore=frozenset(_strings(common["scripts"], "ignore")),
    )
