"""Quotations and their speakers: who said what, with offsets into the article's text.

The component reads the article's text, the entities found before it and, when the pipeline has
one, the dependency parse. Its steps and the modules that take them:

1. Quotation marks are paired into quoted spans and the text is cut into sentences that never
   cut through a quotation (``quotemarks``); the article as the readers see it is a
   ``QuoteText`` (``quotetext``).
2. Cues are found from the language's lexicon (``cues``, ``lexicon``): a speech verb with its
   auxiliary and inverted pronoun (``a-t-il déclaré``, ``déclare-t-elle``, ``has said``), a verb
   phrase (``a fait valoir``), or a preposition (``selon``, ``according to``). Each cue is read
   in its sentence here (the clause a verb governs is read by ``complements``), which gives
   the quotation and the kind:
   - an incise after a clause (``« … », a déclaré X``; ``"…," he said``; ``…, a-t-il ajouté``):
     the clause is the quotation — direct when it is one quoted span, mixed when it carries one,
     indirect otherwise;
   - a complement after the verb (``a déclaré que …``, ``affirme avoir …``, ``said (that) …``):
     indirect, or mixed when it carries quoted words;
   - a quotation introduced by the verb, a colon or a dash (``a déclaré : « … »``): direct;
   - ``selon X, …`` / ``…, according to X``: the clause around the preposition; a quotation
     after a colon, or interrupted by an incise inside its marks (``framed``).
3. The parse adds what word order hides (``syntax``): complements no ``que`` opens (an
   infinitive, an object carrying quoted words) and subjects far from their verb; attributions
   built around the verb (``comme le souligne X``, ``C'est ce qu'a annoncé X``) have their own
   readers (``constructions``).
4. One candidate is kept per stretch of text, and quoted sentences with no cue are added: those
   continuing an attributed quotation, and testimonies (``selection``).
5. The speaker mention is the subject of the cue; mentions become canonical speakers by the
   article's salience (``speakers``): names through the entities, pronouns and roles to the
   most salient person that fits, organisation nouns to the organisation named; anonymous
   sources keep their mention and have no speaker.
6. Each quotation and its speaker get a calibrated confidence from how they were found
   (``confidence``).

Other quoted words without a cue (scare quotes, titles, nicknames) are not quotations. A language
without a lexicon gets its direct quotations from punctuation alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from newsdesk.analyze import constructions, framed, selection, syntax
from newsdesk.analyze.complements import MAX_CLAUSE_CHARS
from newsdesk.analyze.complements import complement as complement_of
from newsdesk.analyze.confidence import Evidence, confidences, risks, speaker_path
from newsdesk.analyze.cues import (
    Cue,
    adverbial_lead,
    find_cues,
    past_adverbials,
    past_object_pronouns,
    past_reflexive,
    prepositions_pattern,
    split_inverted,
)
from newsdesk.analyze.lexicon import lexicon_for
from newsdesk.analyze.mentions import OBJECT_RELATIVES, RELATIVES, described_speaker
from newsdesk.analyze.quotetext import (
    SPACES,
    Candidate,
    QuoteText,
    clause_words,
    framed_kind,
    kind_of,
    strip,
    titled,
)
from newsdesk.analyze.speakers import Mention
from newsdesk.records import Analysis, Entity, Quote

_DASH_OPEN = re.compile(r"[ \t\u00a0\u202f]*[—–][ \t\u00a0\u202f]*")
# Most words between a participle (…, estimant que) and the verb whose subject it shares.
MAX_PARTICIPLE_REACH = 29
# Most words between a preposition after the cue and the quoted words it governs (a mis en
# garde contre *toute* « escalade »).
MAX_PREPOSITION_GAP = 2
# Most words of a title before a speaker's name in an incise ("…," *central bank governor* X said).
MAX_TITLE_WORDS = 6


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


def _may_invert(article: QuoteText, cue: Cue, sentence_start: int) -> bool:
    """Whether the cue's subject may follow it: always in French (``a déclaré jeudi le
    ministre``, ``que confirme X``); in English only in an incise (``…," said the mayor``) or
    opening a sentence (``Said the mayor: …``)."""
    if not article.lexicon.inverted_in_incise_only:
        return True
    start = past_object_pronouns(article, cue, cue.start)
    if not article.text[sentence_start:start].strip(SPACES + '"“”«»—–-'):
        return True
    return _incise_separator(article, start, sentence_start, 0) is not None


def _gerund(article: QuoteText, cue: Cue) -> bool:
    """Whether the cue is a present participle (``emphasising``, ``estimant``)."""
    suffixes = article.lexicon.gerund_suffixes
    return bool(suffixes) and article.words[cue.last].lower.endswith(suffixes)


def _inverted_subject(article: QuoteText, cue: Cue, before: Mention) -> bool:
    """Whether the subject of a cue is to be read after it although a name stands before it:
    the cue opens an incise (``…, emporté par une avalanche, a déclaré jeudi le ministre``),
    in a language whose reported clauses always open with a complementizer, so that a noun
    phrase after the verb is its subject, not the start of what was said."""
    if article.lexicon.bare_clause:
        return False
    if article.speakers.apposition_end(before.end, cue.start) > before.end:
        return False  # "Marie Dausse, professeure d'histoire, défend …": the name speaks
    lead = article.text[before.end : cue.start].rstrip(SPACES)
    return lead.endswith((",", "—", "–")) and bool(lead.strip(SPACES + ",—–"))


def read_cue(article: QuoteText, cue: Cue) -> list[Candidate]:
    """The quotations one cue attributes, with their speaker mention."""
    speakers, words = article.speakers, article.words
    sentence_start, sentence_end = article.sentence_of(cue.start)
    span = (cue.start, cue.end)
    if cue.inverted is None and adverbial_lead(article, cue.first) is not None:
        # "…, avant de préciser que …": the verb before it has the subject, and the verb
        # reports what it governs only
        complement = complement_of(article, cue, sentence_end)
        found = (
            []
            if complement is None
            else _governed_quote(article, cue, complement, None, sentence_start)
        )
        # "Il a fallu du temps pour expliquer que …": no one speaks
        return [c for c in found if not speakers.impersonal(c.mention)]

    before: Mention | None = cue.inverted
    if before is None and not _after_object_relative(article, cue):
        # No speaker in quoted words: « It was … », she said, adding …
        before = _subject_before(article, past_reflexive(article, cue, cue.start), sentence_start)
    if before is None:  # "la Turquie, qui affirme en avoir détruit dix": the antecedent
        before = _relative_antecedent(article, cue, sentence_start)
    after: Mention | None = None
    # "emphasising the importance of …": what follows a present participle is its object.
    gerund = cue.inverted is None and _gerund(article, cue)
    if (
        not gerund
        and _may_invert(article, cue, sentence_start)
        and (before is None or (cue.inverted is None and _inverted_subject(article, cue, before)))
    ):
        after = speakers.mention_after(past_adverbials(article, cue.end), sentence_end, words)
        before = None if after is not None else before
    mention = before or after

    # 1. A quotation introduced by the cue: "X a déclaré : « … »", "X said: "…"".
    tail_from = after.end if after is not None else cue.end
    intro = framed.introduced_quote(article, tail_from, colon=after is not None)
    if intro is not None and mention is not None:
        return [
            Candidate(intro.start, intro.end, "direct", span, mention, 1, [intro], reader="intro")
        ]

    # 2. A clause governed by the verb: "a déclaré que …", "affirme avoir …", "said it was …".
    # A clause without "that" comes after the incise reading: "…," she said several months later.
    subject_first = before is not None and cue.inverted is None and before.end <= cue.start
    incise_from = before.start if subject_first and before is not None else cue.start
    if not subject_first:  # "« … », lui avait dit X": an object pronoun opens the incise
        incise_from = past_object_pronouns(article, cue, incise_from)
    separator = _incise_separator(
        article, incise_from, sentence_start, MAX_TITLE_WORDS if subject_first else 0
    )
    if article.lowered[cue.start : cue.end] in article.lexicon.clause_breaks:
        separator = None  # "…, répondant ainsi aux élus": a participle's clause, no incise
    following = article.word_at(cue.end)
    if (
        article.lowered[cue.start : cue.end].endswith(article.lexicon.gerund_suffixes)
        and following < len(article.words)
        and article.words[following].lower in article.lexicon.topic_prepositions
    ):
        separator = None  # "…," said X, speaking of the campaign: a topic, no incise
    complement = complement_of(article, cue, sentence_end)
    if complement is not None and not (complement[2] and separator is not None):
        return _governed_quote(article, cue, complement, mention, sentence_start)

    # 3. An incise after the clause it attributes: "« … », a déclaré X", "…," he said".
    if separator is not None and mention is None:
        found = _quoted_object(article, cue, separator, sentence_end)
        if found:
            return found
    incise = [] if separator is None else _incise(article, cue, mention, separator)
    # "In an interview with CNN, Brown said the deal was dead": words before the comma that
    # are no clause of their own report nothing when the verb governs a clause after it.
    unclausal = len(incise) == 1 and incise[0].kind == "indirect"
    if unclausal:
        unclausal = _subjects(article, cue, incise[0].start, incise[0].end) == (False, False)
    if complement is not None and (not incise or unclausal):
        return _governed_quote(article, cue, complement, mention, sentence_start)
    if not incise and mention is not None:
        # "a mis en garde contre « toute escalade »": quoted words after a preposition
        return _prepositional_quote(article, cue, mention, sentence_end)
    return incise


def _prepositional_quote(
    article: QuoteText, cue: Cue, mention: Mention, sentence_end: int
) -> list[Candidate]:
    """The object of a preposition right after the cue (``a mis en garde contre``, ``a
    plaidé pour``, ``warned of``) when quoted words open within ``MAX_PREPOSITION_GAP`` words
    of it: what was said, mixed, to the end of its clause. A name in quotation marks
    (``a témoigné pour « Libération »``) is no word said."""
    words, text = article.words, article.text
    i = article.word_at(cue.end)
    if i >= len(words) or words[i].lower not in article.lexicon.parse_object_prepositions:
        return []
    if text[cue.end : words[i].start].strip(SPACES):
        return []
    span = article.spans.first_from(words[i].end)
    if span is None or span.dash or not span.closed or span.close > sentence_end:
        return []
    gap = text[words[i].end : span.open]
    if any(c in gap for c in ",;:.!?()") or clause_words(article, words[i].end, span.open) > (
        MAX_PREPOSITION_GAP
    ):
        return []
    if titled(article, span):
        return []
    start = i + 1 if i + 1 < len(words) and words[i + 1].start < span.open else None
    first = words[start].start if start is not None else span.open
    if words[i].lower in article.lexicon.parse_object_prepositions_said:
        first = words[i].start  # "a parlé de « … »": a partitive, not the verb's preposition
    # the phrase goes on to the clause's end ("warned of "…" in the region")
    stop = min([sentence_end] + [k for c in ",;:" if (k := text.find(c, span.close)) != -1])
    first, last = strip(text, first, stop)
    kind, spans = kind_of(article, first, last)
    return [
        Candidate(first, last, kind, (cue.start, cue.end), mention, 2, spans, reader="complement")
    ]


def _quoted_object(
    article: QuoteText, cue: Cue, separator: int, sentence_end: int
) -> list[Candidate]:
    """``les syndicats, « amers », déploraient toujours des « points de blocage »``: a verb
    with no subject after it, set after a quoted apposition, is no incise: its object
    carrying quoted words is what was said (mixed), its subject the words before the
    apposition."""
    text, words = article.text, article.words
    apposition = article.spans.last_closing_by(separator)
    if apposition is None or text[apposition.close : separator].strip(SPACES):
        return []
    lead = text[: apposition.open].rstrip(SPACES)
    sentence_start, _ = article.sentence_of(cue.start)
    if not lead.endswith(",") or len(lead) - 1 <= sentence_start:
        return []
    mention = _subject_before(article, len(lead) - 1, sentence_start)
    i = cue.last + 1
    while i < len(words) and article.speakers.is_adverb(words[i].lower):
        i += 1
    span = article.spans.first_from(cue.end)
    if mention is None or i >= len(words) or span is None or span.dash:
        return []
    start, end = strip(text, words[i].start, sentence_end)
    if (
        not start <= span.open < span.close <= sentence_end
        or clause_words(article, start, span.open) > 2
    ):
        return []
    kind, spans = kind_of(article, start, end)
    return [
        Candidate(start, end, kind, (cue.start, cue.end), mention, 2, spans, reader="complement")
    ]


def _governed_quote(
    article: QuoteText,
    cue: Cue,
    complement: tuple[int, int, bool],
    mention: Mention | None,
    sentence_start: int,
) -> list[Candidate]:
    if mention is None:  # "…, saying it was …": the sentence's subject speaks
        mention = article.speakers.subject_of(sentence_start, cue.start, article.words)
        mention = None if mention is None or article.in_quote(mention.start) else mention
    if mention is None:  # "…, a-t-il estimé, soulignant que …": the incise's subject
        mention = _incise_subject_before(article, cue, sentence_start)
    if mention is None:
        return []
    start, end, _ = complement
    kind, spans = kind_of(article, start, end)
    if _after_complementizer(article, start):
        # "explique que « … »": the whole clause quoted is a direct quotation (a quoted
        # infinitive stays mixed: affirme « agir au nom de … »)
        start, end, kind, spans = framed_kind(article, start, end)
    return [
        Candidate(start, end, kind, (cue.start, cue.end), mention, 2, spans, reader="complement")
    ]


def _after_complementizer(article: QuoteText, pos: int) -> bool:
    """Whether a complementizer ends right before ``pos``, quotation marks aside (``que « …``,
    ``qu'« …``, ``that "…``)."""
    k = article.word_at(pos) - 1
    if k < 0:
        return False
    word = article.words[k]
    gap = article.text[word.end : pos].strip(SPACES + '«»"“”')
    if gap in {"'", "’"}:  # qu'« …
        return f"{word.lower}'" in article.lexicon.complementizers
    return not gap and word.lower in article.lexicon.complementizers


def _incise_subject_before(article: QuoteText, cue: Cue, sentence_start: int) -> Mention | None:
    """The subject of the incise a participle follows after a comma (``…, a-t-il estimé,
    soulignant que …``, ``…, a déclaré le ministre, ajoutant que …``), or a verb after an
    adverbial opener, comma or not (``…, ajoute-t-il, avant de préciser que …``, ``…," he
    said before adding that …``)."""
    words, text, lexicon = article.words, article.text, article.lexicon
    lead = adverbial_lead(article, cue.first)
    head = cue.first if lead is None else lead
    gap = "" if head == 0 else text[words[head - 1].end : words[head].start].strip(SPACES)
    if head == 0 or (gap != "," and not (lead is not None and not gap)):
        return None
    # The incise may close a long clause (… a qualifié les révélations concernant la réunion
    # de son ministre, estimant que …): its verb is sought within MAX_PARTICIPLE_REACH words.
    for k in range(head - 1, max(-1, head - 1 - MAX_PARTICIPLE_REACH), -1):
        if words[k].start < sentence_start:
            return None
        base, pronoun = split_inverted(words[k], lexicon)
        if pronoun is not None:  # "a-t-il estimé", "estime-t-elle"
            return pronoun
        if base in lexicon.verbs:  # "a déclaré le ministre"
            auxiliary = k > 0 and split_inverted(words[k - 1], lexicon)[0] in lexicon.auxiliaries
            verb_start = words[k - 1].start if auxiliary else words[k].start
            subject = _subject_before(article, verb_start, sentence_start)
            if subject is not None and not text[subject.end : verb_start].strip(SPACES):
                return subject  # "he told the group, adding …": the name right before speaks
            after = article.speakers.mention_after(words[k].end, cue.start, words)
            if after is not None or not auxiliary:
                return after or _subject_before(article, words[k].start, sentence_start)
    return None


def _after_object_relative(article: QuoteText, cue: Cue) -> bool:
    """Whether an object relative pronoun stands right before the cue (``Ce que confirme le
    directeur``, ``ce qu'affirme X``): the subject comes after the verb."""
    start = past_object_pronouns(article, cue, cue.start)
    k = article.word_at(start) - 1
    if k < 0:
        return False
    lower = article.words[k].lower
    return lower in OBJECT_RELATIVES and not article.text[article.words[k].end : start].strip(
        SPACES
    )


def _relative_antecedent(article: QuoteText, cue: Cue, sentence_start: int) -> Mention | None:
    """The speaker a subject relative pronoun before the cue stands for: the noun phrase
    right before it (``l'organisation, qui affirme « agir au nom de … »``)."""
    words, text = article.words, article.text
    k = article.word_at(past_object_pronouns(article, cue, cue.start)) - 1
    if k < 0 or words[k].lower not in RELATIVES or words[k].start <= sentence_start:
        return None
    pos = words[k].start
    while pos > sentence_start and text[pos - 1] in SPACES:
        pos -= 1
    if pos > sentence_start and text[pos - 1] == ",":
        pos -= 1
    elif pos > sentence_start and text[pos - 1] in "—–-":  # "the study -- which notes"
        pos = len(text[sentence_start:pos].rstrip("—–-" + SPACES)) + sentence_start
    mention = _subject_before(article, pos, sentence_start)
    if mention is None or mention.kind in ("entity", "pronoun"):
        return mention
    # The antecedent is the nearest noun phrase (refused to pay *an architect* who said; a
    # publié *un communiqué* qui affirme), whole when a preposition links it to the one
    # before (le chef *de* l'OTAN, qui affirme).
    lexicon, speakers = article.lexicon, article.speakers
    first = article.word_at(mention.start)
    for j in range(k - 1, first, -1):
        if speakers.opens_phrase(words[j]) and words[j - 1].lower not in lexicon.linking:
            return _subject_before(article, pos, words[j].start)
    if any(w.lower in lexicon.auxiliaries for w in words[first:k]):
        return None  # a clause read back as one noun phrase: no antecedent found
    return mention


def _subject_before(article: QuoteText, pos: int, sentence_start: int) -> Mention | None:
    """The subject right before a verb at ``pos`` (``"…," she said``), not in quoted words."""
    mention = article.speakers.mention_before(pos, sentence_start, article.words)
    return None if mention is None or article.in_quote(mention.start) else mention


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
    quote = framed.quoted_clause(article, start, separator)
    if quote is not None:
        found = [
            Candidate(
                quote.start, quote.end, "direct", span, mention, 0, [quote], reader="incise-quote"
            )
        ]
        # A quotation interrupted by the incise goes on after it: "…," he said. "…"; French
        # writes the comma after the closing mark: « … », ajoute-t-il, « … ».
        inside = text[quote.end : quote.close].lstrip(SPACES).startswith(",")
        if inside or text[quote.close : separator + 1].lstrip(SPACES).startswith(","):
            found += framed.resumed(article, span, mention, sentence_end, interrupted=inside)
        return found
    # A short clause is a quotation only when it carries quoted words (« Une « erreur »,
    # tente d'expliquer X »).
    shortest = 2 if article.spans.overlapping(start, end) else 4
    if end <= start or clause_words(article, start, end) < shortest:
        return []
    preposition = prepositions_pattern(article.lexicon)
    if preposition is not None and preposition.match(article.lowered, start):
        return []  # "Selon le rapport de l'ONU, la famine menace …": an attribution, no clause
    # The incise must close the sentence, or open a participle clause after a comma.
    incise_end = max(cue.end, mention.end if mention is not None else cue.end)
    rest = text[incise_end : min(sentence_end, incise_end + 80)].strip(SPACES + ".!?")
    if rest and not rest.startswith(",") and clause_words(article, incise_end, sentence_end) > 6:
        return []
    if mention is not None and mention.end <= cue.start and not article.lexicon.bare_clause:
        # A French incise puts its subject after the verb (…, a ajouté le ministre); with the
        # subject before it, the verb is a clause's own (…, les exportations soutiennent …).
        return []
    kind, spans = kind_of(article, start, end)
    if kind == "indirect" and _subjects(article, cue, start, end) == (False, True):
        # "Hillary Clinton's campaign manager, Robby Mook, dismissed the claims": the words
        # before the comma are the verb's subject, no clause it reports.
        return []
    return [Candidate(start, end, kind, span, mention, 2, spans, reader="incise")]


def _subjects(article: QuoteText, cue: Cue, start: int, end: int) -> tuple[bool, bool] | None:
    """Whether the parse gives ``text[start:end]`` a subject of a verb of its own, and a word
    that is the subject of the cue's verb; None without a parse."""
    verb = article.token_at(cue.start)
    span = None if article.doc is None else article.doc.char_span(start, end, "expand")
    if verb is None or span is None:
        return None
    subjects = [t for t in span if t.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"}]
    own = any(span.start <= t.head.i < span.end for t in subjects)
    return own, any(t.head == verb for t in subjects)


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
    candidates.extend(constructions.documents(article, framed.read_prepositions(article)))
    candidates.extend(framed.split_interrupted(article))
    candidates.extend(framed.colon_intros(article))
    candidates.extend(framed.unlisted_incises(article))
    candidates.extend(constructions.comparisons(article))
    candidates.extend(constructions.cataphoras(article))
    candidates.extend(constructions.framings(article))
    candidates.extend(constructions.narrative_infinitives(article))
    candidates.extend(constructions.possessives(article))
    candidates.extend(constructions.relatives(article))
    candidates.extend(constructions.sources(article))
    candidates.extend(constructions.readings(article))
    candidates.extend(constructions.signatures(article))
    candidates.extend(syntax.candidates(article, candidates))
    # "C'est ce que confirme X : « … »": the quotation the cue introduces is what X said,
    # not the sentence before.
    introducing = {c.cue for c in candidates if c.reader == "intro"}
    candidates = [c for c in candidates if c.reader != "cataphora" or c.cue not in introducing]
    # "« … », peut-on lire dans Le Monde": "on" gives way to the source the same cue names.
    named = [c.cue for c in candidates if c.cue and c.mention and not _no_one(article, c.mention)]
    candidates = [
        c
        for c in candidates
        if not (c.cue and c.mention and _no_one(article, c.mention))
        or not any(o[0] < c.cue[1] and c.cue[0] < o[1] for o in named)
    ]
    # "…, after the mayor answered questions": a verb of a subordinate clause, or a word the
    # parse reads as a noun, opens no incise.
    candidates = [c for c in candidates if not _subordinate_incise(article, c)]
    # "Il faut dire que …": an impersonal pronoun is no one speaking.
    candidates = [
        replace(c, mention=None) if article.speakers.impersonal(c.mention) else c
        for c in candidates
    ]
    # An embedded post is its author's words: the verbs inside it cue nothing of the article.
    posts = list(constructions.embedded_posts(article))
    if posts:
        candidates = [c for c in candidates if not _cued_inside(c, posts)] + posts
    chosen = selection.select([c for c in candidates if c.reader != "displaced"])
    chosen = sorted(chosen + selection.continuations(article, chosen), key=lambda c: c.start)
    return _resolve(article, chosen)


def _no_one(article: QuoteText, mention: Mention) -> bool:
    """Whether a mention is a pronoun that names no one of the article (``on``, ``I``)."""
    return mention.kind == "pronoun" and mention.text.lower() in article.lexicon.first_person


def _subordinate_incise(article: QuoteText, candidate: Candidate) -> bool:
    return (
        candidate.reader == "incise"
        and candidate.cue is not None
        and (
            syntax.no_incise_verb(article, candidate.cue[0])
            or syntax.subject_with_relative(article, candidate.cue[1] - 1, candidate.end)
        )
    )


def _cued_inside(candidate: Candidate, posts: Sequence[Candidate]) -> bool:
    return candidate.cue is not None and any(p.holds(candidate.cue[0]) for p in posts)


def _resolve(article: QuoteText, chosen: Sequence[Candidate]) -> list[tuple[Quote, Evidence]]:
    quotes: list[tuple[Quote, Evidence]] = []
    text = article.text
    previous: Entity | None = None
    # The last quotation's speaker when words alone named it (le juge, une habitante): a
    # continuation or a pronoun after it goes on with it, not with the last named person.
    described: Mention | None = None
    for candidate in chosen:
        mention = candidate.mention
        said_by = mention
        if candidate.inherit:
            entity = previous if described is None else None
            mention, said_by = None, described
        elif mention is None:
            entity = None
        elif described is not None and article.speakers.goes_on(
            described, mention, candidate.start
        ):
            entity, said_by = None, described
        elif (phrase := article.speakers.organisation_before(mention)) is not None:
            # "La préfecture a pris un arrêté. Elle appelle …": the institution goes on.
            entity = article.speakers.resolve(phrase, candidate.start, previous)
            said_by = phrase if entity is None else mention
        else:
            entity = article.speakers.resolve(mention, candidate.start, previous)
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
            speaker=article.speakers.name(entity, said_by),
            speaker_id=entity.id if entity is not None and entity.id else None,
        )
        doubts = article.speakers.doubts(candidate.mention, entity, candidate.start)
        doubts += risks(article, candidate, entity)
        path = speaker_path(candidate, candidate.mention, entity, previous, doubts=doubts)
        quotes.append((quote, Evidence(candidate.reader, candidate.kind, path)))
        if entity is not None:
            previous, described = entity, None
        elif said_by is not None and described_speaker(said_by):
            described = said_by
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
