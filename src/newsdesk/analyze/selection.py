"""Choosing among candidate quotations (one per stretch of text; reported speech nested in a
quotation kept beside it) and adding the quoted sentences with no cue of their own: those that
continue an attributed quotation, and testimonies."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator, Sequence

from newsdesk.analyze.mentions import Mention
from newsdesk.analyze.quotemarks import QuotedSpan
from newsdesk.analyze.quotetext import SPACES, Candidate, QuoteText, clause_words

# Fewest words in a quoted sentence that continues a speaker's quotation without a cue.
MIN_CONTINUATION_WORDS = 3
# Fewest words in a quoted paragraph with no cue taken as the testimony of the person named
# before it.
MIN_TESTIMONY_WORDS = 12


class _Intervals:
    """Candidates by start, to find those holding a position; candidates are local (a clause,
    a quotation), so the search looks back at most the longest candidate's length."""

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        self._items = sorted(candidates, key=lambda c: c.start)
        self._starts = [c.start for c in self._items]
        self._reach = max((c.end - c.start for c in self._items), default=0)

    def holding(self, pos: int) -> Iterator[Candidate]:
        """Candidates whose words hold ``pos``."""
        i = bisect_right(self._starts, pos) - 1
        while i >= 0 and self._items[i].start >= pos - self._reach:
            if pos < self._items[i].end:
                yield self._items[i]
            i -= 1

    def holding_all(self) -> list[Candidate]:
        """Every candidate, by start."""
        return list(self._items)

    def add(self, candidate: Candidate) -> None:
        i = bisect_right(self._starts, candidate.start)
        self._items.insert(i, candidate)
        self._starts.insert(i, candidate.start)
        self._reach = max(self._reach, candidate.end - candidate.start)

    def overlaps(self, candidate: Candidate) -> bool:
        """Whether a candidate here shares a character with ``candidate``."""
        i = bisect_left(self._starts, candidate.end) - 1
        while i >= 0 and self._items[i].start >= candidate.start - self._reach:
            if self._items[i].end > candidate.start:
                return True
            i -= 1
        return False


def select(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text, by priority then length. A candidate whose cue lies
    inside another's words is reported speech within the quotation (``…, estimant qu'il
    faut …``): it never displaces the outer one, and stays beside it when it is a clause; when
    every candidate holding its cue loses, it competes as an outer one."""
    every = _Intervals(candidates)

    def hosted(candidate: Candidate, among: _Intervals) -> bool:
        # Two candidates each holding the other's cue (a clause read past the incise of
        # another verb) are rivals, not one nested in the other.
        if candidate.cue is None:
            return False
        return any(
            o is not candidate and not (o.cue is not None and candidate.holds(o.cue[0]))
            for o in among.holding(candidate.cue[0])
        )

    outer = [c for c in candidates if not hosted(c, every)]
    inner = [c for c in candidates if hosted(c, every)]
    by_rank = lambda c: (c.priority, -(c.end - c.start))  # noqa: E731
    chosen = _Intervals(())
    for candidate in sorted(outer, key=by_rank):
        if not chosen.overlaps(candidate):
            chosen.add(candidate)
    # A candidate whose every host lost to a rival is no reported speech within a quotation:
    # it is read as an outer one (« … », ajoute X, a cue inside a "selon lui" clause that a
    # longer clause displaced).
    for candidate in sorted(inner, key=by_rank):
        if not hosted(candidate, chosen) and not chosen.overlaps(candidate):
            chosen.add(candidate)
    taken = {(c.start, c.end) for c in chosen.holding_all()}
    nested = _Intervals(())
    for candidate in sorted(inner, key=by_rank):
        if candidate.priority != 2 or candidate.kind == "direct":
            continue
        if not hosted(candidate, chosen) or nested.overlaps(candidate):
            continue
        if (candidate.start, candidate.end) not in taken:
            nested.add(candidate)
    return sorted([*chosen.holding_all(), *nested.holding_all()], key=lambda c: c.start)


def continuations(article: QuoteText, chosen: list[Candidate]) -> list[Candidate]:
    """Quoted sentences with no cue that follow an attributed quotation: same speaker."""
    used = {id(s) for c in chosen for s in c.spans}
    found = _Intervals(chosen)
    ends = sorted((c.end, c.start) for c in chosen)
    by_range = {(c.end, c.start): c for c in chosen}
    extra: list[Candidate] = []
    groups: dict[int, Candidate] = {}
    for candidate in chosen:
        for span in candidate.spans:
            groups.setdefault(span.group, candidate)

    def keep(candidate: Candidate) -> None:
        extra.append(candidate)
        key = (candidate.end, candidate.start)
        insort(ends, key)
        by_range[key] = candidate

    def testify(span: QuotedSpan) -> None:
        testimony = _testimony(article, span)
        if testimony is not None:
            keep(testimony)
            groups.setdefault(span.group, testimony)

    for span in article.spans:
        if id(span) in used or any(c.end >= span.end for c in found.holding(span.start)):
            continue
        owner = groups.get(span.group)
        if owner is not None:  # another paragraph of an attributed quotation
            keep(
                Candidate(
                    span.start,
                    span.end,
                    "direct",
                    None,
                    owner.mention,
                    4,
                    [span],
                    True,
                    reader="paragraphs",
                )
            )
            continue
        if clause_words(article, span.start, span.end) < MIN_CONTINUATION_WORDS:
            continue
        if not article.lexicon.verbs:  # no lexicon: punctuation alone, sentences only
            if article.text[span.start : span.start + 1].isupper():
                keep(
                    Candidate(
                        span.start, span.end, "direct", None, None, 5, [span], reader="punctuation"
                    )
                )
            continue
        if span.dash or not _stands_alone(article, span) or _heading(article, span):
            continue
        i = bisect_right(ends, (span.open, len(article.text))) - 1
        if i < 0:
            testify(span)
            continue
        last = by_range[ends[i]]
        after = max(
            last.end,
            last.cue[1] if last.cue else 0,
            last.mention.end if last.mention is not None else 0,
        )
        gap = article.paragraph_index(span.open) - article.paragraph_index(last.end)
        if gap > 1 or article.speakers.person_between(after, span.open):
            testify(span)
            continue
        if gap == 1 and not _paragraph_is_quote(article, span):
            continue
        keep(
            Candidate(
                span.start,
                span.end,
                "direct",
                None,
                last.mention,
                4,
                [span],
                True,
                reader="continuation",
            )
        )
    return extra


def _testimony(article: QuoteText, span: QuotedSpan) -> Candidate | None:
    """A quoted paragraph of its own with no cue and no speaker before it, in an article that
    named a person shortly before (an interview's answer, a testimony), or a quoted sentence
    right after one naming a person: that person's, with a low confidence."""
    announced = _announced_by(article, span)
    if announced is not None and clause_words(article, span.start, span.end) >= (
        MIN_CONTINUATION_WORDS
    ):
        return Candidate(
            span.start, span.end, "direct", None, announced, 5, [span], reader="testimony"
        )
    pronoun = _opening_pronoun(article, span)
    if not (
        pronoun is not None
        or _paragraph_is_quote(article, span)
        or _after_a_named_person(article, span)
    ):
        return None
    if clause_words(article, span.start, span.end) < MIN_TESTIMONY_WORDS:
        return None
    mention = pronoun or article.speakers.salient_person(span.open)
    if mention is None:
        return None
    return Candidate(span.start, span.end, "direct", None, mention, 5, [span], reader="testimony")


def _after_a_named_person(article: QuoteText, span: QuotedSpan) -> bool:
    """Whether the sentence right before the quotation, in its paragraph, names a person
    (``Un constat que partage Marie Dausse. « … »``): the quotation follows its speaker."""
    before = _sentence_before(article, span)
    return before is not None and article.speakers.person_between(*before)


def _opening_pronoun(article: QuoteText, span: QuotedSpan) -> Mention | None:
    """The singular personal pronoun the sentence right before the quotation, in its
    paragraph, opens with (``Il énumère … depuis Nicolas Sarkozy en 2010. « … »``): the
    quotation is from the one the article was speaking of, not from whoever that sentence
    names after its subject."""
    found = _sentence_before(article, span)
    if found is None:
        return None
    i = article.word_at(found[0])
    if i >= len(article.words) or article.words[i].start >= found[1]:
        return None
    first, lexicon = article.words[i], article.lexicon
    gender, number = lexicon.pronouns.get(first.lower, (None, "pl"))
    if gender is None or number != "sg" or first.lower in lexicon.first_person:
        return None
    return Mention(first.start, first.end, first.text, "pronoun")


def _sentence_before(article: QuoteText, span: QuotedSpan) -> tuple[int, int] | None:
    """Start and end of the sentence right before the quotation in its paragraph, if any."""
    paragraph_start, _ = article.paragraphs[article.paragraph_index(span.open)]
    sentence_start, _ = article.sentence_of(span.open)
    if sentence_start <= paragraph_start:
        return None
    before, _ = article.sentence_of(sentence_start - 1)
    return max(before, paragraph_start), sentence_start


def _announced_by(article: QuoteText, span: QuotedSpan) -> Mention | None:
    """The person the sentence right before the quotation, in its paragraph, opens with as the
    subject of a speech verb (``Sa voisine, Amal, raconte la même chose. « … »``): the
    quotation that follows is theirs, however short."""
    found = _sentence_before(article, span)
    if found is None:
        return None
    before, sentence_start = found
    words, lexicon = article.words, article.lexicon
    i = article.word_at(before)
    while i < len(words) and words[i].start < sentence_start:
        if words[i].lower in lexicon.verbs and not article.in_quote(words[i].start):
            while i > 0 and words[i - 1].lower in lexicon.auxiliaries:
                i -= 1  # "a raconté": the subject is before the auxiliary
            mention = article.speakers.mention_before(words[i].start, before, words)
            entity = None if mention is None else mention.entity
            return mention if entity is not None and entity.label == "PER" else None
        i += 1
    return None


def _stands_alone(article: QuoteText, span: QuotedSpan) -> bool:
    """Whether the quotation is a sentence of its own (nothing but marks around it)."""
    sentence_start, sentence_end = article.sentence_of(span.open)
    lead = article.text[sentence_start : span.open]
    tail = article.text[span.close : sentence_end]
    return not lead.strip(SPACES + "—–-") and not tail.strip(SPACES + ".!?…")


def _heading(article: QuoteText, span: QuotedSpan) -> bool:
    """Whether the quotation is a heading: the whole of its line, with no punctuation ending
    a sentence inside its marks or after them (``« Désaccord total »``). A quoted sentence
    standing as a paragraph ends with its period; a title set in quotation marks has none."""
    if not span.closed or not _paragraph_is_quote(article, span):
        return False
    _, paragraph_end = article.paragraphs[article.paragraph_index(span.open)]
    text = article.text
    if text[span.close : paragraph_end].strip(SPACES):
        return False
    return text[span.start : span.end].rstrip(SPACES)[-1:] not in ".!?…"


def _paragraph_is_quote(article: QuoteText, span: QuotedSpan) -> bool:
    start, _ = article.paragraphs[article.paragraph_index(span.open)]
    return not article.text[start : span.open].strip(SPACES + "—–-")
