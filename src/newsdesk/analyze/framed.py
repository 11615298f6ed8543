"""Quotations framed by punctuation or a preposition rather than by a cue verb's word order:
a quotation after a colon (``X a dressé un bilan sévère : « … »``), an attribution by a
preposition (``Selon X, …``, ``according to X``), a quotation interrupted by an incise written
inside its marks (``« …, dit-elle. … »``); and the quotations a cue introduces (``a déclaré :
« … »``), makes up (``« … », a-t-il dit``) or resumes after its incise (``"…," he said. "…"``)."""

from __future__ import annotations

import re

from newsdesk.analyze import constructions, syntax
from newsdesk.analyze.cues import prepositions_pattern, split_inverted
from newsdesk.analyze.mentions import RELATIVES, subject_pronoun, unelided
from newsdesk.analyze.quotemarks import QuotedSpan, is_abbreviation, word_from
from newsdesk.analyze.quotetext import (
    SPACES,
    Candidate,
    Kind,
    QuoteText,
    before_colon_quote,
    clause_words,
    framed_kind,
    strip,
)
from newsdesk.analyze.speakers import Mention


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
        impersonal = article.speakers.impersonal(mention)
        if mention is None or impersonal:
            # "Il n'aura pas fallu 24 heures pour que Mediapart révèle ces raisons : « … »":
            # the subject of the verb the colon ends the clause of.
            mention = syntax.subject_of(article, colon)
        if article.speakers.impersonal(mention):
            mention = None
        if mention is None and not impersonal:
            continue
        found.append(
            Candidate(
                span.start,
                span.end,
                "direct",
                (colon, colon + 1),
                mention,
                3 if mention is not None else 5,  # no one found: any other reading first
                [span],
                reader="colon",
            )
        )
    return found


# --- prepositions: selon X, according to X ------------------------------------------------------


# Most words of an adverbial opening a sentence before an attribution (``En sens inverse,
# selon X, …``).
MAX_LEAD_WORDS = 3


def _after_adverbial(article: QuoteText, sentence_start: int, pos: int) -> bool:
    """Whether only a short adverbial and its comma stand before ``pos`` in its sentence."""
    lead = article.text[sentence_start:pos].rstrip(SPACES)
    return lead.endswith(",") and clause_words(article, sentence_start, pos) <= MAX_LEAD_WORDS


def read_prepositions(article: QuoteText) -> list[Candidate]:
    """Attributions by a preposition: ``Selon X, …``, ``…, selon X``, ``according to X``; an
    apposition after X (``Selon le porte-parole, Olivier Marchal, …``) names the speaker."""
    text, lexicon, speakers = article.text, article.lexicon, article.speakers
    found: list[Candidate] = []
    pattern = prepositions_pattern(lexicon)
    if pattern is None:
        return found
    for match in pattern.finditer(article.lowered):
        preposition = match.group()
        if article.in_quote(match.start()):
            continue
        sentence_start, sentence_end = article.sentence_of(match.start())
        opening = constructions.opens_sentence(article, sentence_start, match.start())
        if preposition in lexicon.sentence_initial_only and not opening:
            continue
        # "En sens inverse, selon X, …": after a short adverbial, the clause follows
        opening = opening or _after_adverbial(article, sentence_start, match.start())
        # "aux yeux du dirigeant": the article fused into the preposition opens the phrase
        fused = next((a for a in lexicon.fused_articles if preposition.endswith(" " + a)), "")
        mention = _pronoun_after(article, match.end()) or speakers.mention_after(
            match.end() - len(fused), sentence_end, article.words, strict=True
        )
        if mention is None or not _names_a_source(article, match.end(), mention):
            continue
        speaker_like = speakers.is_speaker_like(mention) or mention.kind == "anonymous"
        if preposition in lexicon.sentence_initial_only and not speaker_like:
            continue
        named = speakers.apposition_after(mention.end, sentence_end)
        phrase_end = speakers.apposition_end(mention.end, sentence_end)
        if opening and "," not in text[phrase_end : phrase_end + 41]:
            # "Pour les experts, cette étude scientifique est …": what looked like an
            # apposition is the clause, no comma closing it
            named, phrase_end = None, mention.end
        if named is not None and mention.kind != "entity":
            mention = named
        cue = (match.start(), match.end())
        tail = text[phrase_end:sentence_end]
        if opening:
            comma = tail.find(",")
            clause_start = phrase_end + comma + 1
            if comma == -1 or comma > 40:
                # "Selon X « … »", "Pour X : « … »": the quotation itself closes the source
                quoted = _quote_after(article, phrase_end, sentence_end)
                if quoted is None:
                    continue
                clause_start = quoted.open
            # "Pour X, « … » : « … » dénonce-t-il": the quotation after the colon is another's
            clause_end = before_colon_quote(text, clause_start, sentence_end)
            start, end = strip(text, clause_start, clause_end)
        elif not tail.strip(SPACES + '.!?»"'):
            start, end = strip(text, sentence_start, match.start())
        else:
            start, end = strip(text, sentence_start, sentence_end)
        if clause_words(article, start, end) < 3:
            continue
        start, end, kind, spans = framed_kind(article, start, end)
        if not spans and text[sentence_start:sentence_end].rstrip(SPACES).endswith("?"):
            continue  # "Comment est-il devenu le mal aux yeux de X ?": the writer asks
        found.append(Candidate(start, end, kind, cue, mention, 3, spans, reader="preposition"))
    return found


def _quote_after(article: QuoteText, pos: int, end: int) -> QuotedSpan | None:
    """The quotation that opens right after a source named by a preposition, with only spaces
    or a colon between (``Selon la ministre « il n'y aura pas de recul »``)."""
    text = article.text
    while pos < end and text[pos] in SPACES + ":":
        pos += 1
    for span in article.spans.overlapping(pos, pos + 1):
        if span.open == pos and not span.dash:
            return span
    return None


def _pronoun_after(article: QuoteText, pos: int) -> Mention | None:
    """The stressed pronoun right after a preposition (``expliquent selon lui les craintes``):
    the speaker, also when no comma closes it."""
    words = article.words
    i = word_from(words, pos)
    if i is None or article.text[pos : words[i].start].strip(SPACES):
        return None
    word = words[i]
    if subject_pronoun(word.lower, article.lexicon) != word.lower:
        return None
    return Mention(word.start, word.end, word.text, "pronoun")


# Words read after a preposition before the noun that heads its object (``selon les tout
# premiers chiffres``).
MAX_HEAD_WORDS = 3
# Most words between an incise's speaker and the quotation it resumes in the same sentence
# (« … », ajoute X aux assises du journalisme, « … »).
MAX_RESUME_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _titles_a_person(article: QuoteText, noun: str) -> bool:
    """Whether the article writes ``noun`` right before a person's name somewhere (``le
    naturopathe Olivier Girard``): a role, whatever the lexicon lists."""
    speakers = article.speakers
    for match in re.finditer(rf"(?<!\w){re.escape(noun)}[ \u00a0]+", article.lowered):
        named = speakers.mention_at(match.end())
        if named is not None and named[2].label == "PER":
            return True
    return False


def _names_a_source(article: QuoteText, pos: int, mention: Mention) -> bool:
    """Whether the object of a preposition at ``pos`` names someone who speaks or what a source
    published: ``selon les professions et le sexe``, ``selon la nomenclature du JEL`` sort,
    they attribute nothing, unlike ``selon les chiffres de l'Insee`` or ``selon une étude``.
    A language that lists no such nouns (``evidence_nouns``) takes every object."""
    lexicon, words = article.lexicon, article.words
    if not lexicon.evidence_nouns or mention.kind in {"pronoun", "person", "anonymous", "name"}:
        return True
    i = word_from(words, pos)
    while i is not None and i < len(words) and words[i].lower in lexicon.determiners:
        i += 1
    if i is None or i >= len(words):
        return False
    if mention.kind == "entity" and words[i].end > mention.start:
        return True  # the object is the speaker's name (selon l'ONU)
    if mention.kind == "other" and _titles_a_person(article, words[i].lower):
        return True  # "selon le naturopathe", named "le naturopathe Olivier Girard" before
    heads = (
        lexicon.evidence_nouns,
        lexicon.document_nouns,
        lexicon.org_nouns,
        lexicon.person_nouns,
        lexicon.anonymous,
    )
    for word in words[i : i + MAX_HEAD_WORDS]:
        if word.start >= mention.end:
            break
        if word.lower in lexicon.connectors:
            break  # "la nomenclature du JEL": the head came before its complement
        noun = unelided(word.lower)  # "l'agence", "d'experts"
        forms = {noun, noun.removesuffix("s"), noun.removesuffix("x")}
        if any(form in nouns for nouns in heads for form in forms):
            return True
    return False


# --- interrupted quotations: « …, dit-elle. … » --------------------------------------------------


# The end of an incise inside quotation marks: its comma or period, after at most a few words.
_INCISE_END = re.compile(r"(?:[ \u00a0\u202f]*[^\s,.;:!?«»\"“”]+){0,8}?[ \u00a0\u202f]*[,.]")


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
            base, pronoun = split_inverted(words[index], lexicon)
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
            # The incise may end with a clause of its own (« …, glisse-t-il lorsqu'on le
            # croise. … »), a few words up to its comma or period.
            closing = _INCISE_END.match(text, incise_end, span.end)
            if closing is None:
                continue
            cue = (cue_start, cue_end)
            head_end = text.rindex(",", span.start, cue_start)
            sentence_start, _ = article.sentence_of(span.open)
            lead = text[sentence_start : span.open]
            mixed = bool(lead.strip(SPACES + "—–-")) and not lead.rstrip(SPACES).endswith(":")
            head = strip(text, sentence_start if mixed else span.start, head_end)
            tail = strip(text, closing.end(), span.end)
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


# --- incises whose verb the lexicon does not list: « … », sourit Marie -------------------------

_INCISE_COMMA = re.compile(r"[ \t\u00a0\u202f]*,[ \t\u00a0\u202f]*")
# Prepositions of a place or time phrase between an incise's verb and its subject (« … »,
# anticipe *à Pékin* Andy Rothman).
_PLACE_WORDS = frozenset({"à", "depuis", "en"})


def unlisted_incises(article: QuoteText) -> list[Candidate]:
    """Quotations opening their sentence and followed by an inverted incise whose verb no
    lexicon lists (``« … », se remémore X``, ``« … », anticipe à Pékin X``, ``« … »,
    sourit-elle``): in a language whose incises invert (no bare reported clause), a finite
    word between the quotation's comma and a named subject or an inverted pronoun can only
    be a verb of saying. Verbs the lexicon lists are read by ``quotes.read_cue``."""
    found: list[Candidate] = []
    lexicon, text, words = article.lexicon, article.text, article.words
    if lexicon.bare_clause or not lexicon.verbs:
        return found
    for span in article.spans:
        if span.dash or not span.closed:
            continue
        sentence_start, sentence_end = article.sentence_of(span.open)
        comma = _INCISE_COMMA.match(text, span.close)
        if text[sentence_start : span.open].strip(SPACES + "—–-") or comma is None:
            continue
        i = article.word_at(comma.end())
        if i >= len(words) or words[i].start != comma.end() or words[i].start >= sentence_end:
            continue
        cue_start = words[i].start
        if words[i].lower in lexicon.reflexives and i + 1 < len(words):
            i += 1  # "se remémore"
        verb = words[i]
        base, pronoun = split_inverted(verb, lexicon)
        bare = unelided(base)
        if not _unlisted_verb(article, bare, pronoun is not None):
            continue
        mention = pronoun
        if mention is None:
            k = i + 1
            if k + 1 < len(words) and words[k].lower in _PLACE_WORDS:
                k += 2 if words[k + 1].text[:1].isupper() else 0
            if k >= len(words):
                continue
            mention = article.speakers.mention_after(words[k].start, sentence_end, words)
            if mention is None or mention.kind not in {"entity", "name", "person"}:
                continue
            if mention.start != words[k].start:  # "« Dune », film de Denis Villeneuve"
                continue
        cue = (cue_start, verb.end)
        quote = Candidate(span.start, span.end, "direct", cue, mention, 2, [span])
        quote.reader = "incise-quote"
        found.append(quote)
    return found


def _unlisted_verb(article: QuoteText, lower: str, inverted: bool) -> bool:
    """Whether a lower-case word after a quotation's comma may be an unlisted finite verb."""
    lexicon = article.lexicon
    if not lower.isalpha() or not lower.islower() or lower in lexicon.verbs:
        return False
    if lower.endswith(lexicon.participle_suffixes) and not inverted:
        return False  # "« Dune », réalisé par …": a participle, no incise
    listed = (
        lexicon.determiners,
        lexicon.linking,
        lexicon.pronouns,
        lexicon.auxiliaries,
        lexicon.complementizers,
        lexicon.person_nouns,
        lexicon.org_nouns,
        lexicon.anonymous,
    )
    return not any(lower in words for words in listed) and not article.speakers.is_adverb(lower)


# --- quotations a cue introduces or resumes ------------------------------------------------------


def quoted_clause(article: QuoteText, start: int, end: int) -> QuotedSpan | None:
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


def introduced_quote(article: QuoteText, pos: int, *, colon: bool = False) -> QuotedSpan | None:
    """The quotation a cue ending at ``pos`` introduces: after a colon (perhaps across a line
    break: an interview's answer), or right after the verb when it closes the sentence; only
    after a colon when ``colon`` (``pos`` ends a subject written after the verb: what follows
    a noun phrase with no colon is its object, ``accusent X de ne pas chercher la « vérité »``)."""
    text = article.text
    span = article.spans.first_from(pos)
    if span is None:
        return None
    between = text[pos : span.open]
    if len(between) > 100 or any(c in between for c in ".;!?"):
        return None
    lexicon = article.lexicon
    if any(
        split_inverted(w, lexicon)[0] in lexicon.verbs
        for w in article.words[article.word_at(pos) : article.word_at(span.open)]
    ):
        return None  # "…, détaille X, qui ajoute : « … »": another verb's quotation
    if between.rstrip(SPACES + "—–-").endswith(":"):
        return span
    if colon or "\n" in between or between.strip(SPACES + ","):
        return None
    _, sentence_end = article.sentence_of(span.open)
    if not text[span.close : sentence_end].strip(SPACES + ".!?…"):
        return span
    # "a dénoncé « … » et a menacé …": a coordinated verb after the quoted object
    i = article.word_at(span.close)
    words = article.words
    if i + 1 < len(words) and words[i].lower in {"et", "and"} and words[i].start < sentence_end:
        after = split_inverted(words[i + 1], lexicon)[0]
        if not text[span.close : words[i].start].strip(SPACES) and (
            after in lexicon.auxiliaries or after in lexicon.verbs
        ):
            return span
    return None


def resumed(
    article: QuoteText,
    cue: tuple[int, int],
    mention: Mention | None,
    sentence_end: int,
    *,
    interrupted: bool = True,
) -> list[Candidate]:
    """The quoted sentence that resumes right after an incise (``"…," he said. "…"``,
    ``"…," said X, a tax consultant, on Monday. "…"``, ``« … », ajoute X, « … »``): the next
    quotation, when it opens the sentence after the incise's, or goes on in the incise's own
    sentence a few words after the speaker, in the same paragraph; never one with an incise
    of its own (``"…", a ajouté un ténor de la droite``)."""
    end = mention.end if mention is not None and mention.end > cue[1] else cue[1]
    span = article.spans.first_from(end)
    if span is None:
        return []
    same = article.paragraph_index(span.open) == article.paragraph_index(end)
    gap = article.text[end : span.open]
    opens_next = (
        article.sentence_of(span.open)[0] == span.open and span.open >= sentence_end
    ) or gap.rstrip(SPACES).endswith((".", "!", "?"))
    # the sentence right after the incise's, no other between
    ends = [
        m
        for m in _SENTENCE_END.finditer(article.text, end, span.open)
        if not is_abbreviation(article.text, m.start(), article.lexicon.abbreviations)
    ]
    opens_next &= len(ends) <= 1
    lexicon = article.lexicon
    between = article.words[article.word_at(end) : article.word_at(span.open)]
    if not opens_next and (
        len(between) > MAX_RESUME_WORDS
        or any(
            w.lower in lexicon.verbs or w.lower in lexicon.complementizers or w.lower in RELATIVES
            for w in between
        )
    ):
        return []  # "…, a-t-il estimé, soulignant que … « … »": a quotation of another clause
    if _own_incise(article, span):
        return []
    if same and (opens_next or span.open < sentence_end):
        # The sentence after the incise's goes on with the quotation the incise interrupted
        # ("…," he said. "…", the comma inside the marks), else continues it with no cue.
        own = None if span.open >= sentence_end and not interrupted else cue
        return [
            Candidate(span.start, span.end, "direct", own, mention, 0, [span], reader="resumed")
        ]
    return []


def _own_incise(article: QuoteText, span: QuotedSpan) -> bool:
    """Whether a speech verb, or any verb with its subject pronoun written after it, opens the
    words after ``span``'s comma, inside its marks or after them (``"…," she added``, ``« … »,
    a ajouté X``, ``« … », se remémore-t-il``)."""
    text, lexicon = article.text, article.lexicon
    comma = _INCISE_COMMA.match(text, span.close)
    if comma is not None:
        after = comma.end()
    elif "," in text[span.end : span.close]:
        after = span.close
    else:
        return False
    i = article.word_at(after)
    for word in article.words[i : i + 2]:
        base, pronoun = split_inverted(word, lexicon)
        if base in lexicon.verbs or (pronoun is not None and base not in lexicon.auxiliaries):
            return True  # "a ajouté X", "se remémore-t-il"
        if base not in lexicon.auxiliaries and base not in lexicon.reflexives:
            return False
    return False
