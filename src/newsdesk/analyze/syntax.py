"""Reporting verbs read with the dependency parse: the subject that speaks and the complement
that carries what was said.

The surface readers of ``quotes`` pair quotation marks and read incises well; the parse adds what
they cannot see from word order alone: the complement of a verb that is not opened by ``que`` /
``that`` — an infinitive (``a appelé les Tchèques à rester chez eux``, ``a demandé de
révoquer …``), a noun phrase or an adjective carrying quoted words (``a déploré des « points de
blocage »``, ``s'est dit « horrifié »``, ``qualifie Boris Faure d'« insultes racistes »``) — and
the subject of a verb far from it (``la jeune femme s'inquiète toutefois … : « … »``).

Both bundled pipelines parse in Universal Dependencies labels (French) or ClearNLP labels
(English); the labels read here exist in both or are listed for each.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from newsdesk.analyze.complements import clause_end
from newsdesk.analyze.constructions import pattern_of
from newsdesk.analyze.cues import subjectless
from newsdesk.analyze.mentions import RELATIVES
from newsdesk.analyze.quotemarks import QuotedSpan
from newsdesk.analyze.quotetext import (
    SPACES,
    Candidate,
    QuoteText,
    before_colon_quote,
    clause_words,
    framed_kind,
    titled,
)
from newsdesk.analyze.speakers import Mention

SUBJECTS = frozenset({"nsubj", "csubj"})
# Subject pronouns the French model sometimes reads as a determiner of the verb it then takes
# for a noun ("Elle juge …"): never determiners, so still the subject.
PRONOUNS_READ_AS_DETERMINERS = frozenset({"il", "elle", "ils", "elles"})
# Most words of quoted words read as what qualifies an object (ces annonces « insuffisantes »).
MAX_ATTRIBUTE_WORDS = 8
# Dependencies of a prepositional phrase hung on a verb, that may stand before its object.
ADJUNCTS = frozenset({"obl", "obl:mod", "prep"})
# Complements that may carry what was said. A clause or an infinitive is reported speech by
# itself; an object or an oblique only when it carries quoted words.
CLAUSES = frozenset({"ccomp", "xcomp"})
OBJECTS = frozenset(
    {"obj", "dobj", "iobj", "obl", "obl:arg", "obl:mod", "pobj", "attr", "acomp", "oprd"}
)
# Dependencies of the name a naming verb gives (called it "a disgrace"; called the ruling a
# "disgrace").
NAMED = frozenset({"oprd", "dobj", "obj", "xcomp", "ccomp"})
# Words that open a complement and are not part of what was said.
MARKERS = frozenset({"que", "qu'", "qu’", "that", "de", "d'", "d’", "à", "to", "of"})
# What trails a subject and is not part of the speaker's name.
TRAILING = frozenset({"appos", "acl", "acl:relcl", "relcl", "advcl", "parataxis", "punct"})
# Verbs that take their head's subject: coordinated (il a salué … et appelé …), a gerund or
# participle clause (en affirmant …), a verb the parser hung from a word of the sentence.
SHARED_SUBJECT = frozenset({"conj", "xcomp", "parataxis", "advcl"})
RELATIVE_CLAUSES = frozenset({"acl:relcl", "relcl", "acl"})
# Relative words that stand for a place, a time or a topic: the clause they open says nothing
# of the clause before; others do so after a preposition (in which, pendant lesquelles).
ADVERBIAL_RELATIVES = frozenset({"where", "when", "whereby", "où", "dont"})
OBJECT_RELATIVES = frozenset(
    {"which", "whom", "whose", "lequel", "laquelle", "lesquels", "lesquelles", "quoi", "qui"}
)
CASES = frozenset({"prep", "case"})
AUXILIARIES = frozenset({"aux", "auxpass", "aux:pass", "aux:tense"})
# Longest object read before quoted words after a speech verb the model tagged as a noun.
MISTAGGED_OBJECT_WORDS = 5
# Mentions that may be the subject of such a verb.
SPEAKING = frozenset({"entity", "pronoun", "person", "organisation", "name"})
# Labels of a noun's place in its clause.
NOMINAL = frozenset({"dobj", "obj", "iobj", "pobj", "nsubj", "nsubjpass", "compound", "det"})
# Labels of the words of a verb group: a walk back from a verb stops at another verb.
VERBAL = frozenset(
    {"ROOT", "relcl", "acl", "acl:relcl", "advcl", "ccomp", "xcomp", "conj", "parataxis"}
    | AUXILIARIES
    | {"cop"}
)


@dataclass(frozen=True)
class Reading:
    """One speech verb of the parse: the verb, its subject and its complement."""

    verb: tuple[int, int]
    subject: tuple[int, int] | None
    complement: tuple[int, int] | None
    kind: str  # "clause", "infinitive" or "object"


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def _speech_verb(article: QuoteText, token: Token) -> bool:
    lexicon = article.lexicon
    lower = token.lower_.replace("’", "'")
    base = lower.split("-")[0]
    if lower in lexicon.parse_naming and not article.in_quote(token.idx):
        # "called it "a responsible step"", "called for "restraint"": what the verb names or
        # asks for is quoted
        return any(
            (c.dep_ in NAMED and _carries_quote(article, c))
            or (
                c.dep_ == "prep"
                and c.lower_ in lexicon.parse_object_prepositions
                and _quoted_after(article, c)
            )
            for c in token.children
        )
    if base in lexicon.parse_skip or lower in lexicon.parse_skip:
        listed = base in lexicon.parse_quoted_object or lower in lexicon.parse_quoted_object
        if not (listed and _quoted_object(article, token)):
            return False
    if base in lexicon.reflexive_only and not any(
        c.lower_ in lexicon.reflexives or c.lower_.replace("’", "'") == "s'" for c in token.children
    ):
        return False  # "l'annonce a inquiété les marchés": the verb without its pronoun
    return (lower in lexicon.verbs or base in lexicon.verbs) and not article.in_quote(token.idx)


def _quoted_object(article: QuoteText, verb: Token) -> bool:
    """Whether the verb's direct object carries quoted words."""
    return any(c.dep_ in {"obj", "dobj"} and _carries_quote(article, c) for c in verb.children)


def _carries_quote(article: QuoteText, token: Token) -> bool:
    """Whether the words ``token`` heads overlap quoted words (not a dash's)."""
    spans = article.spans.overlapping(token.left_edge.idx, _end(token.right_edge))
    return any(not s.dash for s in spans)


def _marked(token: Token) -> bool:
    """Whether a clause opens with ``de``, ``à``, ``to`` (an infinitive complement)."""
    return any(
        c.dep_ in {"mark", "aux"} and c.lower_ in MARKERS and c.i < token.i for c in token.children
    )


def _complement(article: QuoteText, verb: Token) -> tuple[tuple[int, int], str] | None:
    """The stretch after ``verb`` that its clause, infinitive or quoted object covers."""
    prepositions = article.lexicon.parse_object_prepositions
    _, sentence_end = article.sentence_of(verb.idx)
    # A dependent the parse hung across a paragraph break is none of the verb's (a headline's
    # verb taking the lede's as its clause).
    parts = [
        c
        for c in verb.rights
        if c.idx < sentence_end
        and (
            c.dep_ in CLAUSES
            or c.dep_ in OBJECTS
            or (c.dep_ == "advcl" and (_marked(c) or _quoted_attribute_clause(article, verb, c)))
            or (c.dep_ == "prep" and c.lower_ in prepositions and _quoted_after(article, c))
        )
    ]
    # "a dénoncé sur X une « … »": a phrase before the object, with no quoted words, says
    # where or to whom it was said
    while len(parts) > 1 and parts[0].dep_ in ADJUNCTS and not _carries_quote(article, parts[0]):
        parts.pop(0)
    if not parts or _restrictive(article, verb):
        return None
    first = parts[0]
    start = first.left_edge.idx
    if first.dep_ == "prep" and first.i + 1 < len(first.doc):
        start = first.doc[first.i + 1].idx  # "warned of "…"": the preposition is no word said
    end = min(sentence_end, max(_end(c.right_edge) for c in parts))
    end = clause_end(article, start, before_colon_quote(article.text, start, end))
    kind = "object"
    if any(c.dep_ in CLAUSES or c.dep_ == "advcl" for c in parts):
        clause = next(c for c in parts if c.dep_ in CLAUSES or c.dep_ == "advcl")
        kind = "clause" if clause.dep_ == "ccomp" else "infinitive"
    elif any(c.dep_ == "acl" and _marked(c) for p in parts for c in p.subtree):
        kind = "infinitive"  # "a demandé au président de révoquer …"
    # The markers that open it are not what was said.
    doc = verb.doc
    i = first.left_edge.i
    while i < len(doc) and doc[i].lower_.replace("’", "'") in MARKERS and doc[i].idx < end:
        i += 1
        start = doc[i].idx if i < len(doc) else end
    text = article.text
    if kind == "object":  # a clause's own adverbs are its words ("said now that …")
        start = _past_adverbials(article, start, end)
    first_quoted = article.spans.containing(start)
    if first_quoted is not None and not text[first_quoted.start : start].strip(SPACES):
        start = first_quoted.open  # the opening mark the parse hung on the verb
    last = article.spans.containing(end - 1) if end > start else None
    if last is not None and last.closed and last.close > end:
        end = last.close  # the closing mark the parse hung elsewhere
    while end > start and text[end - 1] in SPACES + ",;:.":
        end -= 1
    if end <= start:
        return None
    quoted = [s for s in article.spans.overlapping(start, end) if not s.dash]
    if kind == "object" and not quoted:
        attribute = _quoted_attribute(article, end, sentence_end)
        if attribute is None:
            return None
        end, quoted = attribute.close, [attribute]
    # "a témoigné pour « Libération »": a title, not what was said
    name = len(quoted) == 1 and titled(article, quoted[0])
    if kind == "object" and name and clause_words(article, start, quoted[0].open) <= 2:
        return None
    if kind == "object" and before_colon_quote(text, end, end + 8) == end:
        return None  # "révèle ces « raisons » : « … »": the object announces the quotation
    if kind == "infinitive" and not quoted and not any(_verbal(c) for c in parts):
        return None
    return (start, end), kind


def _quoted_attribute_clause(article: QuoteText, verb: Token, clause: Token) -> bool:
    """Whether an adverbial clause the parse hangs on the verb is its quoted attribute, opening
    right after it (``s'est dit « convaincu qu'un compromis reste possible » d'ici lundi``)."""
    return clause.left_edge.i <= verb.i + 2 and _carries_quote(article, clause)


def _quoted_attribute(article: QuoteText, end: int, sentence_end: int) -> QuotedSpan | None:
    """Short quoted words right after an object that the parse hung elsewhere, which qualify
    it (``a jugé ces annonces « insuffisantes »``, ``a qualifié la décision de « honteuse »``,
    ``called the ruling "a disgrace"``): part of what was said."""
    span = article.spans.first_from(end)
    if span is None or span.dash or not span.closed or span.close > sentence_end:
        return None
    between = article.text[end : span.open].strip(SPACES).lower()
    if between and between not in article.lexicon.attribute_links:
        return None
    return span if clause_words(article, span.start, span.end) <= MAX_ATTRIBUTE_WORDS else None


def _quoted_after(article: QuoteText, preposition: Token) -> bool:
    """Whether quoted words open within two words after ``preposition`` (``of "fanatic
    recklessness"``, ``for a "ceasefire"``), with no comma between (``of Clinton, "If …"``:
    a topic, then a quotation of its own)."""
    after = _end(preposition)
    quoted = article.spans.overlapping(after, _end(preposition.right_edge))
    if not quoted:
        return False
    between = article.text[after : quoted[0].open]
    return not quoted[0].dash and "," not in between and len(between.split()) <= 2


def _restrictive(article: QuoteText, verb: Token) -> bool:
    """``ne relève que de …``, ``n'a dit que …``: a restrictive ``ne`` (right before the verb
    or its auxiliary) and ``que`` right after it mean "only"; no clause follows."""
    doc, lexicon = verb.doc, article.lexicon
    after = doc[verb.i + 1].lower_.replace("’", "'") if verb.i + 1 < len(doc) else ""
    if after not in lexicon.complementizers:
        return False
    before = (doc[j].lower_ for j in (verb.i - 1, verb.i - 2) if j >= 0)
    return any(w in lexicon.restrictive for w in before)


def _past_adverbials(article: QuoteText, start: int, end: int) -> int:
    """``start`` moved past the adverbs and connectives that open a complement in the parse
    but belong to the verb (``dénonce *par ailleurs* les « cadences … »``)."""
    phrases = [pattern_of(article.lexicon, n) for n in ("connectives", "incise_adverbials")]
    words = article.words
    while start < end:
        i = article.word_at(start)
        if i >= len(words) or words[i].start != start:
            return start
        found = [p.match(article.lowered, start) for p in phrases if p is not None]
        ends = [m.end() for m in found if m is not None]
        if ends:
            stop = max(ends)
        elif article.speakers.is_adverb(words[i].lower):
            stop = words[i].end
        else:
            return start
        while stop < end and article.text[stop] in SPACES:
            stop += 1
        start = stop
    return start


def _verbal(token: Token) -> bool:
    """Whether a complement holds an infinitive clause (a marked clause with words of its
    own), not a bare adjective (``s'est dit prêt``)."""
    return any(
        t.dep_ in {"xcomp", "advcl", "acl"} and _marked(t) and len(list(t.children)) > 1
        for t in token.subtree
    )


def readings(article: QuoteText) -> Iterator[Reading]:
    """Every speech verb of the parsed article outside quotations, with its subject and its
    complement as the parse gives them."""
    doc = article.doc
    if doc is None:
        return
    for token in doc:
        if not _speech_verb(article, token):
            continue
        complement = _complement(article, token)
        yield Reading(
            verb=(token.idx, _end(token)),
            subject=None if (t := _subject_token(token)) is None else _trimmed(t),
            complement=None if complement is None else complement[0],
            kind="none" if complement is None else complement[1],
        )


def _gerund(token: Token) -> bool:
    """``en prédisant …``: a gerund, whatever the parser hung it from."""
    return any(c.dep_ == "mark" and c.lower_ == "en" for c in token.children)


def _subject_of(token: Token) -> Token | None:
    return next(
        (
            c
            for c in token.children
            if c.dep_ in SUBJECTS or (c.dep_ == "det" and c.lower_ in PRONOUNS_READ_AS_DETERMINERS)
        ),
        None,
    )


def _subject_token(verb: Token) -> Token | None:
    subject = _subject_of(verb)
    if subject is None and _gerund(verb):  # the subject of the clause it belongs to
        for ancestor in verb.ancestors:
            if ancestor.dep_ in CLAUSES:
                continue  # the reported clause's own subject: the reporting one speaks
            subject = next((c for c in ancestor.children if c.dep_ in SUBJECTS), None)
            if subject is not None:
                break
    token = verb
    for _ in range(3):  # up through the clauses that share their head's subject
        if subject is not None or token.head is token:
            break
        if token.dep_ not in SHARED_SUBJECT and not (token.dep_ == "acl" and _gerund(token)):
            break
        token = token.head
        subject = _subject_of(token)
    if subject is not None and subject.lower_ in RELATIVES and verb.dep_ in RELATIVE_CLAUSES:
        return verb.head  # "X, qui a affirmé …": X speaks
    return subject


def _participle_clause(article: QuoteText, verb: Token) -> bool:
    """A past participle heading an adverbial clause before its head, with no auxiliary and no
    subject of its own (``Asked whether …, X declined``; ``Interrogé sur …, le ministre a
    répondu``): the subject it shares with its head undergoes the act, it does not perform it."""
    return (
        verb.dep_ == "advcl"
        and verb.i < verb.head.i
        and verb.lower_ in article.lexicon.participles
        and not any(c.dep_.startswith("aux") or c.dep_ in SUBJECTS for c in verb.children)
    )


def no_incise_verb(article: QuoteText, pos: int) -> bool:
    """Whether the word at ``pos`` cannot be the verb of an incise: the parse reads it as a
    noun (``…, after the mayor answered *questions*``), or it belongs to a clause that cannot be
    an incise: a relative clause opened by a preposition and a relative word, or by an
    adverbial relative or a subordinating word (the language's ``subordinators``), with no
    other verb before it (``…, a long period in which senators asked each other questions``;
    ``…, pendant lesquelles les élus ont interrogé le ministre``), or an adverbial clause a
    subordinating word opens (``…, après que le maire a répondu``). ``…, which the minister
    confirmed`` (the relative is what was said) and a comparison (``as X noted``, ``comme l'a
    dit X``, read as a construction of its own) stay out of this."""
    verb = article.token_at(pos)
    if verb is None:
        return False
    doc = verb.doc
    if verb.dep_ in NOMINAL:
        return True
    start, _ = article.sentence_of(pos)
    comparisons = {w for w in article.lexicon.constructions.get("comparison", ()) if " " not in w}
    subordinators = article.lexicon.subordinators - comparisons
    for token in reversed(doc[: verb.i]):
        if token.idx < start or token.dep_ in VERBAL or token.is_punct:
            break
        if token.lower_ in ADVERBIAL_RELATIVES or token.lower_ in subordinators:
            return True
        if token.lower_ in OBJECT_RELATIVES and token.i > 0 and doc[token.i - 1].dep_ in CASES:
            return True
    if verb.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    marks -= comparisons | set(MARKERS) | set(article.lexicon.complementizers)
    return bool(marks)


def subject_with_relative(article: QuoteText, pos: int, clause_end: int) -> bool:
    """Whether the verb at ``pos`` has for subject, in the clause before it that ends at
    ``clause_end``, a phrase carrying a relative clause between commas (``Le président, qui
    s'est rendu sur place, a promis l'aide …``): no reported clause and an incise, but a
    subject and its verb."""
    verb = article.token_at(pos)
    if verb is None:
        return False
    doc = verb.doc

    def between_commas(clause: Token) -> bool:
        first = clause.left_edge.i
        return clause.dep_ in {"acl:relcl", "relcl"} and first > 0 and doc[first - 1].text == ","

    return any(
        c.dep_ in {"nsubj", "nsubj:pass"}
        and c.idx < clause_end
        and any(between_commas(t) for t in c.subtree)
        for c in verb.children
    )


def candidates(article: QuoteText, found: Sequence[Candidate]) -> list[Candidate]:
    """Quotations the parse finds where the surface readers found none: a speech verb that
    cues no candidate yet, its complement a clause, an infinitive or an object carrying quoted
    words, and a subject that names a speaker."""
    extra: list[Candidate] = []
    doc = article.doc
    if doc is None:
        return extra
    for token in doc:
        if not _speech_verb(article, token):
            continue
        cued = [c for c in found if c.cue is not None and c.cue[0] <= token.idx < c.cue[1]]
        complement = _complement(article, token)
        subject = _subject_token(token)
        mention: Mention | None = None
        if (
            (complement is None or subject is None)
            and token.pos_ not in {"VERB", "AUX"}
            and article.lexicon.parse_mistagged
        ):
            mistagged = _mistagged_object(article, token)
            if mistagged is not None:
                complement, mention = mistagged
        if complement is None or (subject is None and mention is None):
            continue
        if _participle_clause(article, token):
            continue  # "Asked whether …, Park declined": Park was asked; the asking is not hers
        if subjectless(article, article.word_at(token.idx)):
            continue  # "Mais penser que …": a subject the parse lent from another clause
        (start, end), how = complement
        # A verb the surface readers read as an incise (the clause before it) but whose parse
        # gives it a complement carrying quoted words after it: the complement is what was said.
        quoted = any(not s.dash for s in article.spans.overlapping(start, end))
        if cued and not (quoted and start > token.idx and all(c.reader == "incise" for c in cued)):
            continue
        for candidate in cued:
            candidate.reader = "displaced"
        sentence_start = article.sentence_of(token.idx)[0]
        if (
            mention is None
            and subject is not None
            and subject.idx < sentence_start
            and "\n" in article.text[subject.idx : token.idx]
        ):
            # A subject the parse lent from another paragraph: the words before the verb say.
            group = min([token.idx] + [c.idx for c in token.lefts if c.dep_ in AUXILIARIES])
            mention = article.speakers.mention_before(group, sentence_start, article.words)
            subject = None
        if mention is None and subject is not None and _dislocated(article, subject):
            # "Marine Le Pen, elle, a dénoncé …": the pronoun repeats the name before it
            group = min([token.idx] + [c.idx for c in token.lefts if c.dep_ in AUXILIARIES])
            mention = article.speakers.mention_before(group, sentence_start, article.words)
        if mention is None and subject is not None:
            if subject.lower_.replace("’", "'") in article.lexicon.not_subjects:
                continue
            span = _trimmed(subject)
            mention = article.speakers.mention_in(span[0], span[1], article.words)
        if mention is None:
            continue
        # The whole object quoted ("a dénoncé « … » et …"): the quoted words, direct.
        start, end, kind, spans = framed_kind(article, start, end)
        # the cue with its auxiliary, as the surface readers write it ("a dénoncé")
        cue = (
            min([token.idx] + [c.idx for c in token.lefts if c.dep_ in AUXILIARIES]),
            _end(token),
        )
        extra.append(Candidate(start, end, kind, cue, mention, 3, spans, reader=f"parse-{how}"))
    return extra


def _mistagged_object(
    article: QuoteText, verb: Token
) -> tuple[tuple[tuple[int, int], str], Mention] | None:
    """A speech verb the model took for a noun or an adjective (``Le député juge la réforme
    « injuste »``, ``Elle critique une réforme « brutale »``: forms that are nouns too), read
    from the words around it: a subject that names a speaker right before it, and an object
    of at most ``MISTAGGED_OBJECT_WORDS`` words before quoted words in the same clause."""
    text, words = article.text, article.words
    sentence_start, sentence_end = article.sentence_of(verb.idx)
    after = article.word_at(_end(verb))
    span = article.spans.first_from(_end(verb))
    if after >= len(words) or span is None or span.dash or not span.closed:
        return None
    if span.close > sentence_end or clause_words(article, _end(verb), span.open) > (
        MISTAGGED_OBJECT_WORDS
    ):
        return None
    if any(c in text[_end(verb) : span.open] for c in ",;:.!?()"):
        return None
    if verb.lower_ in article.lexicon.participles:
        return None  # "considérée comme le « maillon faible »": a passive, no speaker's act
    if before_colon_quote(text, span.close, span.close + 8) == span.close:
        return None  # "révèle ces « raisons » : « … »": the object announces the quotation
    mention = article.speakers.mention_before(verb.idx, sentence_start, words)
    if mention is None or article.in_quote(mention.start) or mention.kind not in SPEAKING:
        return None
    return ((words[after].start, span.close), "object"), mention


def _dislocated(article: QuoteText, subject: Token) -> bool:
    """Whether a subject pronoun stands between commas after a name or a noun phrase, which it
    repeats (``Marine Le Pen, elle, a dénoncé``)."""
    text = article.text
    if subject.lower_ not in article.lexicon.pronouns:
        return False
    before = text[: subject.idx].rstrip(SPACES)
    after = text[_end(subject) :].lstrip(SPACES)
    return before.endswith(",") and after.startswith(",")


def _trimmed(subject: Token) -> tuple[int, int]:
    """The subject without what trails it (an apposition between commas, a relative clause)."""
    end = _end(subject)
    for child in subject.rights:
        # A name right after its title is part of the subject ("le président Paul Roche"); an
        # apposition between commas is not.
        glued = child.dep_ == "appos" and not child.doc[child.left_edge.i - 1].is_punct
        if child.is_punct or (child.dep_ in TRAILING and not glued):
            break
        end = max(end, _end(child.right_edge))
    return subject.left_edge.idx, end


def subject_of(article: QuoteText, pos: int) -> Mention | None:
    """The speaker a parsed clause ending at ``pos`` has for subject (its main verb's), for a
    quotation introduced by a colon with no speech verb."""
    found = article.token_at(pos)
    if found is None:
        return None
    root = found.sent.root if found.sent is not None else None
    for token in (found.head, root):
        if token is None or token.idx >= pos:
            continue
        subject = _subject_token(token)
        if subject is not None and subject.lower_ in article.lexicon.not_subjects:
            continue
        if subject is not None and subject.idx < pos:
            start, end = _trimmed(subject)
            mention = article.speakers.mention_in(start, end, article.words)
            if mention is not None:
                return mention
    return None
