"""Cues: the speech verbs (with their auxiliary and an inverted pronoun) and verb phrases of an
article, outside quotations, and the patterns of a language's multi-word cues."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from newsdesk.analyze.constructions import opens_sentence, pattern_of
from newsdesk.analyze.lexicon import QuoteLexicon, lexicon_for
from newsdesk.analyze.quotemarks import Word
from newsdesk.analyze.quotetext import SPACES, QuoteText
from newsdesk.analyze.speakers import Mention


@dataclass(frozen=True)
class Cue:
    """A speech verb (with its auxiliary) or a verb phrase, as written."""

    start: int
    end: int
    first: int  # index of the cue's first word
    last: int  # index of the cue's last word
    inverted: Mention | None  # the pronoun written into the cue (a-t-il, déclare-t-elle)
    passive: bool = False  # after a passive auxiliary (was told, est prévu): no cue


def split_inverted(word: Word, lexicon: QuoteLexicon) -> tuple[str, Mention | None]:
    """The verb part of ``déclare-t-elle`` / ``a-t-il`` and the pronoun written into it."""
    parts = word.lower.split("-")
    if len(parts) > 1 and (parts[-1] in lexicon.pronouns or parts[-1] in lexicon.first_person):
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
    pattern = patterns(lexicon.language)[1]
    for match in pattern.finditer(lowered) if pattern is not None else ():
        first, last = article.word_at(match.start()), article.word_at(match.end()) - 1
        if first > last or article.in_quote(match.start()) or taken & set(range(first, last + 1)):
            continue
        cues.append(_with_auxiliary(article, first, last, None))
        taken.update(range(first, last + 1))
    for index, word in enumerate(words):
        if index in taken:
            continue
        base, pronoun = split_inverted(word, lexicon)
        glued = _glued_reflexive(base, lexicon)  # s'inquiète, s'exclame-t-il
        if glued is not None:
            base = glued
        modal = _modal_before(article, index)
        led = adverbial_lead(article, index) is not None
        if (modal is not None or led) and base.startswith(_ELIDED_DE):
            base = base[2:]  # "tente d'expliquer", "avant d'expliquer"
        if base not in lexicon.verbs or article.in_quote(word.start):
            continue
        if modal is None and not _verb_use(article, index):
            continue
        cue = _with_auxiliary(article, index, index, pronoun)
        if cue.passive:
            continue
        if base in lexicon.reflexive_only and glued is None and not _reflexive(article, cue):
            continue  # "l'annonce a inquiété les marchés": no one speaks
        if cue.first == index and pronoun is None and subjectless(article, index):
            continue  # "Mais penser que …, c'est se leurrer": the writer's words
        participle = base in lexicon.participles and base.endswith(lexicon.participle_suffixes)
        if cue.first == index and pronoun is None and participle:
            continue  # a participle without its auxiliary is an adjective (l'assaut prévu)
        cues.append(cue)
    return sorted(cues, key=lambda c: c.start)


def subjectless(article: QuoteText, index: int) -> bool:
    """Whether the verb at ``index`` is an infinitive opening its sentence, only connectives
    and clitics before it (``Mais penser que …, c'est se leurrer``; ``Lire aussi``), or
    after an impersonal question or advice of the language's ``impersonal`` list
    (``faut-il rappeler que``, ``mieux vaut expliquer``): no one is its subject, and what it
    governs is the writer's own words."""
    lexicon, words = article.lexicon, article.words
    if words[index].lower not in lexicon.verb_lemmas:
        return False
    sentence_start, _ = article.sentence_of(words[index].start)
    k = index - 1
    while k >= 0 and words[k].start >= sentence_start and words[k].lower in lexicon.clitics:
        k -= 1
    first = words[k + 1].start if k + 1 < index else words[index].start
    if k >= 0 and words[k].start >= sentence_start and _adjacent(article, k, k + 1):
        impersonal = lexicon.constructions.get("impersonal", ())
        if words[k].lower in impersonal:
            return True  # "faut-il rappeler que …"
        if k > 0 and f"{words[k - 1].lower} {words[k].lower}" in impersonal:
            return True  # "mieux vaut expliquer que …"
    return opens_sentence(article, sentence_start, first)


def _glued_reflexive(base: str, lexicon: QuoteLexicon) -> str | None:
    """The verb of a reflexive form written with its elided pronoun (``s'inquiète``), when
    the form is one only reflexive verbs give; else None."""
    for pronoun in lexicon.reflexives:
        if pronoun.endswith(("'", "’")) and base.startswith(pronoun):
            rest = base[len(pronoun) :]
            return rest if rest in lexicon.reflexive_only else None
    return None


def _reflexive(article: QuoteText, cue: Cue) -> bool:
    """Whether a reflexive pronoun stands before the cue (``se félicite``, ``s'est
    inquiété``, ``se sont-ils inquiétés``, ``s'en est félicité``)."""
    words, lexicon = article.words, article.lexicon
    first = words[cue.first].lower
    if any(first.startswith(p) for p in lexicon.reflexives if p.endswith(("'", "’"))):
        return True
    if cue.first == 0:
        return False
    before = words[cue.first - 1].lower
    return before in lexicon.reflexives or before.replace("’", "'") in {"s'en", "s'y"}


def _capitalised_inside(article: QuoteText, index: int) -> bool:
    """Whether the word at ``index`` is capitalised inside its sentence (a name's word:
    ``Theresa May said``)."""
    word = article.words[index]
    if not word.text[:1].isupper():
        return False
    sentence_start, _ = article.sentence_of(word.start)
    return bool(article.text[sentence_start : word.start].strip(SPACES + '«"“—–-(['))


def _verb_use(article: QuoteText, index: int) -> bool:
    """Whether the word at ``index`` is used as a verb: lower case (unless it opens a
    sentence) and not after a determiner (``la note``, ``the state``)."""
    if _capitalised_inside(article, index):
        return False
    word = article.words[index]
    if index > 0:
        before = article.words[index - 1]
        gap = article.text[before.end : word.start]
        if not gap.strip() and before.lower in article.lexicon.determiners:
            return False
        # An infinitive after a preposition is a complement, not a cue (refusant de détailler,
        # to say): its auxiliary-less form comes right after "de", "à", "to"; unless the
        # preposition opens an adverbial clause (avant de préciser, en précisant).
        if not gap.strip() and before.lower in article.lexicon.linking:
            return adverbial_lead(article, index) is not None and adverbial_verb(article, index)
    return True


def _with_auxiliary(article: QuoteText, first: int, last: int, pronoun: Mention | None) -> Cue:
    """The cue widened to its auxiliary (``a déclaré``, ``a-t-il déclaré``, ``has also said``)."""
    lexicon, words = article.lexicon, article.words
    i = first
    modal = _modal_before(article, first)
    if modal is not None:  # "a-t-il voulu rappeler", "tente d'expliquer"
        i = modal
        pronoun = pronoun or split_inverted(words[i], lexicon)[1]
    floor = i
    for _ in range(3):
        if i == 0:
            break
        phrase = _adverbial_before(article, i)
        if phrase is not None:
            i = phrase  # "a de son côté dénoncé", "a, pour sa part, condamné"
            pronoun = pronoun or split_inverted(words[i], lexicon)[1]
            continue
        if not _adjacent(article, i - 1, i):
            break
        before = words[i - 1]
        base, inverted = split_inverted(before, lexicon)
        if base in lexicon.auxiliaries and not _capitalised_inside(article, i - 1):
            i -= 1
            pronoun = pronoun or inverted
            break
        if before.lower in lexicon.adverbs or before.lower.endswith(lexicon.adverb_suffixes):
            i -= 1
            continue
        break
    if i != floor and words[i].lower.split("-")[0] not in lexicon.auxiliaries:
        i = floor  # adverbs are part of the cue only between an auxiliary and its verb
    passive = (
        i != first
        and words[i].lower.split("-")[0] in lexicon.passive
        and not (i > 0 and words[i - 1].lower in lexicon.reflexives)
    )
    return Cue(words[i].start, words[last].end, i, last, pronoun, passive)


_ELIDED_DE = ("d'", "d’")


# Dependencies of a verb heading an adverbial clause of its own within the sentence (not
# a participle qualifying a noun: "a news conference *announcing* that …").
ADVERBIAL_VERBS = frozenset({"advcl", "xcomp", "pcomp"})


def adverbial_verb(article: QuoteText, index: int) -> bool:
    """Whether the parse reads word ``index`` as the verb of an adverbial clause (``avant de
    *préciser*``, ``by *saying*``), not a noun (``in a *report*``, ``by *charges*``)."""
    token = article.token_at(article.words[index].start)
    return token is not None and token.dep_ in ADVERBIAL_VERBS


def adverbial_lead(article: QuoteText, index: int) -> int | None:
    """The first word of an opener of the language's ``adverbial_openers`` right before the
    verb at word ``index`` (``avant de préciser``, ``avant d'expliquer``, ``en précisant``,
    ``before adding``): the verb's subject is that of the verb before it. None without one."""
    words, openers = article.words, article.lexicon.adverbial_openers
    if not openers or index == 0:
        return None
    if words[index].lower.startswith(_ELIDED_DE):  # "avant d'expliquer": "de" is glued
        before = words[index - 1].lower
        glued = f"{before} {words[index].lower[:2]}"
        return index - 1 if glued in openers and _adjacent(article, index - 1, index) else None
    for size in (2, 1):
        k = index - size
        if k < 0 or not all(_adjacent(article, j, j + 1) for j in range(k, index)):
            continue
        if " ".join(w.lower for w in words[k:index]) in openers:
            return k
    return None


def _modal_before(article: QuoteText, i: int) -> int | None:
    """The first word of a verb of the language's ``modals`` (with the ``à`` or ``de`` that
    opens its infinitive) right before the infinitive at word ``i`` (``voulu rappeler``,
    ``tenu à préciser``, ``tente d'expliquer``); None when there is none."""
    pattern = pattern_of(article.lexicon, "modals")
    words, text = article.words, article.text
    if pattern is None or i == 0:
        return None
    end = words[i].start
    tail = ""
    if words[i].lower.startswith(_ELIDED_DE):
        tail = " de"  # the elided "d'" glued to the infinitive
    for j in range(i - 1, max(-1, i - 3), -1):
        if text[words[j].end : words[j + 1].start].strip(SPACES):
            return None
        base = split_inverted(words[j], article.lexicon)[0]
        segment = base + article.lowered[words[j].end : end].rstrip(SPACES) + tail
        if pattern.fullmatch(" ".join(segment.split())):
            return j
    return None


def _adverbial_before(article: QuoteText, i: int) -> int | None:
    """The first word of an adverbial phrase of the language's ``incise_adverbials`` (``de son
    côté``) that ends right before word ``i``, or None. Set between commas (``a, de son côté,
    déclaré``), the phrase is taken only after an auxiliary, and the auxiliary's index is
    given."""
    pattern = pattern_of(article.lexicon, "incise_adverbials")
    words, text = article.words, article.text
    if pattern is None or i == 0:
        return None
    gap = text[words[i - 1].end : words[i].start].strip(SPACES)
    if gap not in ("", ","):
        return None
    for j in range(max(0, i - 4), i):
        if not pattern.fullmatch(article.lowered, words[j].start, words[i - 1].end):
            continue
        if not gap:
            if j < i - 1:
                return j
            continue
        before = text[words[j - 1].end : words[j].start].strip(SPACES) if j > 0 else ""
        auxiliary = j > 0 and split_inverted(words[j - 1], article.lexicon)[0]
        if before == "," and auxiliary in article.lexicon.auxiliaries:
            return j - 1
    return None


def _adjacent(article: QuoteText, a: int, b: int) -> bool:
    """Whether only spaces separate words ``a`` and ``b``."""
    gap = article.text[article.words[a].end : article.words[b].start]
    return not gap.strip(SPACES)


@cache
def patterns(
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


def prepositions_pattern(lexicon: QuoteLexicon) -> re.Pattern[str] | None:
    return patterns(lexicon.language)[0]


def past_object_pronouns(article: QuoteText, cue: Cue, pos: int) -> int:
    """``pos`` moved back over the object pronouns right before a cue (``lui avait dit``)."""
    return _past_pronouns(article, cue, pos, article.lexicon.object_pronouns)


def past_reflexive(article: QuoteText, cue: Cue, pos: int) -> int:
    """``pos`` moved back over a reflexive pronoun right before a cue (``se dit``)."""
    return _past_pronouns(article, cue, pos, article.lexicon.reflexives)


def _past_pronouns(article: QuoteText, cue: Cue, pos: int, pronouns: frozenset[str]) -> int:
    k = cue.first - 1
    words = article.words
    while k >= 0 and words[k].lower.replace("’", "'") in pronouns:
        if article.text[words[k].end : pos].strip(SPACES):
            break
        pos = words[k].start
        k -= 1
    return pos


def past_adverbials(article: QuoteText, pos: int) -> int:
    """``pos`` moved past the adverbial phrases written between an incise's verb and its
    subject (``a indiqué *de son côté* le FBI``, ``a déclaré *dans un communiqué* le
    ministère``), listed as ``incise_adverbials`` in the language's constructions."""
    pattern = pattern_of(article.lexicon, "incise_adverbials")
    if pattern is None:
        return pos
    while True:
        start = pos
        while start < len(article.text) and article.text[start] in SPACES:
            start += 1
        match = pattern.match(article.lowered, start)
        if match is None:
            return pos
        pos = match.end()
