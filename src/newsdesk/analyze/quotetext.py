"""One article as the quotation readers see it: its words, quoted spans, sentences,
paragraphs, speaker mentions and (when the pipeline parsed it) its dependency parse; and the
candidate quotations the readers propose before speakers are resolved."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token

from newsdesk.analyze.lexicon import QuoteLexicon
from newsdesk.analyze.mentions import is_definite
from newsdesk.analyze.quotemarks import QuotedSpan, paragraphs, quoted_spans, sentences, words
from newsdesk.analyze.speakers import Mention, SpeakerResolver
from newsdesk.records import Entity

Kind = Literal["direct", "indirect", "mixed"]

SPACES = " \t\n\u00a0\u202f\u2009"


@dataclass
class Candidate:
    """One quotation found, before its speaker is resolved."""

    start: int
    end: int
    kind: Kind
    cue: tuple[int, int] | None
    mention: Mention | None
    priority: int  # lower wins when two candidates claim the same span
    spans: list[QuotedSpan] = field(default_factory=list)  # quoted spans it consumes
    inherit: bool = False  # takes the speaker of the quotation before it
    # How it was found (``incise``, ``complement``, ``object``…): the confidence reads it.
    reader: str = "other"

    def holds(self, pos: int) -> bool:
        """Whether ``pos`` is within the quotation's words."""
        return self.start <= pos < self.end


def _lowered(text: str) -> str:
    """``text`` in lower case with straight apostrophes, when that keeps every offset (a few
    characters, like ``İ``, lengthen in lower case: then each is lowered alone)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("’", "'")


class QuoteText:
    """One article's text, words, quotations and sentences, with lookups between them."""

    def __init__(
        self,
        text: str,
        lexicon: QuoteLexicon,
        entities: Sequence[Entity],
        doc: Doc | None = None,
    ) -> None:
        self.text = text
        self.lexicon = lexicon
        # The parse, when the pipeline has one and its text is the article's.
        self.doc = doc if doc is not None and doc.has_annotation("DEP") else None
        self.words = words(text)
        self.word_starts = [w.start for w in self.words]
        self.spans = quoted_spans(text)
        # Lower case with straight apostrophes, offsets unchanged (patterns are matched on it).
        self.lowered = _lowered(text)
        self.sentences = sentences(text, self.spans, lexicon.abbreviations)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.paragraphs = paragraphs(text)
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        self.speakers = SpeakerResolver(text, entities, lexicon, self.spans)
        if self.doc is not None:
            subjects = [t for t in self.doc if t.dep_ in {"nsubj", "nsubj:pass"}]
            self.speakers.subjects = self._subject_starts(subjects)
            # Subjects of a sentence's main verbs, not of a clause inside it ("Lacerda went into
            # detail about how Maxwell recruited her victims"): who the sentence is about.
            main = [t for t in subjects if _main_verb(t.head)]
            self.speakers.main_subjects = self._subject_starts(main)
            phrases = list(self._phrase_subjects(main))
            self.speakers.role_subjects = tuple(m for m in phrases if m.kind == "person")
            self.speakers.organisation_subjects = tuple(
                m for m in phrases if m.kind == "organisation"
            )
            self.speakers.expletives = frozenset(
                t.idx
                for t in self.doc
                if t.dep_ in {"expl", "expl:subj"} and t.head.lower_ in lexicon.impersonal_verbs
            )

    def _subject_starts(self, subjects: Sequence[Token]) -> frozenset[int]:
        """Where ``subjects`` and the mentions they hold start: a subject's first word and head,
        a name in apposition to it or to a word of its complement, between commas (``Le
        président de la FNSEA, Arnaud Rousseau, l'assure``; ``La mère de la victime, Nathalie
        Roux, réclame``), a name after a title inside it."""
        named = [
            c
            for t in subjects
            for c in t.subtree
            if (c.dep_ == "appos" and (c.head == t or _after_comma(c))) or _misparsed_apposition(c)
        ]
        return (
            frozenset(t.left_edge.idx for t in [*subjects, *named])
            | frozenset(t.idx for t in [*subjects, *named])
            | frozenset(self._titled_names(subjects))
        )

    def _phrase_subjects(self, subjects: Sequence[Token]) -> Iterator[Mention]:
        """The subjects outside quotations that are a definite role (``Le maire``, ``la
        ministre de la Santé``) or organisation (``La préfecture du Bas-Rhin``), up to their
        first punctuation or clause."""
        for subject in subjects:
            if self.in_quote(subject.idx):
                continue
            end = subject.idx + len(subject.text)
            for child in subject.rights:
                if child.is_punct or child.dep_ in {"appos", "acl", "acl:relcl", "relcl"}:
                    break
                end = child.right_edge.idx + len(child.right_edge.text)
            mention = self.speakers.mention_in(subject.left_edge.idx, end, self.words)
            if (
                mention is not None
                and mention.kind in {"person", "organisation"}
                and is_definite(mention.text)
            ):
                yield mention

    def _titled_names(self, subjects: Sequence[Token]) -> Iterator[int]:
        """Starts of the entity mentions inside a subject, up to its first punctuation or
        clause (``Le Premier ministre Andrej Babiš s'est exprimé``, ``Prime Minister Justin
        Trudeau told …``: the parse hangs the name from the title as an adjective, a flat name
        or a compound): the name is the subject too."""
        assert self.doc is not None
        doc, mentions = self.doc, self.speakers.mentions
        starts = self.speakers.mention_starts
        for subject in subjects:
            within = {t.i for t in subject.subtree}
            j = subject.i + 1
            while j < len(doc) and j in within and not doc[j].is_punct:
                if doc[j].dep_ in {"acl", "acl:relcl", "relcl"}:
                    break
                j += 1
            end = doc[j].idx if j < len(doc) else len(self.text)
            i = bisect_left(starts, subject.left_edge.idx)
            while i < len(mentions) and mentions[i][0] < end:
                yield mentions[i][0]
                i += 1

    # --- lookups ------------------------------------------------------------------------------

    def word_at(self, pos: int) -> int:
        """Index of the first word starting at or after ``pos``."""
        return bisect_left(self.word_starts, pos)

    def token_at(self, pos: int) -> Token | None:
        """The parsed token holding the character at ``pos`` (None without a parse)."""
        if self.doc is None:
            return None
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_left(self.sentence_starts, pos + 1) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def paragraph_index(self, pos: int) -> int:
        return max(0, bisect_left(self.paragraph_starts, pos + 1) - 1)

    def in_quote(self, pos: int) -> QuotedSpan | None:
        return self.spans.containing(pos)


def strip(text: str, start: int, end: int, chars: str = SPACES + ",;:") -> tuple[int, int]:
    """``start``/``end`` moved past ``chars`` (and a final period)."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars + ".":
        end -= 1
    return start, end


_COLON_QUOTE = re.compile(r"[ \t\u00a0\u202f]*:[ \t\u00a0\u202f]*[«\"“„]")


def before_colon_quote(text: str, start: int, end: int) -> int:
    """``end``, or where a colon opening a quotation cuts a reported clause before it (``… sur
    la table » : « La politique … »``: the quotation after the colon is a new one)."""
    colon = _COLON_QUOTE.search(text, start, end)
    return end if colon is None else colon.start()


def clause_words(article: QuoteText, start: int, end: int) -> int:
    """How many words ``[start, end)`` holds."""
    return article.word_at(end) - article.word_at(start)


def kind_of(article: QuoteText, start: int, end: int) -> tuple[Kind, list[QuotedSpan]]:
    """``mixed`` when the clause carries quoted words (the spans it consumes), else ``indirect``."""
    inside = [s for s in article.spans.overlapping(start, end) if not s.dash]
    return ("mixed" if inside else "indirect"), inside


# Most words of a name written in quotation marks (« Libération », « Le Canard enchaîné »).
MAX_TITLE_WORDS = 4


def titled(article: QuoteText, span: QuotedSpan) -> bool:
    """Whether quoted words are a name in quotation marks (a title, an outlet: « Libération »):
    a capital first, at most ``MAX_TITLE_WORDS`` words, no sentence's punctuation."""
    content = article.text[span.start : span.end]
    return (
        content[:1].isupper()
        and len(content.split()) <= MAX_TITLE_WORDS
        and not any(c in content for c in ",;:.!?")
    )


def framed_kind(
    article: QuoteText, start: int, end: int
) -> tuple[int, int, Kind, list[QuotedSpan]]:
    """The quotation ``[start, end)`` with its kind: the quoted words without their marks,
    direct, when one quotation makes up the whole clause (``Pour X, « … »``), else the clause,
    mixed or indirect (``kind_of``)."""
    kind, spans = kind_of(article, start, end)
    if len(spans) == 1 and spans[0].open <= start and spans[0].close >= end:
        return spans[0].start, spans[0].end, "direct", spans
    return start, end, kind, spans


def _main_verb(verb: Token) -> bool:
    """Whether ``verb`` is its sentence's root, or coordinated with it."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _misparsed_apposition(token: Token) -> bool:
    """Whether ``token`` is a name in apposition the parser read as a coordinate (``La mère de
    la victime, Nathalie Roux, réclame``) or as a complement with no preposition (``Sa
    voisine, Fatou, a dû``): a capitalised word after a comma, with no coordinator nor
    preposition (the parse here carries no part-of-speech tags)."""
    return (
        token.dep_ in {"conj", "nmod"}
        and token.text[:1].isupper()
        and _after_comma(token)
        and not any(c.dep_ in {"cc", "case"} for c in token.children)
    )


def _after_comma(token: Token) -> bool:
    """Whether the phrase ``token`` heads opens after a comma (the parse may hang it there)."""
    left = token.left_edge
    return left.text == "," or (left.i > 0 and token.doc[left.i - 1].text == ",")
