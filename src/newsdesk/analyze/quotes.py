"""Quotations and their speakers: who said what, with offsets into the article's text.

The component reads the article's text and the entities found before it; it needs no parser, so
it costs a small share of the NER that precedes it. Four steps:

1. Quotation marks are paired into quoted spans and the text is cut into sentences that never
   cut through a quotation (``quotemarks``).
2. Cues are found from the language's lexicon (``lexicon``): a speech verb with its auxiliary and
   inverted pronoun (``a-t-il déclaré``, ``déclare-t-elle``, ``has said``), a verb phrase
   (``a fait valoir``), or a preposition (``selon``, ``according to``). Each cue is read in its
   sentence, which gives the quotation and the kind:
   - an incise after a clause (``« … », a déclaré X``; ``"…," he said``; ``…, a-t-il ajouté``):
     the clause is the quotation — direct when it is one quoted span, mixed when it carries one,
     indirect otherwise;
   - a complement after the verb (``a déclaré que …``, ``affirme avoir …``, ``said (that) …``):
     indirect, or mixed when it carries quoted words;
   - a quotation introduced by the verb, a colon or a dash (``a déclaré : « … »``): direct;
   - ``selon X, …`` / ``…, according to X``: the clause around the preposition.
3. The speaker mention is the subject of the cue: before it (``Stoltenberg a déclaré``, with
   appositions between commas skipped), after it (``a déclaré Stoltenberg``, ``said Smith``), in
   the inverted pronoun (``a-t-il``), or the noun phrase after a preposition (``selon elle``).
4. Mentions become canonical speakers (``speakers``): a name through the article's entities (a
   surname alone is already joined to the full name), a pronoun to the last speaker or the last
   person of its gender and number, a role (``le ministre``, ``the senator``) to the person the
   article introduced with it, an organisation noun (``the ministry``) to the organisation named
   with it; anonymous sources keep their mention and have no speaker.

Quoted sentences with no cue of their own that follow an attributed quotation inherit its
speaker; other quoted words without a cue (scare quotes, titles, nicknames) are not quotations.
A language without a lexicon gets its direct quotations from punctuation alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc

from newsdesk.analyze import constructions, syntax
from newsdesk.analyze.confidence import Evidence, confidences, speaker_path
from newsdesk.analyze.lexicon import QuoteLexicon, lexicon_for
from newsdesk.analyze.quotemarks import QuotedSpan, Word
from newsdesk.analyze.quotetext import (
    SPACES,
    Candidate,
    Kind,
    QuoteText,
    before_colon_quote,
    clause_words,
    kind_of,
    strip,
)
from newsdesk.analyze.speakers import Mention
from newsdesk.records import Analysis, Entity, Quote

_DASH_OPEN = re.compile(r"[ \t\u00a0\u202f]*[—–][ \t\u00a0\u202f]*")
_QUOTE_CLOSERS = "»”\"“›'"
# Longest clause read as the content of one indirect quotation.
MAX_CLAUSE_CHARS = 1500
# Most words of a title before a speaker's name in an incise ("…," *central bank governor* X said).
MAX_TITLE_WORDS = 6
# Fewest words in a quoted sentence that continues a speaker's quotation without a cue.
MIN_CONTINUATION_WORDS = 3
# Fewest words in a quoted paragraph with no cue taken as the testimony of the person named
# before it.
MIN_TESTIMONY_WORDS = 12


# --- cues -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """A speech verb (with its auxiliary) or a verb phrase, as written."""

    start: int
    end: int
    first: int  # index of the cue's first word
    last: int  # index of the cue's last word
    inverted: Mention | None  # the pronoun written into the cue (a-t-il, déclare-t-elle)
    passive: bool = False  # after a passive auxiliary (was told, est prévu): no cue


def _split_inverted(word: Word, lexicon: QuoteLexicon) -> tuple[str, Mention | None]:
    """The verb part of ``déclare-t-elle`` / ``a-t-il`` and the pronoun written into it."""
    parts = word.lower.split("-")
    if len(parts) > 1 and parts[-1] in lexicon.pronouns:
        pronoun = parts[-1]
        offset = len(word.text) - len(pronoun)
        start = word.start + offset
        mention = Mention(start, word.end, word.text[offset:], "pronoun")
        return parts[0], mention
    return word.lower, None


def find_cues(article: QuoteText) -> list[Cue]:
    """Speech verbs and verb phrases of the article, outside quotations."""
    lexicon, words = article.lexicon, article.words
    cues: list[Cue] = []
    taken: set[int] = set()
    lowered = article.lowered
    pattern = _patterns(lexicon.language)[1]
    for match in pattern.finditer(lowered) if pattern is not None else ():
        first, last = article.word_at(match.start()), article.word_at(match.end()) - 1
        if first > last or article.in_quote(match.start()) or taken & set(range(first, last + 1)):
            continue
        cues.append(_with_auxiliary(article, first, last, None))
        taken.update(range(first, last + 1))
    for index, word in enumerate(words):
        if index in taken:
            continue
        base, pronoun = _split_inverted(word, lexicon)
        if base not in lexicon.verbs or article.in_quote(word.start):
            continue
        if not _verb_use(article, index):
            continue
        cue = _with_auxiliary(article, index, index, pronoun)
        if cue.passive:
            continue
        participle = base in lexicon.participles and base.endswith(lexicon.participle_suffixes)
        if cue.first == index and pronoun is None and participle:
            continue  # a participle without its auxiliary is an adjective (l'assaut prévu)
        cues.append(cue)
    return sorted(cues, key=lambda c: c.start)


def _verb_use(article: QuoteText, index: int) -> bool:
    """Whether the word at ``index`` is used as a verb: lower case (unless it opens a
    sentence) and not after a determiner (``la note``, ``the state``)."""
    word = article.words[index]
    if word.text[:1].isupper():
        sentence_start, _ = article.sentence_of(word.start)
        if article.text[sentence_start : word.start].strip(SPACES + '«"“—–-'):
            return False
    if index > 0:
        before = article.words[index - 1]
        gap = article.text[before.end : word.start]
        if not gap.strip() and before.lower in article.lexicon.determiners:
            return False
        # An infinitive after a preposition is a complement, not a cue (refusant de détailler,
        # to say): its auxiliary-less form comes right after "de", "à", "to".
        if not gap.strip() and before.lower in article.lexicon.linking:
            return False
    return True


def _with_auxiliary(article: QuoteText, first: int, last: int, pronoun: Mention | None) -> Cue:
    """The cue widened to its auxiliary (``a déclaré``, ``a-t-il déclaré``, ``has also said``)."""
    lexicon, words = article.lexicon, article.words
    i = first
    for _ in range(3):
        if i == 0 or not _adjacent(article, i - 1, i):
            break
        before = words[i - 1]
        base, inverted = _split_inverted(before, lexicon)
        if base in lexicon.auxiliaries:
            i -= 1
            pronoun = pronoun or inverted
            break
        if before.lower in lexicon.adverbs or before.lower.endswith(lexicon.adverb_suffixes):
            i -= 1
            continue
        break
    if i != first and words[i].lower.split("-")[0] not in lexicon.auxiliaries:
        i = first  # adverbs are part of the cue only between an auxiliary and its verb
    passive = (
        i != first
        and words[i].lower.split("-")[0] in lexicon.passive
        and not (i > 0 and words[i - 1].lower in lexicon.reflexives)
    )
    return Cue(words[i].start, words[last].end, i, last, pronoun, passive)


def _adjacent(article: QuoteText, a: int, b: int) -> bool:
    """Whether only spaces separate words ``a`` and ``b``."""
    gap = article.text[article.words[a].end : article.words[b].start]
    return not gap.strip(SPACES)


# --- reading a cue in its sentence -------------------------------------------------------------


def _incise_separator(
    article: QuoteText, pos: int, sentence_start: int, max_words: int
) -> int | None:
    """Position of the comma, dash or closing mark that opens the incise whose subject or verb
    starts at ``pos`` (``…», a déclaré``; ``…," central bank governor Ruth Ambrose said``);
    None when no clause stands before the incise."""
    text, words, lexicon = article.text, article.words, article.lexicon
    i = pos
    for _ in range(max_words + 1):
        while i > sentence_start and text[i - 1] in SPACES:
            i -= 1
        if i <= sentence_start:
            return None
        char = text[i - 1]
        if char in ",—–":
            return i - 1
        k = article.word_at(i - 1) - 1
        abbreviation = k >= 0 and words[k].end == i - 1 and words[k].lower in lexicon.abbreviations
        if char == "." and abbreviation:
            i -= 1  # "Rep. Jason Chaffetz said"
            continue
        if char == ")" and (opening := text.rfind("(", max(0, i - 40), i)) != -1:
            i = opening  # "Rep. John Mica (R-Fla.) said"
            continue
        if char in "»”\"“›'" and (span := article.in_quote(i - 1)):
            return span.close
        k = article.word_at(i) - 1
        if k < 0 or words[k].end != i:
            return None
        lower = words[k].lower
        if lower in lexicon.verbs or lower in lexicon.complementizers or lower in lexicon.linking:
            return None
        i = words[k].start
    return None


def _complement(article: QuoteText, cue: Cue, sentence_end: int) -> tuple[int, int, bool] | None:
    """Start and end of the clause a cue verb governs (``que …``, ``that …``, an infinitive, an
    English clause without ``that``), and whether it is such a bare clause; or None."""
    lexicon, words, text = article.lexicon, article.words, article.text
    i = cue.last + 1
    skipped = 0
    adverbial = True  # every word skipped so far is an adverb ("said on Tuesday the plan …")
    objects = words[cue.last].lower in lexicon.object_verbs
    while i < len(words) and words[i].start < sentence_end and skipped <= lexicon.max_gap_words:
        word = words[i]
        gap = text[words[i - 1].end : word.start]
        if any(c in gap for c in '.;:!?()«»"“”'):
            return None
        lower = word.lower
        if lower in lexicon.complementizers or any(
            lower.startswith(c) and c.endswith(("'", "’")) for c in lexicon.complementizers
        ):
            if i - 1 > cue.last and words[i - 1].lower in lexicon.not_complementizer:
                return None
            start = word.start + (
                len(lower) if lower in lexicon.complementizers else _elided(lower)
            )
            return _governed(article, start, sentence_end, False)
        glued = lower + text[word.end : word.end + 1]
        if glued in lexicon.complementizers and glued[-1] in "'’":  # qu'« il ne peut … »
            return _governed(article, word.end + 1, sentence_end, False)
        if skipped == 0 and (lower in lexicon.infinitives or _negated_infinitive(article, i)):
            return _governed(article, word.start, sentence_end, False)
        if (
            skipped == 0
            and words[cue.last].lower in lexicon.object_content_verbs
            and _opens_object(article, lower)
        ):
            return _governed(article, word.start, sentence_end, True)  # "denied any wrongdoing"
        if objects and skipped == 0 and _object_like(article, i):
            skipped += 1  # told *reporters* the team was ready
            i += 1
            adverbial = True
            continue
        after_preposition = i > cue.last + 1 and words[i - 1].lower in lexicon.linking
        # After a phrase ("said after the convention"), only a subject pronoun surely opens
        # the reported clause ("… he would not accept").
        subject = lower in lexicon.pronouns and not after_preposition
        if (
            lexicon.bare_clause
            and (adverbial or subject or (objects and skipped <= 3))
            and not (objects and skipped == 0)
            and not after_preposition
            and "," not in gap
            and not article.speakers.is_adverb(lower)
            and _starts_clause(article, i, cue)
        ):
            return _governed(article, word.start, sentence_end, True)
        if "," in gap and skipped:
            return None
        adverbial = adverbial and (article.speakers.is_adverb(lower) or lower in lexicon.linking)
        skipped += 1
        i += 1
    return None


def _opens_object(article: QuoteText, lower: str) -> bool:
    """Whether a word after a verb may open its object (not a preposition, adverb, pronoun)."""
    lexicon = article.lexicon
    return not (
        lower in lexicon.linking
        or article.speakers.is_adverb(lower)
        or lower in lexicon.pronouns
        or lower in lexicon.object_pronouns
    )


def _object_like(article: QuoteText, i: int) -> bool:
    """Whether the word after ``told`` is its object: a person, a source, a name, a pronoun."""
    word, lexicon = article.words[i], article.lexicon
    return (
        word.lower in lexicon.anonymous
        or word.lower in lexicon.person_nouns
        or word.lower in lexicon.object_pronouns
        or (
            word.text[:1].isupper()
            and article.speakers.entity_within(word.start, word.end) is not None
        )
    )


def _elided(lower: str) -> int:
    """Length of the elided complementizer glued to a word (``qu'il`` -> 3)."""
    return lower.find("'") + 1 if "'" in lower else lower.find("’") + 1


def _negated_infinitive(article: QuoteText, i: int) -> bool:
    words, lexicon = article.words, article.lexicon
    return (
        words[i].lower in lexicon.negations
        and i + 2 < len(words)
        and words[i + 1].lower in lexicon.negations
        and words[i + 2].lower in lexicon.infinitives
    )


def _starts_clause(article: QuoteText, i: int, cue: Cue) -> bool:
    """English ``said the plan would …`` without ``that``: the verb is one that takes such a
    clause, the next word may open one (not a preposition, not another verb), and either it is
    a subject pronoun or a finite verb follows within the sentence (a form the lexicon lists,
    or a lower-case word in -s or -ed after the first)."""
    words, lexicon = article.words, article.lexicon
    if words[cue.last].lower not in lexicon.bare_clause_verbs:
        return False
    first = words[i]
    if first.lower in lexicon.linking or first.lower in lexicon.verbs:
        return False
    if first.lower in lexicon.finite_markers or first.lower in lexicon.subordinators:
        return False
    if first.lower in lexicon.clause_openers or first.lower in lexicon.pronouns:
        return True
    _, sentence_end = article.sentence_of(first.start)
    for j in range(i + 1, min(len(words), i + 12)):
        word = words[j]
        if word.start >= sentence_end:
            break
        if word.lower in lexicon.finite_markers:
            return True
        inflected = len(word.lower) > 3 and word.lower.endswith(("s", "ed"))
        if word.text.islower() and inflected and words[j - 1].lower not in lexicon.determiners:
            return True
    return False


def _governed(article: QuoteText, start: int, end: int, bare: bool) -> tuple[int, int, bool] | None:
    clause = _clause(article, start, end)
    return None if clause is None else (clause[0], clause[1], bare)


def _clause(article: QuoteText, start: int, end: int) -> tuple[int, int] | None:
    """The reported clause from ``start``, up to the sentence's ``end`` or a comma before a
    subordinate clause of the reporting sentence (``…, alors que …``)."""
    pattern = _patterns(article.lexicon.language)[2]
    end = min(end, start + MAX_CLAUSE_CHARS + 1)  # longer is no clause: no need to read on
    end = before_colon_quote(article.text, start, end)
    if pattern is not None:
        cut = pattern.search(article.lowered, start, end)
        if cut is not None:
            end = cut.start()
    start, end = strip(article.text, start, end)
    if end - start > MAX_CLAUSE_CHARS or clause_words(article, start, end) < 2:
        return None
    return start, end


def read_cue(article: QuoteText, cue: Cue) -> list[Candidate]:
    """The quotations one cue attributes, with their speaker mention."""
    speakers, words = article.speakers, article.words
    sentence_start, sentence_end = article.sentence_of(cue.start)
    span = (cue.start, cue.end)

    before: Mention | None = cue.inverted
    if before is None:
        before = speakers.mention_before(cue.start, sentence_start, words)
    after: Mention | None = None
    if before is None:
        after = speakers.mention_after(cue.end, sentence_end, words)
    mention = before or after

    # 1. A quotation introduced by the cue: "X a déclaré : « … »", "X said: "…"".
    tail_from = after.end if after is not None else cue.end
    intro = _introduced_quote(article, tail_from)
    if intro is not None and mention is not None:
        return [
            Candidate(intro.start, intro.end, "direct", span, mention, 1, [intro], reader="intro")
        ]

    # 2. A clause governed by the verb: "a déclaré que …", "affirme avoir …", "said it was …".
    # A clause without "that" comes after the incise reading: "…," she said several months later.
    subject_first = before is not None and cue.inverted is None and before.end <= cue.start
    incise_from = before.start if subject_first and before is not None else cue.start
    separator = _incise_separator(
        article, incise_from, sentence_start, MAX_TITLE_WORDS if subject_first else 0
    )
    complement = _complement(article, cue, sentence_end)
    if complement is not None and not (complement[2] and separator is not None):
        return _governed_quote(article, cue, complement, mention, sentence_start)

    # 3. An incise after the clause it attributes: "« … », a déclaré X", "…," he said".
    incise = [] if separator is None else _incise(article, cue, mention, separator)
    if not incise and complement is not None:
        return _governed_quote(article, cue, complement, mention, sentence_start)
    return incise


def _governed_quote(
    article: QuoteText,
    cue: Cue,
    complement: tuple[int, int, bool],
    mention: Mention | None,
    sentence_start: int,
) -> list[Candidate]:
    if mention is None:  # "…, saying it was …": the sentence's subject speaks
        mention = article.speakers.subject_of(sentence_start, cue.start, article.words)
    if mention is None:
        return []
    start, end, _ = complement
    kind, spans = kind_of(article, start, end)
    return [
        Candidate(start, end, kind, (cue.start, cue.end), mention, 2, spans, reader="complement")
    ]


def _incise(
    article: QuoteText, cue: Cue, mention: Mention | None, separator: int
) -> list[Candidate]:
    """The clause before an incise, up to its ``separator``: a quotation (direct), or words
    carrying one (mixed) or none (indirect)."""
    text = article.text
    span = (cue.start, cue.end)
    sentence_start, sentence_end = article.sentence_of(cue.start)
    # Reported clauses are local: a very long "sentence" (a list, lost punctuation) is read
    # only within MAX_CLAUSE_CHARS before the incise, so each cue costs the same.
    clause_start = max(sentence_start, separator - MAX_CLAUSE_CHARS)
    dash = _DASH_OPEN.match(text, clause_start)
    if dash is not None:
        clause_start = dash.end()
    start, end = strip(text, clause_start, separator)
    quote = _quoted_clause(article, start, separator)
    if quote is not None:
        found = [
            Candidate(
                quote.start, quote.end, "direct", span, mention, 0, [quote], reader="incise-quote"
            )
        ]
        # A quotation interrupted by the incise goes on after it: "…," he said. "…"
        if text[quote.end : quote.close].lstrip(SPACES).startswith(","):
            found += _resumed(article, span, mention, sentence_end)
        return found
    if end <= start or clause_words(article, start, end) < 4:
        return []
    preposition = _prepositions_pattern(article.lexicon)
    if preposition is not None and preposition.match(article.lowered, start):
        return []  # "Selon le rapport de l'ONU, la famine menace …": an attribution, no clause
    # The incise must close the sentence, or open a participle clause after a comma.
    incise_end = max(cue.end, mention.end if mention is not None else cue.end)
    rest = text[incise_end : min(sentence_end, incise_end + 80)].strip(SPACES + ".!?")
    if rest and not rest.startswith(",") and clause_words(article, incise_end, sentence_end) > 6:
        return []
    kind, spans = kind_of(article, start, end)
    return [Candidate(start, end, kind, span, mention, 2, spans, reader="incise")]


def _quoted_clause(article: QuoteText, start: int, end: int) -> QuotedSpan | None:
    """The quoted span that makes up the whole of ``text[start:end]`` (marks included), or
    the end of it after a colon."""
    span = article.spans.last_closing_by(end)
    if span is None or span.open < start or article.text[span.close : end].strip(SPACES + ",.…"):
        return None
    lead = article.text[start : span.open].rstrip(SPACES + "—–-")
    # Alone in its clause, after a colon, or after another incise of a series
    # (« … », a-t-il dit, « … », a-t-il ajouté).
    if not lead.strip(SPACES + "—–-:") or lead.endswith(":"):
        return span
    before = article.spans.last_closing_by(span.open)
    series = before is not None and before is not span and span.open - before.close < 80
    return span if series and lead.endswith((",", ";")) else None


def _introduced_quote(article: QuoteText, pos: int) -> QuotedSpan | None:
    """The quotation a cue ending at ``pos`` introduces: after a colon (perhaps across a line
    break: an interview's answer), or right after the verb when it closes the sentence."""
    text = article.text
    span = article.spans.first_from(pos)
    if span is None:
        return None
    between = text[pos : span.open]
    if len(between) > 100 or any(c in between for c in ".;!?"):
        return None
    if between.rstrip(SPACES + "—–-").endswith(":"):
        return span
    if "\n" in between or between.strip(SPACES + ","):
        return None
    _, sentence_end = article.sentence_of(span.open)
    return None if text[span.close : sentence_end].strip(SPACES + ".!?…") else span


def _resumed(
    article: QuoteText, cue: tuple[int, int], mention: Mention | None, sentence_end: int
) -> list[Candidate]:
    """The quoted sentence that resumes right after an incise (``"…," he said. "…"``,
    ``"…," said X, a tax consultant, on Monday. "…"``): the next quotation, when it opens the
    sentence after the incise's, in the same paragraph."""
    end = mention.end if mention is not None and mention.end > cue[1] else cue[1]
    span = article.spans.first_from(end)
    if span is None:
        return []
    same = article.paragraph_index(span.open) == article.paragraph_index(end)
    opens_next = article.sentence_of(span.open)[0] == span.open and span.open >= sentence_end
    if same and (opens_next or span.open < sentence_end):
        return [
            Candidate(span.start, span.end, "direct", cue, mention, 0, [span], reader="resumed")
        ]
    return []


def colon_intros(article: QuoteText) -> list[Candidate]:
    """Quotations after a colon with no speech verb, the subject of the clause before it
    speaking (``Michel Aubert a dressé un bilan sévère : « … »``); the cue is the colon."""
    found: list[Candidate] = []
    text = article.text
    for span in article.spans:
        lead_end = span.open
        while lead_end > 0 and text[lead_end - 1] in SPACES + "—–":
            lead_end -= 1
        if lead_end == 0 or text[lead_end - 1] != ":":
            continue
        colon = lead_end - 1
        sentence_start, _ = article.sentence_of(colon)
        mention = article.speakers.subject_of(sentence_start, colon, article.words)
        if mention is None:
            mention = syntax.subject_of(article, colon)
        if mention is None:
            continue
        found.append(
            Candidate(
                span.start,
                span.end,
                "direct",
                (colon, colon + 1),
                mention,
                3,
                [span],
                reader="colon",
            )
        )
    return found


# --- prepositions: selon X, according to X ------------------------------------------------------


def read_prepositions(article: QuoteText) -> list[Candidate]:
    """Attributions by a preposition: ``Selon X, …``, ``…, selon X``, ``according to X``; an
    apposition after X (``Selon le porte-parole, Olivier Marchal, …``) names the speaker."""
    text, lexicon, speakers = article.text, article.lexicon, article.speakers
    found: list[Candidate] = []
    pattern = _prepositions_pattern(lexicon)
    if pattern is None:
        return found
    for match in pattern.finditer(article.lowered):
        preposition = match.group()
        if article.in_quote(match.start()):
            continue
        sentence_start, sentence_end = article.sentence_of(match.start())
        opening = not text[sentence_start : match.start()].strip(SPACES + '«"“—–-')
        if preposition in lexicon.sentence_initial_only and not opening:
            continue
        mention = speakers.mention_after(match.end(), sentence_end, article.words, strict=True)
        if mention is None:
            continue
        if preposition in lexicon.sentence_initial_only and not speakers.is_speaker_like(mention):
            continue
        named = speakers.apposition_after(mention.end, sentence_end)
        phrase_end = speakers.apposition_end(mention.end, sentence_end)
        if named is not None and mention.kind != "entity":
            mention = named
        cue = (match.start(), match.end())
        tail = text[phrase_end:sentence_end]
        if opening:
            comma = tail.find(",")
            if comma == -1 or comma > 40:
                continue
            start, end = strip(text, phrase_end + comma + 1, sentence_end)
        elif not tail.strip(SPACES + '.!?»"'):
            start, end = strip(text, sentence_start, match.start())
        else:
            start, end = strip(text, sentence_start, sentence_end)
        if clause_words(article, start, end) < 3:
            continue
        kind, spans = kind_of(article, start, end)
        found.append(Candidate(start, end, kind, cue, mention, 3, spans, reader="preposition"))
    return found


@cache
def _patterns(
    language: str | None,
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns for the language's prepositions, its verb phrases and its clause breaks."""
    lexicon = lexicon_for(language)

    def alternation(words: Sequence[str]) -> re.Pattern[str] | None:
        if not words:
            return None
        forms = sorted({w.replace("’", "'") for w in words}, key=len, reverse=True)
        return re.compile(r"(?<![\w'-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")

    breaks = None
    if lexicon.clause_breaks:
        forms = sorted(lexicon.clause_breaks, key=len, reverse=True)
        breaks = re.compile(r"\s*,\s*(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")
    return alternation(lexicon.prepositions), alternation(lexicon.phrases), breaks


def _prepositions_pattern(lexicon: QuoteLexicon) -> re.Pattern[str] | None:
    return _patterns(lexicon.language)[0]


# --- interrupted quotations: « …, dit-elle. … » --------------------------------------------------


def split_interrupted(article: QuoteText) -> list[Candidate]:
    """Quotations whose incise is written inside the marks (``« …, dit-elle. … »``, ``« …,
    explique Alexandra Teixeira, chargée de communication. … »``): two records with the
    incise's cue and speaker. Words before the opening mark make the first one mixed
    (``Une décision prise « en rapport avec …, explique l'élu. … »``)."""
    found: list[Candidate] = []
    text, words, lexicon = article.text, article.words, article.lexicon
    for span in article.spans:
        first, last = article.word_at(span.start), article.word_at(span.end)
        for index in range(first, last):
            base, pronoun = _split_inverted(words[index], lexicon)
            auxiliary = base in lexicon.auxiliaries
            if not auxiliary and base not in lexicon.verbs:
                continue
            cue_start, cue_end = words[index].start, words[index].end
            if auxiliary:  # "a-t-il ajouté"
                if pronoun is None or index + 1 >= last:
                    continue
                if words[index + 1].lower not in lexicon.participles:
                    continue
                cue_end = words[index + 1].end
            elif index > first and words[index - 1].lower in lexicon.auxiliaries:
                cue_start = words[index - 1].start  # "a expliqué le maire"
            if not text[span.start : cue_start].rstrip(SPACES).endswith(","):
                continue
            mention = pronoun or article.speakers.mention_after(cue_end, span.end, words)
            if mention is None:
                continue
            incise_end = article.speakers.apposition_end(max(cue_end, mention.end), span.end)
            closing = re.match(r"[ \u00a0\u202f]*[,.]", text[incise_end : span.end])
            if closing is None:
                continue
            cue = (cue_start, cue_end)
            head_end = text.rindex(",", span.start, cue_start)
            sentence_start, _ = article.sentence_of(span.open)
            lead = text[sentence_start : span.open]
            mixed = bool(lead.strip(SPACES + "—–-")) and not lead.rstrip(SPACES).endswith(":")
            head = strip(text, sentence_start if mixed else span.start, head_end)
            tail = strip(text, incise_end + closing.end(), span.end)
            if head[1] > head[0]:
                kind: Kind = "mixed" if mixed else "direct"
                found.append(
                    Candidate(head[0], head[1], kind, cue, mention, 0, [span], reader="interrupted")
                )
            if tail[1] > tail[0]:
                found.append(
                    Candidate(
                        tail[0], tail[1], "direct", cue, mention, 0, [span], reader="interrupted"
                    )
                )
            break
    return found


# --- the whole article ---------------------------------------------------------------------------


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


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text, by priority then length. A candidate whose cue lies
    inside another's words is reported speech within the quotation (``…, estimant qu'il
    faut …``): it never displaces the outer one, and stays beside it when it is a clause."""
    every = _Intervals(candidates)

    def hosted(candidate: Candidate, among: _Intervals) -> bool:
        if candidate.cue is None:
            return False
        return any(o is not candidate for o in among.holding(candidate.cue[0]))

    outer = [c for c in candidates if not hosted(c, every)]
    inner = [c for c in candidates if hosted(c, every)]
    by_rank = lambda c: (c.priority, -(c.end - c.start))  # noqa: E731
    chosen = _Intervals(())
    for candidate in sorted(outer, key=by_rank):
        if not chosen.overlaps(candidate):
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


def _continuations(article: QuoteText, chosen: list[Candidate]) -> list[Candidate]:
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
        if span.dash or not _stands_alone(article, span):
            continue
        i = bisect_right(ends, (span.open, len(article.text))) - 1
        if i < 0:
            testimony = _testimony(article, span)
            if testimony is not None:
                keep(testimony)
                groups.setdefault(span.group, testimony)
            continue
        last = by_range[ends[i]]
        after = max(
            last.end,
            last.cue[1] if last.cue else 0,
            last.mention.end if last.mention is not None else 0,
        )
        gap = article.paragraph_index(span.open) - article.paragraph_index(last.end)
        if gap > 1 or article.speakers.person_between(after, span.open):
            testimony = _testimony(article, span)
            if testimony is not None:
                keep(testimony)
                groups.setdefault(span.group, testimony)
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
    named a person shortly before (an interview's answer, a testimony): that person's, with a
    low confidence."""
    if not _paragraph_is_quote(article, span):
        return None
    if clause_words(article, span.start, span.end) < MIN_TESTIMONY_WORDS:
        return None
    mention = article.speakers.salient_person(span.open)
    if mention is None:
        return None
    return Candidate(span.start, span.end, "direct", None, mention, 5, [span], reader="testimony")


def _stands_alone(article: QuoteText, span: QuotedSpan) -> bool:
    """Whether the quotation is a sentence of its own (nothing but marks around it)."""
    sentence_start, sentence_end = article.sentence_of(span.open)
    lead = article.text[sentence_start : span.open]
    tail = article.text[span.close : sentence_end]
    return not lead.strip(SPACES + "—–-") and not tail.strip(SPACES + ".!?…")


def _paragraph_is_quote(article: QuoteText, span: QuotedSpan) -> bool:
    start, _ = article.paragraphs[article.paragraph_index(span.open)]
    return not article.text[start : span.open].strip(SPACES + "—–-")


def find_quotes(
    text: str, language: str | None, entities: Sequence[Entity], doc: Doc | None = None
) -> tuple[Quote, ...]:
    """The quotations of one article, in text order, speakers resolved to ``entities``, each
    with its confidence and its speaker's (``confidence``).

    >>> text = "« Nous restons unis », a déclaré Jens Stoltenberg."
    >>> from newsdesk.analyze.entities import find_entities, rules_for
    >>> people = find_entities(text, [(33, 49, "PER")], rules_for("fr"))
    >>> [(q.text, q.kind, q.cue, q.speaker) for q in find_quotes(text, "fr", people)]
    [('Nous restons unis', 'direct', 'a déclaré', 'Jens Stoltenberg')]
    """
    found = read_quotes(text, language, entities, doc)
    return tuple(
        replace(quote, confidence=c, speaker_confidence=s if quote.speaker else None)
        for quote, evidence in found
        for c, s in [confidences(evidence, language)]
    )


def read_quotes(
    text: str, language: str | None, entities: Sequence[Entity], doc: Doc | None = None
) -> list[tuple[Quote, Evidence]]:
    """The quotations of one article with the evidence each was found with."""
    lexicon = lexicon_for(language)
    usable = doc if doc is not None and doc.text == text else None
    article = QuoteText(text, lexicon, entities, usable)
    candidates: list[Candidate] = []
    for cue in find_cues(article):
        candidates.extend(read_cue(article, cue))
    candidates.extend(constructions.documents(article, read_prepositions(article)))
    candidates.extend(split_interrupted(article))
    candidates.extend(colon_intros(article))
    candidates.extend(constructions.comparisons(article))
    candidates.extend(constructions.cataphoras(article))
    candidates.extend(constructions.narrative_infinitives(article))
    candidates.extend(syntax.candidates(article, candidates))
    chosen = _select([c for c in candidates if c.reader != "displaced"])
    chosen = sorted(chosen + _continuations(article, chosen), key=lambda c: c.start)
    return _resolve(article, chosen)


def _resolve(article: QuoteText, chosen: Sequence[Candidate]) -> list[tuple[Quote, Evidence]]:
    quotes: list[tuple[Quote, Evidence]] = []
    text = article.text
    previous: Entity | None = None
    for candidate in chosen:
        mention = candidate.mention
        if candidate.inherit:
            entity = previous
            mention = None
        elif mention is not None:
            entity = article.speakers.resolve(mention, candidate.start, previous)
        else:
            entity = None
        cue = candidate.cue if not candidate.inherit else None
        quote = Quote(
            text=text[candidate.start : candidate.end],
            start=candidate.start,
            end=candidate.end,
            kind=candidate.kind,
            cue=text[cue[0] : cue[1]] if cue else None,
            cue_start=cue[0] if cue else None,
            cue_end=cue[1] if cue else None,
            speaker_mention=mention.text if mention else None,
            speaker_start=mention.start if mention else None,
            speaker_end=mention.end if mention else None,
            speaker=article.speakers.name(entity, mention),
            speaker_id=entity.id if entity is not None and entity.id else None,
        )
        path = speaker_path(candidate, candidate.mention, entity, previous)
        quotes.append((quote, Evidence(candidate.reader, candidate.kind, path)))
        if entity is not None:
            previous = entity
    return quotes


class QuoteFinder:
    """The quotes component: reads the text and the entities found before it."""

    name = "quotes"
    requires: frozenset[str] = frozenset({"parser"})

    def __call__(self, doc: Doc, analysis: Analysis) -> Analysis:
        """``analysis`` with its quotations."""
        article = analysis.article
        quotes = find_quotes(article.text, article.language, analysis.entities, doc)
        return replace(analysis, quotes=quotes)
