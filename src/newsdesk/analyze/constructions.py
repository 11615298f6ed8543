"""Attributions built around the speech verb rather than by it, read from the language's
``[constructions]`` table:

- a comparison (``…, comme le souligne X``; ``…, as X noted``): the clause before it;
- a cataphora (``C'est ce qu'a annoncé X``; ``That is what X said``): the sentence before it;
- a framing (``« … » : c'est par ces mots que X a conclu``): the quotation right before it;
- a reading (``« … », peut-on lire dans X``): the clause before it, written by X;
- a possessive opening the sentence (``À ses yeux, …``): the clause after it, said by the
  person the article was speaking of;
- a relative attribution (``…, X, pour qui …``): the rest of the sentence, said by X;
- an impersonal reading (``On lit dans X que …``): the clause, written by X;
- a narrative infinitive (``Et de conclure : « … »``): the quotation, said by the person the
  article was speaking of;
- a signature (``« … » ⏎ Olivier Truchot, journaliste``): the quotation above it, said by the
  name it opens with;
- a document (``selon un communiqué publié par X``; ``according to a statement from X``): the
  clause, said by the document's author; a document someone only holds (``selon un rapport
  consulté par l'AFP``, ``according to a memo obtained by X``) names no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from newsdesk.analyze.lexicon import QuoteLexicon
from newsdesk.analyze.quotetext import (
    SPACES,
    Candidate,
    QuoteText,
    clause_words,
    framed_kind,
    kind_of,
    strip,
)
from newsdesk.analyze.speakers import Mention

# Fewest words in a clause read as what was said.
MIN_WORDS = 3
# Longest clause read before a comparison or as the sentence before a cataphora.
MAX_CHARS = 1500
# Most words of a subject between a framing (c'est ainsi que) and its verb.
FRAMED_SUBJECT_WORDS = 5


def _alternation(forms: Sequence[str]) -> str:
    ordered = sorted({f.replace("’", "'") for f in forms}, key=len, reverse=True)
    return "|".join(re.escape(f) for f in ordered)


@cache
def _pattern(forms: tuple[str, ...], tail: str = r"(?![\w-])") -> re.Pattern[str] | None:
    if not forms:
        return None
    return re.compile(r"(?<![\w'-])(?:" + _alternation(forms) + ")" + tail)


def pattern_of(lexicon: QuoteLexicon, name: str) -> re.Pattern[str] | None:
    """The pattern of the words the language lists for the construction ``name``."""
    return _pattern(tuple(lexicon.constructions.get(name, ())))


def opens_sentence(article: QuoteText, sentence_start: int, pos: int) -> bool:
    """Whether only marks and connectives (``Mais``, ``Cependant,``: the language's
    ``connectives``) stand between the sentence's start and ``pos``."""
    lead = article.lowered[sentence_start:pos].strip(SPACES + '«"“—–-,')
    connectives = pattern_of(article.lexicon, "connectives")
    while lead and connectives is not None and (match := connectives.match(lead)) is not None:
        lead = lead[match.end() :].strip(SPACES + ",")
    return not lead


def _verb_after(article: QuoteText, pos: int) -> tuple[int, int] | None:
    """The speech verb (with an auxiliary, an elided object pronoun) starting at ``pos``."""
    lexicon = article.lexicon
    i = article.word_at(pos)
    end = None
    start = None
    for _ in range(3):
        if i >= len(article.words):
            return None
        word = article.words[i]
        gap = article.text[pos : word.start].strip(SPACES + "'’").lower()
        if gap and gap not in lexicon.auxiliaries:  # "c'est ce qu'a annoncé": a glued "a"
            return None
        lower = word.lower.replace("’", "'").split("'")[-1]
        if start is None and (lower in lexicon.verbs or lower in lexicon.auxiliaries):
            start = word.start + len(word.lower) - len(lower)  # "l'a souligné": "a souligné"
        if lower in lexicon.verbs:
            end = word.end
            break
        pronoun = lower in {"le", "la", "l", "les"} or lower in lexicon.object_pronouns
        if lower not in lexicon.auxiliaries and not pronoun:  # "comme nous le raconte X"
            return None
        pos = word.end
        i += 1
    return None if end is None or start is None else (start, end)


def _cued(
    article: QuoteText, name: str, tail: str = r"(?![\w-])"
) -> Iterator[tuple[re.Match[str], tuple[int, int], Mention]]:
    """The matches of the construction ``name`` outside quotations that a speech verb follows,
    with the verb and the speaker named after it."""
    pattern = _pattern(tuple(article.lexicon.constructions.get(name, ())), tail)
    if pattern is None:
        return
    for match in pattern.finditer(article.lowered):
        if article.in_quote(match.start()):
            continue
        cue = _verb_after(article, match.end())
        if cue is None:
            continue
        _, sentence_end = article.sentence_of(match.start())
        mention = article.speakers.mention_after(cue[1], sentence_end, article.words)
        if mention is not None:
            yield match, cue, mention


def comparisons(article: QuoteText) -> Iterator[Candidate]:
    """``…, comme le souligne X``: the clause before the comparison."""
    for match, cue, mention in _cued(article, "comparison"):
        sentence_start, _ = article.sentence_of(match.start())
        start, end = strip(
            article.text, max(sentence_start, match.start() - MAX_CHARS), match.start()
        )
        if clause_words(article, start, end) < MIN_WORDS:
            continue
        kind, spans = kind_of(article, start, end)
        yield Candidate(start, end, kind, cue, mention, 3, spans, reader="comparison")


def cataphoras(article: QuoteText) -> Iterator[Candidate]:
    """``C'est ce qu'a annoncé X``: the sentence before, in the same paragraph."""
    for match, cue, mention in _cued(article, "cataphora", tail=""):
        sentence_start, _ = article.sentence_of(match.start())
        if sentence_start == 0:
            continue
        before_start, before_end = article.sentence_of(sentence_start - 1)
        start, end = strip(article.text, before_start, before_end)
        # The sentence before may end the paragraph before, when it ends as a sentence does
        # (a heading does not).
        same = article.paragraph_index(before_start) == article.paragraph_index(sentence_start)
        closed = (
            article.text[before_start:before_end]
            .rstrip(SPACES + '»”"')
            .endswith((".", "!", "?", "…"))
        )
        if not (same or closed) or end - start > MAX_CHARS:
            continue
        if clause_words(article, start, end) < MIN_WORDS:
            continue
        start, end, kind, spans = framed_kind(article, start, end)
        yield Candidate(start, end, kind, cue, mention, 3, spans, reader="cataphora")


def framings(article: QuoteText) -> Iterator[Candidate]:
    """``« … » : c'est par ces mots que X a conclu``, ``« Un choc », c'est ainsi qu'il a
    qualifié …``, ``« … », c'est en ces termes qu'a réagi X``: the quotation right before, said
    by the clause's subject, written before its verb or after it."""
    pattern = _pattern(tuple(article.lexicon.constructions.get("framing", ())), tail="")
    if pattern is None:
        return
    words = article.words
    for match in pattern.finditer(article.lowered):
        if article.in_quote(match.start()):
            continue
        span = article.spans.last_closing_by(match.start())
        if span is None or span.dash or not span.closed:
            continue
        if article.text[span.close : match.start()].strip(SPACES + ",:—–-"):
            continue
        _, sentence_end = article.sentence_of(match.start())
        first = article.word_at(match.end())
        cue = next(
            (
                found
                for i in range(first, min(first + FRAMED_SUBJECT_WORDS + 1, len(words)))
                if words[i].start < sentence_end
                and (found := _verb_after(article, words[i].start)) is not None
            ),
            None,
        )
        if cue is None:
            continue
        # "qu'il a qualifié", "que Thierry Moreau a conclu"; else "qu'a réagi la ministre"
        mention = article.speakers.mention_before(cue[0], match.start(), words)
        if mention is None or mention.start < match.start():
            mention = article.speakers.mention_after(cue[1], sentence_end, words)
        if mention is None:
            continue
        yield Candidate(span.start, span.end, "direct", cue, mention, 1, [span], reader="framing")


def narrative_infinitives(article: QuoteText) -> Iterator[Candidate]:
    """``Et de conclure : « … »``: the quotation after the infinitive, said by the person
    the article was speaking of."""
    table = article.lexicon.constructions
    pattern = _pattern(tuple(table.get("narrative", ())), tail="")
    if pattern is None:
        return
    for match in pattern.finditer(article.lowered):
        if article.in_quote(match.start()):
            continue
        i = article.word_at(match.end())
        if i >= len(article.words) or article.words[i].lower not in article.lexicon.verbs:
            continue
        verb = article.words[i]
        span = article.spans.first_from(verb.end)
        if span is None or article.text[verb.end : span.open].strip(SPACES + ":,—–-"):
            continue
        mention = article.speakers.salient_person(match.start())
        if mention is None:
            continue
        cue = (match.start(), verb.end)
        yield Candidate(span.start, span.end, "direct", cue, mention, 1, [span], reader="narrative")


def readings(article: QuoteText) -> Iterator[Candidate]:
    """``« … », peut-on lire dans Le Monde``: the clause before, written by the publication
    named after the reading verb; ``« … », peut-on lire.`` closing its sentence
    (``reading_alone``): written by the publication named before it (``_publication_before``)."""
    text = article.text
    for name in ("reading", "reading_alone"):
        pattern = pattern_of(article.lexicon, name)
        for match in pattern.finditer(article.lowered) if pattern is not None else ():
            sentence_start, sentence_end = article.sentence_of(match.start())
            before = text[sentence_start : match.start()].rstrip(SPACES + "—–-")
            if article.in_quote(match.start()) or not before.endswith(","):
                continue
            start, end = strip(text, sentence_start, match.start())
            if name == "reading":
                mention = article.speakers.mention_after(
                    match.end(), sentence_end, article.words, strict=True
                )
            elif text[match.end() : sentence_end].strip(SPACES + ".!?"):
                continue  # "peut-on lire dans X": a reading naming its publication
            else:
                start, end, lead_end = _after_colon(article, start, end)
                mention = _publication_before(article, sentence_start, lead_end)
            if mention is None or clause_words(article, start, end) < MIN_WORDS:
                continue
            start, end, kind, spans = framed_kind(article, start, end)
            cue = (match.start(), match.end())
            yield Candidate(start, end, kind, cue, mention, 3, spans, reader="comparison")


def _after_colon(article: QuoteText, start: int, end: int) -> tuple[int, int, int]:
    """The clause ``[start, end)``, or the quotation that ends it after a colon (``Mediapart
    révèle ces « raisons » : « … »``), with where the words introducing it end."""
    text = article.text
    span = article.spans.last_closing_by(end)
    if (
        span is not None
        and start < span.open
        and not text[span.close : end].strip(SPACES)
        and text[start : span.open].rstrip(SPACES).endswith(":")
    ):
        return span.open, span.close, span.open
    return start, end, article.sentence_of(start)[0]


def _publication_before(article: QuoteText, sentence_start: int, lead_end: int) -> Mention | None:
    """The organisation named last before ``lead_end`` in the words that introduce the
    quotation read (``Mediapart révèle ces « raisons » : « … »``), else the one named first
    in the sentence before (the publication opens it: ``Mediapart publie un article sur
    …``); outside quotations."""
    previous = article.sentence_of(sentence_start - 1)[0] if sentence_start else 0
    first_before: Mention | None = None
    last_in_lead: Mention | None = None
    for start, end, entity in article.speakers.mentions:
        if start >= lead_end:
            break
        if start < previous or entity.label not in {"ORG", "MISC"} or article.in_quote(start):
            continue
        mention = Mention(start, end, article.text[start:end], "entity", entity)
        if start >= sentence_start:
            last_in_lead = mention
        elif first_before is None:
            first_before = mention
    return last_in_lead or first_before


def sources(article: QuoteText) -> Iterator[Candidate]:
    """``On lit dans Le Monde que …``, ``on apprend via l'AFP que …``: the clause after
    ``que``, written by the publication named after the impersonal reading verb."""
    pattern = pattern_of(article.lexicon, "source")
    if pattern is None:
        return
    words, text = article.words, article.text
    for match in pattern.finditer(article.lowered):
        if article.in_quote(match.start()):
            continue
        _, sentence_end = article.sentence_of(match.start())
        mention = article.speakers.mention_after(match.end(), sentence_end, words, strict=True)
        if mention is None:
            continue
        i = article.word_at(mention.end)
        if i >= len(words) or text[mention.end : words[i].start].strip(SPACES):
            continue
        lower = words[i].lower.replace("’", "'")
        if lower == "que":
            start = words[i].end
        elif lower.startswith("qu'"):
            start = words[i].start + 3
        else:
            continue
        start, end = strip(text, start, sentence_end)
        if clause_words(article, start, end) < MIN_WORDS or end - start > MAX_CHARS:
            continue
        kind, spans = kind_of(article, start, end)
        cue = (match.start(), match.end())
        yield Candidate(start, end, kind, cue, mention, 3, spans, reader="comparison")


def relatives(article: QuoteText) -> Iterator[Candidate]:
    """``…, a déclaré X, pour qui « … »``: a relative attribution after a comma, the rest of
    the sentence said by the speaker named right before the comma."""
    pattern = pattern_of(article.lexicon, "relative")
    if pattern is None:
        return
    text = article.text
    for match in pattern.finditer(article.lowered):
        sentence_start, sentence_end = article.sentence_of(match.start())
        comma = len(text[sentence_start : match.start()].rstrip(SPACES)) + sentence_start - 1
        if article.in_quote(match.start()) or comma <= sentence_start or text[comma] != ",":
            continue
        # From after the comma, so that an apposition before it is passed over (``X,
        # délégué syndical, pour qui``).
        words = article.words
        mention = article.speakers.mention_before(
            comma + 1, sentence_start, words
        ) or article.speakers.mention_before(comma, sentence_start, words)
        if mention is None or article.in_quote(mention.start):
            continue
        start, end = strip(text, match.end(), sentence_end)
        if clause_words(article, start, end) < MIN_WORDS:
            continue
        start, end, kind, spans = framed_kind(article, start, end)
        cue = (match.start(), match.end())
        yield Candidate(start, end, kind, cue, mention, 3, spans, reader="preposition")


def possessives(article: QuoteText) -> Iterator[Candidate]:
    """``À ses yeux, « … »``: an attribution by a possessive opening the sentence, the clause
    after its comma said by the person the article was speaking of."""
    pattern = _pattern(tuple(article.lexicon.constructions.get("possessive", ())))
    if pattern is None:
        return
    for match in pattern.finditer(article.lowered):
        sentence_start, sentence_end = article.sentence_of(match.start())
        lead = article.text[sentence_start : match.start()].strip(SPACES + '«"“—–-')
        after = article.text[match.end() : sentence_end].lstrip(SPACES)
        if lead or article.in_quote(match.start()) or not after.startswith(","):
            continue
        mention = article.speakers.salient_person(match.start())
        start, end = strip(article.text, match.end(), sentence_end)
        if mention is None or clause_words(article, start, end) < MIN_WORDS:
            continue
        start, end, kind, spans = framed_kind(article, start, end)
        cue = (match.start(), match.end())
        yield Candidate(start, end, kind, cue, mention, 3, spans, reader="preposition")


# The signature line of an embedded post: a dash, the author's name, the account, a date
# (``— Olivier Véran (@olivierveran) March 14, 2020``).
_POST_SIGNATURE = re.compile(r"[—–][ \t\u00a0]*(?P<name>[^\n()@]{2,80}?)[ \t\u00a0]*\(@\w{1,30}\)")
# What marks a paragraph as a post's rather than the article's: a hashtag, an account, a
# link, a pictograph.
_POST_MARKS = re.compile(r"[#@]\w|https?://|[\u2600-\u27bf\U0001F000-\U0001FAFF]")
# Longest post read above its signature line (a post holds at most 280 characters; its links
# are shortened).
MAX_POST_CHARS = 300


def embedded_posts(article: QuoteText) -> Iterator[Candidate]:
    """Posts embedded in the article (``…⏎— Elon Musk (@elonmusk) March 16, 2020``): the
    paragraph right above the signature line, and those above it that look like a post's, as
    long as a post can be, said by the author the line names, the dash its cue; one record per
    paragraph."""
    text = article.text
    for index, (start, end) in enumerate(article.paragraphs):
        match = _POST_SIGNATURE.match(text, start, end)
        if match is None or index == 0:
            continue
        name = (match.start("name"), match.end("name"))
        mention = article.speakers.mention_in(*name, article.words)
        if mention is None:  # the account's name, whatever it looks like, is its author's
            mention = Mention(*name, text[name[0] : name[1]], "name")
        post: list[tuple[int, int]] = []
        length = 0
        for above in range(index - 1, -1, -1):
            first, last = article.paragraphs[above]
            while first < last and text[first] in SPACES:
                first += 1
            while last > first and text[last - 1] in SPACES:
                last -= 1
            length += last - first
            if last <= first or length > MAX_POST_CHARS or _POST_SIGNATURE.match(text, first, last):
                break
            if post and not _POST_MARKS.search(text, first, last):
                break  # an earlier paragraph is the post's only when it looks like one
            post.insert(0, (first, last))
        cue = (match.start(), match.start() + 1)
        for first, last in post:
            yield Candidate(first, last, "direct", cue, mention, 1, [], reader="post")


# Most words of a signature under a quotation (a name, its description, a date, a source).
MAX_SIGNATURE_WORDS = 25
_SIGNATURE_LEAD = SPACES + "—–―-"


def signatures(article: QuoteText) -> Iterator[Candidate]:
    """A quotation standing as its paragraph's opening, signed after its closing mark or on
    the next line by a name and its description alone, with no verb (``« … » ⏎ Olivier
    Truchot, journaliste, au sujet de …``; ``"…" ― Adriana Rodarte``): the name's words."""
    text, words = article.text, article.words
    for span in article.spans:
        if not span.closed or span.dash:
            continue
        index = article.paragraph_index(span.open)
        paragraph_start, paragraph_end = article.paragraphs[index]
        if text[paragraph_start : span.open].strip(_SIGNATURE_LEAD):
            continue
        start, end = span.close, paragraph_end
        if not text[start:end].strip(SPACES + "."):
            if index + 1 >= len(article.paragraphs):
                continue
            start, end = article.paragraphs[index + 1]
        while start < end and text[start] in _SIGNATURE_LEAD:
            start += 1
        named = article.speakers.mention_at(start)
        if named is None or named[2].label not in ("PER", "ORG") or named[1] > end:
            continue
        rest = text[named[1] : end].strip(SPACES)
        if rest and rest[0] not in ",(—–―":
            continue
        first, last = article.word_at(start), article.word_at(end)
        if last - first > MAX_SIGNATURE_WORDS or any(
            article.speakers.verb_at(words, i) for i in range(first, last)
        ):
            continue
        mention = Mention(named[0], named[1], text[named[0] : named[1]], "name", named[2])
        yield Candidate(
            span.start, span.end, "direct", None, mention, 1, [span], reader="signature"
        )


def documents(article: QuoteText, found: Sequence[Candidate]) -> list[Candidate]:
    """``Selon un communiqué publié par X, …``: the preposition's candidates whose mention is
    a document, given the document's author as their speaker."""
    table = article.lexicon.constructions
    nouns = _pattern(tuple(table.get("documents", ())))
    links = _pattern(tuple(table.get("document_links", ())))
    holders = _pattern(tuple(table.get("document_holders", ())))
    if nouns is None or links is None:
        return list(found)
    result = []
    for candidate in found:
        held = None if holders is None else _held(article, candidate, nouns, holders)
        author = _author(article, candidate.mention, nouns, links)
        if held is not None:
            candidate.mention = held
        elif author is not None:
            candidate.mention = author
        result.append(candidate)
    return result


# Most characters between a document's noun and the words saying who holds it.
MAX_HELD_GAP = 25


def _held(
    article: QuoteText, candidate: Candidate, nouns: re.Pattern[str], holders: re.Pattern[str]
) -> Mention | None:
    """``selon un rapport consulté par l'AFP``, ``according to a memo obtained by X``: whoever
    is named after the document holds it and did not write it, so the document alone is the
    source, naming no one."""
    mention, cue = candidate.mention, candidate.cue
    if mention is None or cue is None:
        return None
    noun = nouns.search(article.lowered, cue[1], mention.end)
    if noun is None:
        return None
    holder = holders.search(article.lowered, noun.end(), noun.end() + MAX_HELD_GAP)
    if holder is None or holder.start() >= mention.end:
        return None
    start = cue[1]
    while start < noun.start() and article.text[start] in SPACES:
        start += 1
    return Mention(start, noun.end(), article.text[start : noun.end()], "other")


def _author(
    article: QuoteText, mention: Mention | None, nouns: re.Pattern[str], links: re.Pattern[str]
) -> Mention | None:
    if mention is None or mention.kind == "entity":
        return None
    if nouns.search(article.lowered, mention.start, mention.end) is None:
        return None
    _, sentence_end = article.sentence_of(mention.start)
    link = links.search(article.lowered, mention.start, min(sentence_end, mention.end + 60))
    if link is None:
        return None
    return article.speakers.mention_after(link.end(), sentence_end, article.words, strict=True)
