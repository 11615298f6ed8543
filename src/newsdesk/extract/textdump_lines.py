"""What one line of a text dump is, judged on the line alone.

A line is page furniture (a boilerplate phrase, a copyright footer, a menu, a bare link), a
dateline, a byline, or text. Whether text is a title, a body paragraph or a footer depends on
where it stands; ``textdump.py`` decides that with the shape helpers at the end of this module.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from newsdesk.extract.dateline import Dateline, read_dateline
from newsdesk.extract.textdump_data import fold, limits, line_rules


class LineKind(enum.Enum):
    TEXT = "text"
    DATELINE = "dateline"
    BYLINE = "byline"
    BOILERPLATE = "boilerplate"
    # A boilerplate label ("Lire aussi") announcing a related headline on the next line.
    LEADIN = "leadin"
    COPYRIGHT = "copyright"
    NAV = "nav"
    LINK = "link"
    # No letter and no digit: rules, asterisks, stray separators.
    DECOR = "decor"


@dataclass(frozen=True)
class LineInfo:
    kind: LineKind
    dateline: Dateline | None = None
    authors: tuple[str, ...] = ()


_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)")
_YEARS = re.compile(r"(?<!\d)\d{4}(?:\s*[-–—/]\s*\d{2,4})?(?!\d)")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_SENTENCE_END = (".", "!", "?", "。", "！", "？", ";", ":")
# What follows a label such as "Lire aussi" or "Tags" when a link or a list comes after it.
_LABEL_MARKS = frozenset(":：|»›>-–—")
_CLOSERS = "\"'»”’)]】」』 "


def _bare(folded: str) -> str:
    """A folded line without the arrows, brackets and colons around its words."""
    return _EDGE_PUNCT.sub("", folded)


def _starts_with_phrase(text: str, phrase: str) -> bool:
    if not text.startswith(phrase):
        return False
    rest = text[len(phrase) :]
    return not rest or not rest[0].isalnum()


def _boilerplate(line: str, folded: str) -> LineKind | None:
    rules, bounds = line_rules(), limits()
    bare = _bare(folded)
    if bare in rules.lines:
        return LineKind.LEADIN if bare in rules.leadins else LineKind.BOILERPLATE
    words = len(line.split())
    if words <= bounds.prompt_max_words and any(_starts_with_phrase(bare, p) for p in rules.starts):
        return LineKind.BOILERPLATE
    if len(line) <= bounds.footer_max_chars:
        for label in rules.labels:
            rest = bare[len(label) :].lstrip()
            if bare.startswith(label) and rest[:1] in _LABEL_MARKS:
                return LineKind.BOILERPLATE
    if len(line) <= bounds.notice_max_chars and any(n in folded for n in rules.notices):
        return LineKind.BOILERPLATE
    return None


def _is_copyright(line: str, folded: str) -> bool:
    rules, bounds = line_rules(), limits()
    if len(line.split()) > bounds.footer_max_words or len(line) > bounds.footer_max_chars:
        return False
    if folded.startswith(rules.copyright_symbols):
        return True
    for word in rules.copyright_words:
        rest = folded[len(word) :].lstrip(" .:") if folded.startswith(word) else ""
        if rest.startswith(rules.copyright_symbols) or _YEAR.match(rest):
            return True
    bare = _bare(folded)
    if any(bare.startswith(r) for r in rules.rights):
        return True
    # Further in, a copyright mark or a rights phrase only makes a footer of a line that is not
    # a sentence: a body paragraph may quote "© 2020 Maria Lopez, all rights reserved".
    if is_paragraph(line):
        return False
    if rules.symbol_year.search(folded):
        return True
    return any(bare.endswith(r) for r in rules.rights)


def copyright_site(line: str) -> str | None:
    """The site a copyright footer names, or None; never a guess from a line without a year or
    a rights phrase.

    >>> copyright_site("Copyright 2021 Example News. All rights reserved.")
    'Example News'
    """
    rules = line_rules()
    stripped = rules.rights_pattern.sub(" ", line)
    if stripped == line and not _YEAR.search(line):
        return None
    marks = rules.copyright_symbols + rules.copyright_words
    stripped = re.sub("|".join(re.escape(m) for m in marks), " ", stripped, flags=re.IGNORECASE)
    stripped = _YEARS.sub(" ", stripped)
    pieces = re.split(rf"{rules.site_separators.pattern}|\.\s+|,\s+", stripped)
    for piece in pieces:
        name = piece.strip(" \t.,;:!|•·-–—\"'«»“”()")
        words = name.split()
        if words and fold(words[0]) in rules.bylines:
            name, words = " ".join(words[1:]), words[1:]
        if not any(ch.isalpha() for ch in name):
            continue
        if len(words) > limits().site_name_max_words or _bare(fold(name)) in rules.lines:
            return None
        return name
    return None


def nav_items(line: str) -> list[str]:
    """The items of a line split on menu separators (one item when there is none)."""
    return [item for item in line_rules().nav_separators.split(line) if item.strip()]


def _is_nav(line: str) -> bool:
    # "| 1 | Kyle Busch | 5040 |" is a table row: its cells are numbers, a menu's are words.
    items = nav_items(line)
    numeric = sum(1 for item in items if any(ch.isdigit() for ch in item))
    return (
        len(items) >= 3
        and numeric * 3 < len(items)
        and all(
            len(item.split()) <= limits().nav_item_max_words
            and not item.rstrip(_CLOSERS).endswith(_SENTENCE_END)
            for item in items
        )
    )


def is_linkish(line: str) -> bool:
    """Made mostly of URLs, e-mail addresses and separators rather than words."""
    total = sum(1 for ch in line if not ch.isspace())
    rules = line_rules()
    residue = rules.nav_separators.sub(" ", rules.links.sub(" ", line))
    letters = sum(1 for ch in residue if ch.isalnum())
    return total > 0 and letters < 0.3 * total


def _name_word(word: str) -> bool:
    particles = line_rules().name_particles
    if word in particles or word[:1].isupper():
        return True
    return any(word.startswith(p) and word[len(p) : len(p) + 1].isupper() for p in particles)


def byline_authors(line: str) -> tuple[str, ...]:
    """The names in a byline ("Par Jean Dupont et Marie Curie"), or () when it is not one.

    >>> byline_authors("By Jane Doe and John Roe")
    ('Jane Doe', 'John Roe')
    """
    rules = line_rules()
    words = line.split()
    if not 2 <= len(words) <= limits().byline_max_words:
        return ()
    for prefix in rules.bylines:
        width = len(prefix.split())
        if fold(" ".join(words[:width])).rstrip(":") == prefix:
            break
    else:
        return ()
    names: list[list[str]] = [[]]
    for word in words[width:]:
        core = word.rstrip(",;")
        if fold(core) in rules.joiners or core in ("&", "/"):
            names.append([])
            continue
        if not core or any(ch.isdigit() for ch in core) or not _name_word(core):
            return ()
        names[-1].append(core)
        if core != word:
            names.append([])
    found = tuple(" ".join(name) for name in names if name)
    if not found or any(len(name.split()) > 4 or not name[0].isupper() for name in found):
        return ()
    return found


def _segments(line: str) -> LineInfo | None:
    """A line made of datelines and bylines joined by separators or a comma."""
    parts = [p for p in line_rules().site_separators.split(line) if p.strip()]
    pieces: list[str] = []
    for part in parts:
        head, comma, rest = part.partition(", ")
        if comma and (byline_authors(head) or byline_authors(rest.strip())):
            pieces.extend((head, rest))
        else:
            pieces.append(part)
    if len(pieces) < 2:
        return None
    dates: list[Dateline] = []
    authors: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        found = read_dateline(piece)
        if found is not None:
            dates.append(found)
        elif names := byline_authors(piece):
            authors.extend(names)
        else:
            return None
    if dates:
        published = next((d for d in dates if d.published), None)
        updated = next((d.updated for d in dates if d.updated), None)
        dateline = Dateline(
            published.published if published else None,
            updated,
            stated=published.stated if published else False,
        )
        return LineInfo(LineKind.DATELINE, dateline, tuple(authors))
    return LineInfo(LineKind.BYLINE, authors=tuple(authors))


def classify(line: str) -> LineInfo:
    """What a stripped, non-empty line is, on its own (see ``LineKind``)."""
    if not any(ch.isalnum() for ch in line):
        return LineInfo(LineKind.DECOR)
    dateline = read_dateline(line)
    if dateline is not None:
        return LineInfo(LineKind.DATELINE, dateline)
    folded = fold(line)
    if _is_copyright(line, folded):
        return LineInfo(LineKind.COPYRIGHT)
    kind = _boilerplate(line, folded)
    if kind is not None:
        return LineInfo(kind)
    if len(line.split()) <= limits().footer_max_words:
        if _is_nav(line):
            return LineInfo(LineKind.NAV)
        if line_rules().links.search(line) and is_linkish(line):
            return LineInfo(LineKind.LINK)
        if authors := byline_authors(line):
            return LineInfo(LineKind.BYLINE, authors=authors)
        if (combined := _segments(line)) is not None:
            return combined
    return LineInfo(LineKind.TEXT)


# --- shape ---------------------------------------------------------------------------------


@cache
def _script(ch: str) -> str | None:
    rules = line_rules()
    name = unicodedata.name(ch, "").split()
    if not name:
        return None
    first = name[1] if name[0] in ("FULLWIDTH", "HALFWIDTH") and len(name) > 1 else name[0]
    if first in rules.script_ignore:
        return None
    return rules.script_aliases.get(first, first)


def dominant_script(text: str) -> str | None:
    """The writing system most letters of ``text`` belong to ("LATIN", "ARABIC", "CJK"...)."""
    counts = Counter(script for ch in text if ch.isalpha() and (script := _script(ch)))
    return counts.most_common(1)[0][0] if counts else None


def word_count(line: str) -> int:
    """Words in a line; Chinese and Japanese, written without spaces, count two signs a word."""
    return len(line.split()) + sum(1 for ch in line if ch.isalpha() and _script(ch) == "CJK") // 2


def is_wrapped_paragraph(lines: list[str]) -> bool:
    """Consecutive lines that are one paragraph cut at a fixed width (``lynx -dump``, e-mail)."""
    if len(lines) < 2 or not is_paragraph(" ".join(lines)):
        return False
    width = max(len(line) for line in lines)
    return width >= 40 and all(
        len(line) >= width // 2 and not line.rstrip(_CLOSERS).endswith(_SENTENCE_END)
        for line in lines[:-1]
    )


def is_paragraph(line: str) -> bool:
    """Shaped like body prose: long, or a sentence of some length."""
    bounds = limits()
    words = word_count(line)
    if len(line) > bounds.title_max_chars or words > bounds.title_max_words:
        return True
    if words < bounds.paragraph_min_words:
        return False
    end = line.rstrip(_CLOSERS)
    if end.endswith(_SENTENCE_END) and not end.endswith(("...", "…", "?", "!")):
        return True
    # Two sentences on one line are prose even when the last one trails off.
    # ("U.S. Strikes" is not a sentence break: the word before the stop must be a real word.)
    return re.search(r"[^\W\d_]{2}[.!?] [A-ZÀ-Ý]", line[:-1]) is not None
