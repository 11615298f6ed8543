"""Names without a model: for a language with no spaCy pipeline, capitalised spans become entities.

A run of capitalised words (with the particles names carry: ``van``, ``de``, ``bin``) is a name
candidate once the language's stop words are taken off its edges (spaCy's per-language lists,
installed with spaCy itself: no model needed). It is a person when it opens with a known first
name (``data/first_names.toml``) or follows an honorific of the language's speech data file, a
place when the gazetteer knows it in the page's language as a country, a large city or a name of
its own, an organisation when it is a lone acronym, and otherwise a name of unknown kind (MISC)
when it has two words or more and does not open a sentence. Any other lone capitalised word is
no name: in German every noun has a capital.

These spans are set as the ``Doc``'s entities of a blank pipeline, so the entity, place, quote
and date components run on them exactly as on a model's, and linking then gives a known
organisation (``NATO``) its id and label. They are less reliable than a model's.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsdesk.analyze import gazetteer
from newsdesk.analyze.knownnames import UNSPACED, KnownNames, find_unspaced, honoured, merged
from newsdesk.analyze.speech import words_for

DATA = Path(__file__).parent / "data"
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "den",
        "da",
        "das",
        "do",
        "dos",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "af",
        "zu",
        "ter",
        "ten",
        "y",
        "e",
    }
)
_MAX_WORDS = 5
# Arabic names keep their article in lower case inside the name: Sheib ad-Din, al-Scharaa.
_ARTICLED = re.compile(r"(?:a[dlnrstz]|el|ash|ibn|bin|abu|abd)[-‘’'][^\W\d_]")
_ACRONYM = re.compile(r"[^\W\d_a-z]{2,6}")


@cache
def _place_keys(language: str) -> frozenset[str]:
    return gazetteer.load().scan_keys(language)


def country_of(name: str, language: str | None) -> str | None:
    """The country ``name`` is as the gazetteer reads it (``U.S.``, ``UK``), else None."""
    matches = gazetteer.load().lookup(name, language)
    return next(
        (m.candidate.country_code for m in matches if m.candidate.feature == "country"), None
    )


def known_place(name: str, language: str) -> bool:
    """Whether the gazetteer knows ``name`` as a place of ``language`` (``Asie``, ``Lyon``)."""
    return gazetteer.key(name) in _place_keys(language)


@cache
def first_names() -> frozenset[str]:
    """Known first names, lower case, whatever gender they mark."""
    with (DATA / "first_names.toml").open("rb") as f:
        data = tomllib.load(f)
    return frozenset(name for group in data.values() if isinstance(group, list) for name in group)


@cache
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words of ``language`` (lower case); empty when spaCy has none."""
    try:
        module = __import__(f"spacy.lang.{language}.stop_words", fromlist=["STOP_WORDS"])
    except ImportError:
        return frozenset()
    return frozenset(w.lower() for w in getattr(module, "STOP_WORDS", ()))


def _runs(text: str) -> Iterator[list[re.Match[str]]]:
    """Runs of capitalised words separated by single spaces or hyphens (particles inside)."""
    run: list[re.Match[str]] = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        joined = run and text[run[-1].end() : match.start()] in (" ", "\u00a0", "-")
        # A particle joins a name that opens with a first name: Ursula von der Leyen.
        particle = word in PARTICLES and run and run[0].group().lower() in first_names()
        if word[0].isupper() or (joined and (particle or _ARTICLED.match(word))):
            if run and not joined:
                yield run
                run = []
            run.append(match)
            continue
        if run:
            yield run
            run = []
    if run:
        yield run


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \u00a0\"'«»„“”‹›(-–—")
    return not before or before[-1] in ".!?:\n…"


def _after_verb(text: str, start: int, verbs: re.Pattern[str] | None) -> bool:
    """Whether a speech verb ends just before ``start`` (``sagte Anna Berg``)."""
    window = text[max(0, start - 25) : start]
    return verbs is not None and any(
        m.end() == len(window.rstrip()) for m in verbs.finditer(window)
    )


def capitalised_names(text: str, language: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the name candidates of ``text``, in text order.

    >>> capitalised_names("Ayer, el ministro Pedro Sánchez visitó Madrid con la OTAN.", "es")
    [(18, 31, 'PER'), (39, 45, 'LOC'), (53, 57, 'ORG')]
    """
    stops = stop_words(language)
    words = words_for(language)
    honorifics = {h.lower().rstrip(".") for h in words.honorifics} if words else set()
    nouns = bool(words and words.nouns_capitalised)
    verbs = words.verbs if words else None
    names = first_names()
    found = []
    for run in _runs(text):
        while run and (run[0].group().lower() in stops or run[0].group() in PARTICLES):
            run = run[1:]
        while run and (run[-1].group().lower() in stops or run[-1].group() in PARTICLES):
            run = run[:-1]
        if not run or len(run) > _MAX_WORDS:
            continue
        start, end = run[0].start(), run[-1].end()
        while end > start and text[end - 1] in ".’'-":
            end -= 1
        previous = re.search(r"([\w.]+)\s+$", text[max(0, start - 30) : start])
        honoured = previous is not None and previous.group(1).lower().rstrip(".") in honorifics
        # A title or a noun before the name (der Arzt Hilary Jones, Trainer Nicolej Krickau):
        # the name starts at its first name, or after an honorific.
        opening = next(
            (i for i, m in enumerate(run[:-1]) if m.group().lower() in names | honorifics), 0
        )
        if len(run) == 1 and run[0].group().lower() in honorifics:
            continue
        if opening or run[0].group().lower() in honorifics:
            honoured = honoured or run[opening].group().lower() in honorifics
            run = (
                run[opening + 1 :] if run[opening].group().lower() in honorifics else run[opening:]
            )
            start = run[0].start()
        name = text[start:end]
        first = run[0].group().lower()
        said = _after_verb(text, start, verbs)
        if len(run) > 1 and (honoured or first in names or said):
            found.append((start, end, "PER"))
        elif known_place(name, language):
            found.append((start, end, "LOC"))
        elif len(run) == 1 and _ACRONYM.fullmatch(name):
            found.append((start, end, "ORG"))
        elif honoured:
            found.append((start, end, "PER"))
        elif len(run) > 1 and not nouns and not _opens_sentence(text, start):
            found.append((start, end, "MISC"))
    return found


@cache
def _tokenizer() -> Language:
    nlp = spacy.blank("xx")
    nlp.max_length = 10**9  # tokenizing only: no model's memory grows with the text
    return nlp


_PIECES = re.compile(rf"\s+|{UNSPACED.pattern}|[^\s{UNSPACED.pattern[1:-1]}]+")


def _character_doc(text: str) -> Doc:
    """``text`` as a ``Doc`` whose characters of unspaced scripts are tokens of their own, so
    that a name inside a run of Han, Kana or Hangul is a span of tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    for piece in _PIECES.finditer(text):
        token = piece.group()
        if token == " " and words and not words[-1].isspace() and not spaces[-1]:
            spaces[-1] = True
            continue
        words.append(token)
        spaces.append(False)
    return Doc(_tokenizer().vocab, words=words, spaces=spaces)


@cache
def _unspaced_places(language: str) -> frozenset[str]:
    """The gazetteer's names of ``language`` written in a script without spaces (Han, Kana,
    Hangul), in the folded form ``knownnames.find_unspaced`` compares."""
    return frozenset(k for k in _place_keys(language) if UNSPACED.search(k))


def named_doc(text: str, language: str, known: KnownNames | None = None) -> Doc:
    """``text`` tokenized by spaCy's multi-language tokenizer, with the names of ``language``
    as its entities (what a model's ``ner`` would give the components): the names the corpus
    knows (``known``) first, then the gazetteer's names and honoured names in scripts without
    capitals, then capitalised names."""
    unspaced = bool(UNSPACED.search(text))
    doc = _character_doc(text) if unspaced else _tokenizer().make_doc(text)
    words = words_for(language)
    names = merged(
        known.find(text) if known else [],
        find_unspaced(text, _unspaced_places(language)) if unspaced else [],
        honoured(text, words.honorifics) if unspaced and words else [],
        capitalised_names(text, language),
    )
    spans: list[Span] = []
    for start, end, label in names:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and (not spans or span.start >= spans[-1].end):
            spans.append(span)
    doc.ents = spans
    return doc
