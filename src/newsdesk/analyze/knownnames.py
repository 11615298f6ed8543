"""Names a page shares with the corpus, and names in scripts without capitals.

For a language without a spaCy pipeline, a name the corpus already knows (``corpus_entities``,
in any language: a person quoted in French articles is named in a Danish one) is found in the
page and given the corpus's label. In scripts with spaces, a known name is a run of whole words
opening with a letter that is not lower case; in Chinese, Japanese and Korean, where words are
not spaced and nothing is capitalised, it is found as a run of characters anywhere, and so are
the gazetteer's names in that script. A title or honorific of the language's speech data file
after a short run of one script (``岸田氏``, ``バイデン大統領``, ``윤석열 대통령``) marks a person.

Entities found this way are rated: a name the corpus knows ``KNOWN``, any other found without a
model ``GUESSED`` (both below a model's, whose entities carry no rating).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from newsdesk.records import Analysis, name_key

if TYPE_CHECKING:
    from newsdesk.store.base import CorpusEntity

KNOWN = 0.8
GUESSED = 0.5
_LABELS = frozenset({"PER", "ORG", "LOC"})
_MAX_WORDS = 6
_MAX_CHARS = 12  # a name in an unspaced script: at most this many characters
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\u31f0-\u31ff]")
_WORD = re.compile(rf"[^\W_{UNSPACED.pattern[1:-1]}](?:[^\W{UNSPACED.pattern[1:-1]}]|['’.-])*")
# A short run of one script just before an honorific: Kanji (a surname, a full name), Katakana
# (a foreign name, maybe followed by the country of its title: バイデン米大統領, トランプ次期米
# 大統領), Hangul (a three-syllable full name, spaced from its title; a faction, 친청계, or a
# side, 측, is none).
_KANA = "\u30a0-\u30ff"
_HONOURED_RUNS = (
    re.compile(r"(?<![\u3400-\u9fff])(?P<name>[\u3400-\u9fff]{2,4})$"),
    re.compile(
        rf"(?<![{_KANA}・])(?P<name>[{_KANA}][{_KANA}・]{{1,11}})"
        r"(?:次期|前|元|現)?[米英仏独露中韓朝伊豪印台]?$"
    ),
    re.compile(
        r"(?<![\uac00-\ud7af])(?P<name>[\uac00-\ud7af]{3})(?<![의은는을를에계측당들])\s(?:전\s)?$"
    ),
)
# A foreign name before a minister's title, its portfolio between: スモトリッチ財務相.
_MINISTER = re.compile(
    rf"(?<![{_KANA}・])(?P<name>[{_KANA}][{_KANA}・]{{1,11}})[\u4e00-\u9fff]{{1,5}}相(?![\u4e00-\u9fff])"
)


# Words that go before a title in Japanese and are no name (next, former, successive, the UN,
# the government, the ruling party): 次期米大統領 is "the next US president". One character
# alone (米, 前, 副) is too short to be taken for a name anyway; 中村 and 伊藤 are surnames.
_TITLE_PREFIX = re.compile("次期|前任|現職|新任|歴代|国連|政府|与党|野党")


@cache
def _fold(char: str) -> str:
    """One character in the form keys are compared in (one character, or itself)."""
    folded = name_key(char)
    return folded if len(folded) == 1 else char


def fold(text: str) -> str:
    """``text`` folded character for character (offsets stay valid), as ``name_key`` folds."""
    return "".join(_fold(c) for c in text)


class KnownNames:
    """Names (and their corpus labels) to be found in a page without a model.

    >>> known = KnownNames([("Mette Frederiksen", "PER"), ("岸田文雄", "PER")])
    >>> known.find("Statsminister Mette Frederiksen sagde. 岸田文雄首相は述べた。")
    [(14, 31, 'PER'), (39, 43, 'PER')]
    """

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.spaced: dict[str, str] = {}
        self.unspaced: dict[str, str] = {}
        for name, label in names:
            if label not in _LABELS or not name:
                continue
            if UNSPACED.search(name):
                key = fold(name.strip())
                if 2 <= len(key) <= _MAX_CHARS:
                    self.unspaced.setdefault(key, label)
            elif len(name) >= 3 or name.isupper():
                key = name_key(name)
                if key and len(key.split()) <= _MAX_WORDS and not name[0].islower():
                    self.spaced.setdefault(key, label)

    def __bool__(self) -> bool:
        return bool(self.spaced or self.unspaced)

    def label(self, name: str) -> str | None:
        """The corpus's label of ``name``, None when the corpus does not know it."""
        if UNSPACED.search(name):
            return self.unspaced.get(fold(name.strip()))
        return self.spaced.get(name_key(name))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` of the known names of ``text``, longest first, in order."""
        found = _find_spaced(text, self.spaced) if self.spaced else []
        if self.unspaced and UNSPACED.search(text):
            found += find_unspaced(text, self.unspaced)
        return _without_overlaps(found)


def _find_spaced(text: str, names: dict[str, str]) -> list[tuple[int, int, str]]:
    words = list(_WORD.finditer(text))
    found = []
    i = 0
    while i < len(words):
        if words[i].group()[0].islower() or UNSPACED.match(words[i].group()):
            i += 1
            continue
        for j in range(min(len(words), i + _MAX_WORDS), i, -1):
            start, end = words[i].start(), words[j - 1].end()
            while end > start and text[end - 1] in ".’'-":
                end -= 1
            if (label := names.get(name_key(text[start:end]))) is not None:
                found.append((start, end, label))
                i = j - 1
                break
        i += 1
    return found


def find_unspaced(text: str, names: dict[str, str] | frozenset[str]) -> list[tuple[int, int, str]]:
    """Known names (folded keys) as runs of characters of ``text``, longest first; ``names``
    a set gives places (``LOC``)."""
    folded = fold(text)
    found = []
    i = 0
    while i < len(folded):
        if not UNSPACED.match(folded[i]):
            i += 1
            continue
        for size in range(min(_MAX_CHARS, len(folded) - i), 1, -1):
            piece = folded[i : i + size]
            if piece in names:
                label = names[piece] if isinstance(names, dict) else "LOC"
                found.append((i, i + size, label))
                i += size - 1
                break
        i += 1
    return found


def honoured(text: str, honorifics: Iterable[str]) -> list[tuple[int, int, str]]:
    """People named by a short run of one script before an honorific or a title of the
    language (``岸田氏``, ``バイデン大統領``, ``윤석열 대통령``), in scripts without capitals.

    >>> honoured("首相の岸田氏は、バイデン大統領と会った。", ["氏", "大統領"])
    [(3, 5, 'PER'), (8, 12, 'PER')]
    """
    titles = sorted({h for h in honorifics if UNSPACED.search(h)}, key=len, reverse=True)
    if not titles:
        return []
    found = [(m.start("name"), m.end("name"), "PER") for m in _MINISTER.finditer(text)]
    for match in re.finditer("|".join(map(re.escape, titles)), text):
        window = text[max(0, match.start() - 16) : match.start()]
        for run in _HONOURED_RUNS:
            if before := run.search(window):
                name = before.group("name")
                start = match.start() - len(window) + before.start("name")
                # 次期米大統領, 国連事務総長: the words before a title that are no name.
                while (prefix := _TITLE_PREFIX.match(name)) and prefix.end() < len(name):
                    name, start = name[prefix.end() :], start + prefix.end()
                if len(name) >= 2 and not _TITLE_PREFIX.fullmatch(name):
                    found.append((start, start + len(name), "PER"))
                    break
    return _without_overlaps(found)


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def merged(*groups: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans of ``groups`` in text order; where two overlap, the earlier group's wins."""
    kept: list[tuple[int, int, str]] = []
    for group in groups:
        kept += [s for s in group if all(s[1] <= k[0] or s[0] >= k[1] for k in kept)]
    return sorted(kept)


def rated(analysis: Analysis, known: KnownNames | None) -> Analysis:
    """``analysis`` with its entities rated as found without a model: ``KNOWN`` when the
    corpus knows one of its mentions, ``GUESSED`` otherwise."""

    def rating(names: Iterable[str]) -> float:
        return KNOWN if known and any(known.label(n) for n in names) else GUESSED

    entities = tuple(
        replace(e, confidence=rating([e.name, *(m.text for m in e.mentions)]))
        for e in analysis.entities
    )
    return replace(analysis, entities=entities)


# The corpus's most mentioned entities read for pages without a model.
CORPUS_NAMES = 5000


def corpus_names(entities: Iterable[CorpusEntity]) -> Iterator[tuple[str, str]]:
    """``(name, label)`` of corpus entities, with each of their other forms."""
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            yield name, entity.label
