"""The date rules of one language, read from ``data/dates_<lang>.toml``: the word tables, the
patterns with their placeholders filled, the tense cues, and which trigger words each rule
needs (see ``newsdesk.analyze.dates`` for what the rules find)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

DATA = Path(__file__).parent / "data"
DateType = Literal["DATE", "TIME", "DURATION", "SET"]
_TYPES: tuple[DateType, ...] = ("DATE", "TIME", "DURATION", "SET")
_SPACE = r"[ \t\u00a0\u202f]+"
_APOSTROPHES = "['’]"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_WS = re.compile(r"\s+")
_SEPARATORS = str.maketrans({c: " " for c in ".,;:!?\"'’«»()[]{}/-–—…“”\u00a0\u202f"})


def form_key(form: str) -> str:
    """The form words are looked up in: lower case, straight apostrophes, single spaces."""
    return _WS.sub(" ", form.replace("’", "'")).strip().lower()


@dataclass(frozen=True)
class Rule:
    """One pattern and how its match becomes a value (``kind``, see ``VALUES``)."""

    kind: str
    type: DateType
    pattern: re.Pattern[str]
    tier: int = 1
    sign: int = 0
    value: str | None = None
    attach: bool = False  # kept only when it joins the day just before it
    # Kinds of trigger one of which every match holds (see _needs); empty: run everywhere.
    needs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DateRules:
    """The words and patterns of one language (read from ``data/dates_<lang>.toml``)."""

    language: str
    numeric_order: str
    names_case_sensitive: bool
    triggers: Mapping[str, frozenset[str]]  # trigger word -> the kinds of trigger it is
    words: Mapping[str, Mapping[str, Any]]
    rules: tuple[Rule, ...]
    future: re.Pattern[str]
    past: re.Pattern[str]
    clause: re.Pattern[str]
    veto: re.Pattern[str] | None

    @classmethod
    def from_toml(cls, path: Path, language: str) -> DateRules:
        """Rules from one data file."""
        with path.open("rb") as f:
            data = tomllib.load(f)
        return cls.from_data(data, language)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], language: str) -> DateRules:
        """Rules from the parsed TOML tables (see ``data/dates_fr.toml`` for their meaning)."""
        options = data.get("options", {})
        tables = (
            "weekdays",
            "months",
            "numbers",
            "quantities",
            "units",
            "relative",
            "day_words",
            "times_of_day",
            "clock_words",
            "seasons",
        )
        words = {name: {form_key(k): v for k, v in data.get(name, {}).items()} for name in tables}
        fills = {name: _alternation(data.get(name, {})) for name in tables}
        fills["weekday"], fills["month"] = fills["weekdays"], fills["months"]
        number_words = _alternation(data.get("numbers", {}))
        plural = _alternation({k: v for k, v in data.get("numbers", {}).items() if v != 1})
        fills["number"] = rf"(?:\d+(?:[.,]\d+)?|(?:{number_words})(?:-(?:et-)?(?:{number_words}))*)"
        fills["number_plural"] = (
            rf"(?:\d+(?:[.,]\d+)?|(?:{plural})(?:-(?:et-)?(?:{number_words}))*)"
        )
        for name, fragment in data.get("fragments", {}).items():
            fills[name] = _prepare(fragment, fills)
        rules = tuple(
            Rule(
                kind=r["kind"],
                type=_type(r["type"]),
                pattern=re.compile(rf"(?<!\w)(?:{_prepare(r['pattern'], fills)})(?!\w)"),
                tier=int(r.get("tier", 1)),
                sign=int(r.get("sign", 0)),
                value=r.get("value"),
                attach=bool(r.get("attach", False)),
                needs=frozenset(r["needs"]) if "needs" in r else _needs(r["pattern"]),
            )
            for r in data.get("rule", [])
        )
        tense = data.get("tense", {})
        vetoes = data.get("veto", {}).get("patterns", [])
        triggers: dict[str, set[str]] = {}
        phrases = [("word", w) for w in options.get("triggers", [])]
        phrases.extend((t, w) for t in _TRIGGER_TABLES for w in words[t])
        for kind, phrase in phrases:
            # The last word unless it is short (avant-hier: hier; week-end: week), so that
            # common words (avant) do not open windows.
            tokens = phrase.lower().translate(_SEPARATORS).split()
            token = tokens[-1] if len(tokens[-1]) > 3 else max(tokens, key=len)
            triggers.setdefault(token, set()).add(kind)
        return cls(
            language=language,
            numeric_order=options.get("numeric_order", "dmy"),
            names_case_sensitive=bool(options.get("names_case_sensitive", False)),
            triggers={token: frozenset(kinds) for token, kinds in triggers.items()},
            words=words,
            rules=rules,
            future=re.compile("|".join(_prepare(p, fills) for p in tense.get("future", [])), re.I),
            past=re.compile("|".join(_prepare(p, fills) for p in tense.get("past", [])), re.I),
            clause=re.compile(_prepare(tense.get("clause", r"[;:]"), fills), re.I),
            veto=re.compile("|".join(vetoes)) if vetoes else None,
        )


_TRIGGER_TABLES = (
    "weekdays",
    "months",
    "units",
    "day_words",
    "times_of_day",
    "clock_words",
    "seasons",
)
_PLACEHOLDER_NEEDS = {
    "weekday": "weekdays",
    "month": "months",
    **{table: table for table in _TRIGGER_TABLES},
    **dict.fromkeys(("day", "year", "hour", "minute", "number", "number_plural"), "digit"),
}


def _needs(pattern: str) -> frozenset[str]:
    """The kinds of trigger a rule's placeholders and digits stand for. A match holds one of
    them when one of these parts is not optional, as in every rule that does not say otherwise
    with ``needs`` (number words are no triggers, but a unit always follows them)."""
    needs = {
        _PLACEHOLDER_NEEDS[p] for p in _PLACEHOLDER.findall(pattern) if p in _PLACEHOLDER_NEEDS
    }
    return frozenset(needs | ({"digit"} if "\\d" in pattern else set()))


def _type(value: str) -> DateType:
    for known in _TYPES:
        if value == known:
            return known
    raise ValueError(f"date type {value!r} is not one of {', '.join(_TYPES)}")


def _alternation(forms: Mapping[str, Any]) -> str:
    """An alternation of ``forms`` in lower case, longest first, spaces and apostrophes loose."""
    escaped = (re.escape(f.lower()) for f in sorted(forms, key=len, reverse=True))
    return "|".join(e.replace("\\ ", _SPACE).replace("'", _APOSTROPHES) for e in escaped)


def _prepare(pattern: str, fills: Mapping[str, str]) -> str:
    """``pattern`` with loose spaces and apostrophes (outside [classes]), placeholders filled."""
    out, in_class, escaped = [], False, False
    for c in pattern:
        if escaped:
            out.append(c)
            escaped = False
        elif c == "\\":
            out.append(c)
            escaped = True
        elif in_class:
            in_class = c != "]"
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
        elif c == " ":
            out.append(f"(?:{_SPACE})")  # so that " ?" makes the whole run optional
        elif c == "'":
            out.append(_APOSTROPHES)
        else:
            out.append(c)

    def fill(m: re.Match[str]) -> str:
        if m[1] not in fills:
            raise ValueError(f"date pattern placeholder {{{m[1]}}} has no word list")
        return f"(?:{fills[m[1]]})"

    return _PLACEHOLDER.sub(fill, "".join(out))


@cache
def rules_for(language: str | None) -> DateRules | None:
    """The rules of ``language``, or None when it has no data file."""
    path = DATA / f"dates_{language}.toml"
    return DateRules.from_toml(path, language) if language and path.is_file() else None
