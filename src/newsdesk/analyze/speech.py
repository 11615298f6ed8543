"""Quotations in languages without a spaCy pipeline: punctuation first, a small data file after.

Direct quotations are read from each script's quotation marks — ``« »``, ``„ “``, ``“ ”``,
``‹ ›``, German and Scandinavian ``» «``, Japanese and Chinese ``「 」`` and ``『 』``, and
paragraphs opened by a dash — paired by ``quotemarks``. A quoted span is kept when its sentence
says it is speech: a speech verb of the language's data file, a colon or a dash before it, or,
without either, when it reads as a sentence of its own (six words or more, ending like one).

A language with a data file (``data/speech/<lang>.toml``: speech verb forms, complementizers,
attribution prepositions, pronouns, honorifics) also gets indirect speech (``sagte, dass …``,
``según X, …``, ``…, dijo el ministro``) and speakers: the person named nearest the speech verb
in the sentence, or the previous speaker for a pronoun. Adding a language is adding that file.

Everything here is read without a parse, so confidences are lower than those of the French and
English engine: ``confidence`` says how likely the span is reported speech, and
``speaker_confidence`` how likely the speaker is the right one.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from newsdesk.analyze.quotemarks import QuotedSpan, quoted_spans, sentences
from newsdesk.coverage import SPEECH_DATA
from newsdesk.records import Analysis, Entity, Quote

DATA = SPEECH_DATA
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENTENCE_END = ".!?…。！？"
# Marks of other conventions written as the ones ``quotemarks`` pairs, one character for one so
# that every offset stays the text's.
_CJK_MARKS = str.maketrans({"「": "«", "」": "»", "『": "‹", "』": "›"})
_REVERSED = str.maketrans({"«": "»", "»": "«", "‹": "›", "›": "‹"})

# Confidence of a quotation by what supports it, and of its speaker by how it was found.
CONFIDENCE = {"verb": 0.6, "intro": 0.45, "alone": 0.35, "indirect": 0.5}
SPEAKER_CONFIDENCE = {"named": 0.55, "pronoun": 0.35, "continued": 0.4, "topic": 0.25}
# How far back the person a text is about may have been named.
_TOPIC_CHARS = 600


@dataclass(frozen=True)
class SpeechWords:
    """The words of one language that mark reported speech (``data/speech/<lang>.toml``)."""

    verbs: re.Pattern[str] | None
    complementizers: frozenset[str]
    attributions: re.Pattern[str] | None
    pronouns: frozenset[str]
    honorifics: tuple[str, ...]
    # Every noun has a capital (German): a run of capitalised words says little on its own.
    nouns_capitalised: bool = False

    @classmethod
    def from_toml(cls, path: Path) -> SpeechWords:
        """The words of one data file."""
        with path.open("rb") as f:
            data = tomllib.load(f)
        bounded = data.get("word_boundaries", True)
        return cls(
            verbs=_alternation(data.get("verbs", []), bounded),
            complementizers=frozenset(w.lower() for w in data.get("complementizers", [])),
            attributions=_alternation(data.get("attributions", []), bounded),
            pronouns=frozenset(w.lower() for w in data.get("pronouns", [])),
            honorifics=tuple(data.get("honorifics", [])),
            nouns_capitalised=bool(data.get("nouns_capitalised", False)),
        )


def _alternation(words: Sequence[str], bounded: bool) -> re.Pattern[str] | None:
    if not words:
        return None
    forms = sorted({re.escape(w.lower()).replace(r"\ ", r"\s+") for w in words}, key=len)
    body = "|".join(reversed(forms))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if bounded else f"(?:{body})", re.IGNORECASE)


@cache
def words_for(language: str | None) -> SpeechWords | None:
    """The speech words of ``language``, None when it has no data file."""
    path = DATA / f"{language}.toml"
    return SpeechWords.from_toml(path) if language and path.is_file() else None


def languages_with_words() -> tuple[str, ...]:
    """The languages that have a speech data file."""
    return tuple(sorted(p.stem for p in DATA.glob("*.toml")))


def normalise_marks(text: str) -> str:
    """``text`` with the quotation marks of other conventions written as the ones
    ``quotemarks`` reads (same length): ``「 」`` as ``« »``, and ``» «`` turned round where the
    text quotes that way (a ``»`` glued to the word after it).

    >>> normalise_marks("Er sagte: »Wir kommen.«")
    'Er sagte: «Wir kommen.»'
    """
    marked = text.translate(_CJK_MARKS)
    # An opening mark is glued to the word it opens, a closing one seldom to the word after it.
    reversed_uses = len(re.findall(r"»\w", marked))
    french_uses = len(re.findall(r"«\w", marked))
    return marked.translate(_REVERSED) if reversed_uses > french_uses else marked


def _size(content: str) -> int:
    """Words in ``content``; two CJK characters count as one word."""
    cjk = len(_CJK.findall(content))
    return len(_WORD.findall(_CJK.sub(" ", content))) + cjk // 2


@dataclass
class _Reader:
    text: str
    marked: str
    words: SpeechWords | None
    people: list[tuple[int, int, Entity]]
    sentences: list[tuple[int, int]]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect_right([s for s, _ in self.sentences], pos) - 1
        return self.sentences[i] if i >= 0 and pos < self.sentences[i][1] else (pos, pos)

    def verb_near(self, start: int, end: int, skip: tuple[int, int]) -> re.Match[str] | None:
        """The speech verb of ``[start, end)`` outside ``skip`` nearest to ``skip``."""
        if self.words is None or self.words.verbs is None:
            return None
        found = [
            m
            for m in self.words.verbs.finditer(self.text, start, end)
            if m.end() <= skip[0] or m.start() >= skip[1]
        ]
        return min(found, key=lambda m: _distance(m.start(), m.end(), *skip), default=None)

    def person_near(
        self, start: int, end: int, skip: tuple[int, int], anchor: tuple[int, int]
    ) -> tuple[int, int, Entity] | None:
        """The person mentioned in ``[start, end)`` outside ``skip``, nearest to ``anchor``."""
        inside = [
            p
            for p in self.people
            if p[0] >= start and p[1] <= end and (p[1] <= skip[0] or p[0] >= skip[1])
        ]
        return min(inside, key=lambda p: _distance(p[0], p[1], *anchor), default=None)

    def pronoun_at(self, cue: re.Match[str]) -> tuple[int, int] | None:
        """A subject pronoun just after or just before a speech verb."""
        if self.words is None:
            return None
        after = re.match(r"\s+(\w+)", self.text[cue.end() : cue.end() + 20])
        if after and after.group(1).lower() in self.words.pronouns:
            return cue.end() + after.start(1), cue.end() + after.end(1)
        before = re.search(r"(\w+)\s+$", self.text[max(0, cue.start() - 20) : cue.start()])
        if before and before.group(1).lower() in self.words.pronouns:
            offset = max(0, cue.start() - 20)
            return offset + before.start(1), offset + before.end(1)
        return None


def _distance(a: int, b: int, c: int, d: int) -> int:
    return max(0, c - b, a - d)


@dataclass
class _Speaker:
    entity: Entity | None = None
    mention: tuple[int, int] | None = None
    confidence: float | None = None


def _speaker(
    reader: _Reader,
    sentence: tuple[int, int],
    skip: tuple[int, int],
    cue: re.Match[str] | None,
    previous: Entity | None,
) -> _Speaker:
    anchor = (cue.start(), cue.end()) if cue else skip
    person = reader.person_near(*sentence, skip, anchor)
    if person is not None:
        return _Speaker(person[2], (person[0], person[1]), SPEAKER_CONFIDENCE["named"])
    pronoun = reader.pronoun_at(cue) if cue else None
    if pronoun is not None and previous is not None:
        return _Speaker(previous, pronoun, SPEAKER_CONFIDENCE["pronoun"])
    if cue is not None:
        # A verb without a named subject (zanjó, sagt die Mutter): the person the text was
        # last about, a guess.
        before = [p for p in reader.people if sentence[0] - _TOPIC_CHARS <= p[0] < skip[0]]
        if before:
            return _Speaker(before[-1][2], None, SPEAKER_CONFIDENCE["topic"])
    return _Speaker()


def _quote(
    reader: _Reader,
    span: tuple[int, int],
    kind: str,
    cue: tuple[int, int] | None,
    speaker: _Speaker,
    confidence: float,
) -> Quote:
    text = reader.text
    mention = speaker.mention
    return Quote(
        text=text[span[0] : span[1]],
        start=span[0],
        end=span[1],
        kind=kind,  # type: ignore[arg-type]
        cue=text[cue[0] : cue[1]] if cue else None,
        cue_start=cue[0] if cue else None,
        cue_end=cue[1] if cue else None,
        speaker_mention=text[mention[0] : mention[1]] if mention else None,
        speaker_start=mention[0] if mention else None,
        speaker_end=mention[1] if mention else None,
        speaker=speaker.entity.name if speaker.entity else None,
        speaker_id=speaker.entity.id if speaker.entity and speaker.entity.id else None,
        confidence=confidence,
        speaker_confidence=speaker.confidence if speaker.entity else None,
    )


def _direct(reader: _Reader, spans: Sequence[QuotedSpan]) -> list[Quote]:
    quotes: list[Quote] = []
    previous: Entity | None = None
    last_group = -1
    for span in spans:
        start, end = span.start, span.end
        sentence = reader.sentence_of(span.open)
        skip = (span.open, span.close)
        cue = reader.verb_near(*sentence, skip)
        if span.dash and (said := _dash_attribution(reader, span)) is not None:
            # "– Vi er glade, sier ordføreren.": the words said end at the attribution's comma.
            end, cue = said
            skip, sentence = (span.open, end), (span.open, span.end)
        content = reader.text[start:end]
        size = _size(content)
        before = reader.marked[sentence[0] : span.open].rstrip(" \u00a0")
        intro = span.dash or before.endswith((":", "：")) or span.group == last_group
        after = reader.text[span.close : span.close + 1]
        ends = content.rstrip()[-1:] in _SENTENCE_END or (bool(after) and after in _SENTENCE_END)
        # "…", espetó el ingeniero: a lower-case word after the closing mark and a comma.
        incise = re.match(r"[,，]\s*[^\W\d_A-Z]", reader.text[span.close : span.close + 4])
        if cue is not None and size >= 3:
            support = "verb"
        elif (intro or (incise and size >= 4)) and size >= 3:
            support = "intro"
        elif size >= 6 and ends:
            support = "alone"
        else:
            continue
        speaker = _speaker(reader, sentence, skip, cue, previous)
        if speaker.entity is None and span.group == last_group and previous is not None:
            speaker = _Speaker(previous, None, SPEAKER_CONFIDENCE["continued"])
        cue_span = (cue.start(), cue.end()) if cue else None
        quotes.append(
            _quote(reader, (start, end), "direct", cue_span, speaker, CONFIDENCE[support])
        )
        previous = speaker.entity or previous
        last_group = span.group
    return quotes


def _dash_attribution(reader: _Reader, span: QuotedSpan) -> tuple[int, re.Match[str]] | None:
    """Where the words said end in a line of dialogue closed by an attribution (``– Ja, sier
    hun.``), and the attribution's speech verb; None without one."""
    if reader.words is None or reader.words.verbs is None:
        return None
    verbs = reader.words.verbs.pattern
    comma = re.compile(rf"[,!?…]\s*[-–—]?\s*(?:{verbs})", re.IGNORECASE)
    found = list(comma.finditer(reader.text, span.start, span.end))
    if not found:
        return None
    last = found[-1]
    verb = reader.words.verbs.search(reader.text, last.start(), last.end())
    if verb is None or last.start() <= span.start:
        return None
    # A comma belongs to the attribution; a question or exclamation mark to the words said.
    return last.start() + (reader.text[last.start()] != ","), verb


def _clause_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1] in _SENTENCE_END or text[end - 1].isspace()):
        end -= 1
    return end


def _indirect(reader: _Reader, spans: Sequence[QuotedSpan], taken: list[Quote]) -> list[Quote]:
    words = reader.words
    if words is None:
        return []
    found: list[Quote] = []
    previous: Entity | None = None
    for start, end in reader.sentences:
        content: tuple[int, int] | None = None
        cue: re.Match[str] | None = None
        # "…, sagte Merkel." / "…, dijo el ministro.": the clause before a closing speech verb.
        for match in words.verbs.finditer(reader.text, start, end) if words.verbs else ():
            comma = reader.text.rfind(",", start, match.start())
            if comma > start and not reader.text[comma + 1 : match.start()].strip():
                content, cue = (start, comma), match
                break
            after = re.match(r"\s*,?\s*(\w+)\s+", reader.text[match.end() : end])
            if after and after.group(1).lower() in words.complementizers:
                content = (match.end() + after.end(), _clause_end(reader.text, start, end))
                cue = match
                break
        if content is None and words.attributions is not None:
            cue = words.attributions.match(reader.text, start, end)
            content = _attributed(reader, cue, end) if cue else None
        if content is None or cue is None:
            continue
        previous = _previous(reader, [*taken, *found], start) or previous
        content = _trim(reader.text, *content)
        if _size(reader.text[content[0] : content[1]]) < 3:
            continue
        if any(q.start < content[1] and content[0] < q.end for q in taken):
            continue
        inner = [s for s in spans if s.open >= content[0] and s.close <= content[1]]
        speaker = _speaker(reader, (start, end), content, cue, previous)
        kind = "mixed" if inner else "indirect"
        found.append(
            _quote(reader, content, kind, (cue.start(), cue.end()), speaker, CONFIDENCE["indirect"])
        )
        previous = speaker.entity or previous
    return found


def _attributed(reader: _Reader, opener: re.Match[str], end: int) -> tuple[int, int] | None:
    """What a sentence opened by ``según X,`` or ``volgens X`` attributes to X: the rest of the
    sentence after the comma, or after the name when no comma follows it (Dutch, German)."""
    clause_end = _clause_end(reader.text, opener.end(), end)
    named = next((p for p in reader.people if opener.end() < p[0] <= opener.end() + 2), None)
    if named is not None and reader.text[named[1] : named[1] + 1] != ",":
        return named[1], clause_end
    comma = reader.text.find(",", opener.end(), end)
    return (comma + 1, clause_end) if comma > 0 else None


def _previous(reader: _Reader, quotes: Sequence[Quote], before: int) -> Entity | None:
    """The entity of the last named speaker of ``quotes`` before ``before``."""
    named = [q for q in quotes if q.start < before and q.speaker is not None]
    if not named:
        return None
    last = max(named, key=lambda q: q.start)
    return next((e for _, _, e in reader.people if e.name == last.speaker), None)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def find_speech(text: str, language: str | None, entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """The quotations of an article in a language without a spaCy pipeline.

    >>> text = "Die Ministerin Anna Berg sagte: „Wir werden das Gesetz noch diese Woche ändern.“"
    >>> [(q.text, q.kind) for q in find_speech(text, "de", ())]
    [('Wir werden das Gesetz noch diese Woche ändern.', 'direct')]
    """
    marked = normalise_marks(text)
    spans = quoted_spans(marked)
    people = sorted((m.start, m.end, e) for e in entities if e.label == "PER" for m in e.mentions)
    reader = _Reader(text, marked, words_for(language), people, sentences(marked, spans))
    direct = _direct(reader, spans)
    quotes = direct + _indirect(reader, spans, direct)
    return tuple(sorted(quotes, key=lambda q: q.start))


class SpeechFinder:
    """The quotes component for languages without a spaCy pipeline (reads the entities)."""

    name = "quotes"
    requires: frozenset[str] = frozenset()

    def __call__(self, doc: Doc, analysis: Analysis) -> Analysis:
        """``analysis`` with its quotations."""
        article = analysis.article
        quotes = find_speech(article.text, article.language, analysis.entities)
        return replace(analysis, quotes=quotes)
