"""The clause a speech verb governs: ``que …`` / ``that …``, an infinitive (``affirme avoir
…``), an English clause without ``that`` (``said the plan would …``), an object for the verbs
whose object is what was said (``denied any wrongdoing``)."""

from __future__ import annotations

from newsdesk.analyze.cues import Cue, adverbial_verb, patterns
from newsdesk.analyze.mentions import RELATIVES
from newsdesk.analyze.quotemarks import word_from
from newsdesk.analyze.quotetext import (
    SPACES,
    QuoteText,
    before_colon_quote,
    clause_words,
    strip,
)

# Longest clause read as the content of one indirect quotation.
MAX_CLAUSE_CHARS = 1500
# Dependencies of a word the parser reads as a preposition, not an infinitive's marker.
PREPOSITIONS = frozenset({"prep", "dative", "case"})


def complement(article: QuoteText, cue: Cue, sentence_end: int) -> tuple[int, int, bool] | None:
    """Start and end of the clause a cue verb governs (``que …``, ``that …``, an infinitive, an
    English clause without ``that``), and whether it is such a bare clause; or None. The verb
    of a relative clause set between commas or dashes (``X, qui affirme en avoir …, attend``;
    ``the study -- which notes that … -- should``) governs no more than the relative clause."""
    found = _complement(article, cue, sentence_end)
    closers = _relative_closers(article, cue)
    if found is None or not closers:
        return found
    start, end, bare = found
    text = article.text
    close = next(
        (
            i
            for i in range(start, end)
            if text[i] in closers
            and (closers == "," or text[i - 1] in SPACES)  # a dash set apart, no hyphen
            and not article.in_quote(i)
        ),
        end,
    )
    start, end = strip(text, start, close)
    return (start, end, bare) if end > start else None


def _relative_closers(article: QuoteText, cue: Cue) -> str:
    """The marks that close the relative clause the cue is the verb of, when one opens after a
    comma (``, qui a déclaré``: a comma) or a dash (``-- which notes``: a dash); else none."""
    k = cue.first - 1
    words = article.words
    if k < 1 or words[k].lower not in RELATIVES:
        return ""
    opening = article.text[words[k - 1].end : words[k].start].strip()
    if opening == ",":
        return ","
    return "—–-" if opening and not opening.strip("—–-") else ""


def _complement(article: QuoteText, cue: Cue, sentence_end: int) -> tuple[int, int, bool] | None:
    lexicon, words, text = article.lexicon, article.words, article.text
    i = cue.last + 1
    skipped = 0
    adverbial = True  # every word skipped so far is an adverb ("said on Tuesday the plan …")
    objects = words[cue.last].lower in lexicon.object_verbs
    # "a jugé « impératif » que …": the quoted words read before the clause (open, closed)
    quoted: list[int] = []
    while i < len(words) and words[i].start < sentence_end and skipped <= lexicon.max_gap_words:
        word = words[i]
        gap = text[words[i - 1].end : word.start]
        if skipped == 0 and _opens_quote(gap):
            mark = words[i - 1].end + gap.index(gap.strip())
            if _infinitive_at(article, i):  # affirme « agir au nom de … »: marks included
                return _governed(article, mark, sentence_end, False)
            quoted.append(mark)
        elif len(quoted) == 1 and gap.strip() in {"»", '"', "”"}:
            quoted.append(word.start)
        elif any(c in gap for c in '.;:!?()«»"“”'):
            return None
        if len(quoted) == 1:  # inside the quoted words
            skipped += 1
            i += 1
            continue
        lower = word.lower
        relative = skipped > 0 and words[i - 1].lower in RELATIVES
        if ("," in gap or relative) and lower.split("-")[0] in lexicon.verbs:
            # "a-t-il ajouté, précisant que …", "ajoute le film, qui précise que …": the
            # clause is the other verb's
            return None
        if skipped and lower.split("-")[0] in lexicon.verbs and adverbial_verb(article, i):
            # "ajoute-t-il, avant de préciser que …", "said before adding that …": so is it
            return None
        if lower in lexicon.complementizers or any(
            lower.startswith(c) and c.endswith(("'", "’")) for c in lexicon.complementizers
        ):
            if i - 1 > cue.last and words[i - 1].lower in lexicon.not_complementizer:
                return None
            if i == cue.last + 1 and _restrictive(article, cue):
                return None
            start = word.start + (
                len(lower) if lower in lexicon.complementizers else _elided(lower)
            )
            return _governed(article, quoted[0] if quoted else start, sentence_end, False)
        glued = lower + text[word.end : word.end + 1]
        if glued in lexicon.complementizers and glued[-1] in "'’":  # qu'« il ne peut … »
            return _governed(article, word.end + 1, sentence_end, False)
        if skipped == 0 and _infinitive_at(article, i):
            return _governed(article, word.start, sentence_end, False)
        if (
            skipped == 0
            and words[cue.last].lower in lexicon.object_content_verbs
            and _opens_object(article, lower)
        ):
            return _governed(article, word.start, sentence_end, True)  # "denied any wrongdoing"
        past = _past_name(article, i) if objects and skipped == 0 else None
        if past is not None:
            skipped, i, adverbial = 1, past, True  # told *The Associated Press* he was …
            continue
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


def _restrictive(article: QuoteText, cue: Cue) -> bool:
    """Whether the cue is negated by a restrictive word alone (``ne relève que``, ``n'a dit
    que``), so that the ``que`` right after it means "only"."""
    words, lexicon = article.words, article.lexicon
    elided = tuple(r for r in lexicon.restrictive if r.endswith(("'", "’")))
    before = [w.lower for w in words[max(0, cue.first - 1) : cue.first + 1]]
    # "ne relève que", "n'a dit que" (the auxiliary outside the cue), "n'affirme que"
    if elided and any(w.startswith(elided) for w in before):
        return True
    return cue.first > 0 and before[0] in lexicon.restrictive


def _opens_object(article: QuoteText, lower: str) -> bool:
    """Whether a word after a verb may open its object (not a preposition, adverb, pronoun)."""
    lexicon = article.lexicon
    return not (
        lower in lexicon.linking
        or article.speakers.is_adverb(lower)
        or lower in lexicon.pronouns
        or lower in lexicon.object_pronouns
    )


def _past_name(article: QuoteText, i: int) -> int | None:
    """The index of the first word after a name of several words that opens at word ``i``, or
    after its determiner (``told The Associated Press he …``, ``told the Associated Press``),
    or None."""
    words, speakers = article.words, article.speakers
    determiner = words[i].lower in article.lexicon.determiners
    for j in (i, i + 1) if determiner and i + 1 < len(words) else (i,):
        named = speakers.mention_at(words[j].start)
        if named is not None:
            return word_from(words, named[1]) if named[1] > words[i].end else None
    return None


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


def _opens_quote(gap: str) -> bool:
    """Whether the text between two words is an opening quotation mark alone."""
    return gap.strip() in {"«", '"', "“"}


def _infinitive_at(article: QuoteText, i: int) -> bool:
    """Whether word ``i`` opens an infinitive complement: an infinitive of the lexicon
    (``affirme avoir``), negated (``dit ne pas savoir``), or after the pronouns it takes
    (``affirme en avoir``, ``dit l'avoir vu``, ``assure ne pas y être allé``)."""
    words, lexicon = article.words, article.lexicon
    if _negated_infinitive(article, i):
        return True
    for _ in range(3):  # "le lui avoir dit"
        if i >= len(words):
            return False
        lower = words[i].lower.replace("’", "'")
        if lower in lexicon.infinitives:
            # "explained to TechCrunch", "said to reporters": the marker is a preposition
            token = article.token_at(words[i].start)
            return token is None or token.dep_ not in PREPOSITIONS
        elided = lower.split("'", 1)
        if len(elided) == 2 and elided[0] + "'" in lexicon.clitics:
            return elided[1] in lexicon.infinitives
        if lower not in lexicon.clitics or _gap(article, i, i + 1).strip():
            return False
        i += 1
    return False


def _gap(article: QuoteText, a: int, b: int) -> str:
    """The text between words ``a`` and ``b`` (empty past the last word)."""
    if b >= len(article.words):
        return " "
    return article.text[article.words[a].end : article.words[b].start]


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
    end = min(end, start + MAX_CLAUSE_CHARS + 1)  # longer is no clause: no need to read on
    end = clause_end(article, start, before_colon_quote(article.text, start, end))
    start, end = strip(article.text, start, end)
    if end - start > MAX_CLAUSE_CHARS or clause_words(article, start, end) < 2:
        return None
    return start, end


def clause_end(article: QuoteText, start: int, end: int) -> int:
    """``end``, or the comma before a subordinate clause of the reporting sentence that comes
    first (``…, alors que …``, ``…, tandis que …``), bar an attribution set between commas."""
    pattern = patterns(article.lexicon.language)[2]
    at = start
    while pattern is not None and (cut := pattern.search(article.lowered, at, end)) is not None:
        if not _parenthetical(article, cut.start(), cut.end(), end):
            end = cut.start()
            break
        at = cut.end()
    return _coordinated_verb(article, start, end)


def _coordinated_verb(article: QuoteText, start: int, end: int) -> int:
    """``end``, or the comma before a coordinator and a speech verb outside quotation marks
    (``…, mais assure …``, ``…, et il ajoute …``): the reporting sentence's next verb."""
    lexicon, words, text = article.lexicon, article.words, article.text
    if not lexicon.clause_coordinators:
        return end
    i = article.word_at(start)
    while i < len(words) and words[i].start < end:
        word = words[i]
        i += 1
        if word.lower not in lexicon.clause_coordinators or article.in_quote(word.start):
            continue
        before = text[start : word.start].rstrip(SPACES)
        if not before.endswith(","):
            continue
        k = i
        if k < len(words) and words[k].lower in lexicon.pronouns:
            k += 1  # "et il ajoute"
        if k < len(words) and words[k].start < end and words[k].lower in lexicon.verbs:
            return start + len(before) - 1
    return end


# Most words of an attribution set between commas inside a reported clause (", selon elle, ").
MAX_PARENTHETICAL_WORDS = 6


def _parenthetical(article: QuoteText, start: int, end: int, limit: int) -> bool:
    """Whether the clause break at ``start:end`` is an attribution set between commas inside
    the clause (``que le débat était, *selon elle,* « prématuré »``), which does not end it."""
    words = article.lowered[start:end].strip(" ,").split()
    if not words or not any(p.startswith(words[0]) for p in article.lexicon.prepositions):
        return False
    comma = article.text.find(",", end, limit)
    return comma != -1 and clause_words(article, end, comma) <= MAX_PARENTHETICAL_WORDS
