"""The words that may name a speaker in one article: its entity mentions indexed by position,
and the noun phrases, bare nouns and capitalised names a subject may be.

A mention is what the text says of the speaker: a name the entity finder found, a pronoun, a noun
phrase (``le chef de l'OTAN``, ``the ministry``, ``des sources diplomatiques``) or a capitalised
name the model missed. ``subjects`` finds the mention a cue's subject is; ``speakers`` resolves
it to the article's people and organisations.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from newsdesk.analyze.lexicon import Gender, QuoteLexicon
from newsdesk.analyze.names import stop_words
from newsdesk.analyze.quotemarks import Spans, Word, is_abbreviation, word_ending, word_from
from newsdesk.records import Entity

MentionKind = Literal["entity", "pronoun", "person", "organisation", "anonymous", "name", "other"]

SPACES = " \t\n\u00a0\u202f\u2009"
# A word as names and phrases are cut into: letters, with apostrophes and hyphens inside.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
STOP = re.compile(r"[;:.!?()\[\]«»\"“”„\n]")
MAX_NOUN_PHRASE_WORDS = 8
SINGULAR_DEFINITE = frozenset({"le", "la", "l'", "l’", "the", "du"})
INDEFINITE = frozenset({"un", "une", "des", "a", "an"})
# Relative pronouns that open a clause after a noun (le documentaire qui précise …).
RELATIVES = frozenset({"qui", "who", "which", "that"})
# Where a sentence or a paragraph ends.
SENTENCE_BREAK = re.compile(r"[.!?](?:\s|$)|\n")
# Relative pronouns that are the object of the verb after them, whose subject then follows it
# (ce que confirme le directeur).
OBJECT_RELATIVES = frozenset({"que", "qu'", "qu’"})
# Relative pronouns of possession: the role after them is another's (Marie, dont le fils …).
POSSESSIVE_RELATIVES = frozenset({"dont", "whose"})
# Mentions that name a speaker by words alone (no entity): a pronoun may go on with them.
DESCRIBED = frozenset({"person", "anonymous", "organisation"})

# Where the parts of a name's word are cut: hyphens and elisions (Jean-Luc, d'Estaing).
_NAME_PARTS = re.compile(r"[-‐'’]")
# Longest auxiliary glued to a pronoun after an apostrophe (he's, they're, she'll).
MAX_CONTRACTION = 2
# What may stand before a word that opens a sentence (an end of sentence, a colon, a quotation
# mark, a dash).
_SENTENCE_END = frozenset('.!?…:;«»"“”—–-')
# An initial written with its period (G. K. Butterfield, J.-L. Mélenchon).
_INITIAL = re.compile(r"[^\W\d_]\.")


@dataclass(frozen=True)
class Mention:
    """The speaker as written, with what kind of words name it."""

    start: int
    end: int
    text: str
    kind: MentionKind
    entity: Entity | None = None
    noun: str | None = None  # the role, organisation or anonymous noun that heads a phrase


class ArticleMentions:
    """The entity mentions of one article by position, and the phrases that may name a
    speaker."""

    def __init__(
        self,
        text: str,
        entities: Sequence[Entity],
        lexicon: QuoteLexicon,
        spans: Spans | None = None,
    ) -> None:
        self.text = text
        self.lexicon = lexicon
        self.spans = spans if spans is not None else Spans(())
        self._honorific_keys = {h.lower().rstrip(".") for h in lexicon.honorifics}
        self.entities = tuple(entities)
        # A one-word "name" made of common words (Le, Président-candidat, Mi-mars) names no one;
        # an organisation noun capitalised alone (Commission, Parlement) names an institution.
        self.mentions = sorted(
            (
                (m.start, m.end, e)
                for e in entities
                for m in e.mentions
                if " " in m.text.strip() or self._name_word(m.text, institutions=True)
            ),
            key=lambda t: t[0],
        )
        self.mention_starts = [m[0] for m in self.mentions]
        self.mention_ends = sorted((m[1], i) for i, m in enumerate(self.mentions))
        # Where mentions in subject position start (the parse tells; empty without one).
        self.subjects: frozenset[int] = frozenset()
        self.main_subjects: frozenset[int] = frozenset()  # those of main clauses
        # Definite roles that are the subject of a main clause outside quotations (``Le maire
        # lui a répondu``): mentions, by role, of the person introduced with it.
        self.role_subjects: tuple[Mention, ...] = ()
        # Definite organisation phrases that are the subject of a main clause outside
        # quotations (``La préfecture du Bas-Rhin a pris un arrêté``).
        self.organisation_subjects: tuple[Mention, ...] = ()
        # Where impersonal pronouns start (``Il faut dire que``, ``Il n'aura pas fallu``): no
        # one's name (the parse tells; empty without one).
        self.expletives: frozenset[int] = frozenset()

    def entity_ending(self, end: int) -> tuple[int, int, Entity] | None:
        """The entity mention that ends at ``end`` (spaces and a possessive allowed)."""
        i = bisect_right(self.mention_ends, (end, len(self.mentions))) - 1
        while i >= 0 and self.mention_ends[i][0] >= end - 3:
            start, stop, entity = self.mentions[self.mention_ends[i][1]]
            if not self.text[stop:end].strip(SPACES + "'’s"):
                return start, stop, entity
            i -= 1
        return None

    def entity_within(self, start: int, end: int) -> tuple[int, int, Entity] | None:
        """The last entity mention inside ``[start, end)``."""
        i = bisect_left(self.mention_starts, start)
        found = None
        while i < len(self.mentions) and self.mentions[i][0] < end:
            if self.mentions[i][1] <= end:
                found = self.mentions[i]
            i += 1
        return found

    def _in_quote(self, pos: int) -> bool:
        return self.spans.containing(pos) is not None

    def mention_at(self, pos: int) -> tuple[int, int, Entity] | None:
        """The entity mention that starts exactly at ``pos``, if any."""
        i = bisect_left(self.mention_starts, pos)
        found = self.mentions[i] if i < len(self.mentions) else None
        return found if found is not None and found[0] == pos else None

    def impersonal(self, mention: Mention | None) -> bool:
        """Whether a mention is an impersonal pronoun (``Il faut``, ``Il n'aura pas fallu``)."""
        return mention is not None and mention.start in self.expletives

    def person_between(self, start: int, end: int) -> bool:
        """Whether a person is named between ``start`` and ``end``, outside quotations."""
        i = bisect_left(self.mention_starts, start)
        while i < len(self.mentions) and self.mentions[i][0] < end:
            if self.mentions[i][2].label == "PER" and not self._in_quote(self.mentions[i][0]):
                return True
            i += 1
        return False

    def goes_on(self, described: Mention, pronoun: Mention, pos: int) -> bool:
        """Whether ``pronoun`` at ``pos`` is still the speaker the last quotation's words alone
        named (``Le juge a estimé que … Il a ajouté``, ``une habitante … elle raconte``, ``Le
        gouvernement malien a déclaré … Il a ajouté``): a singular pronoun of a fitting gender,
        with no person named outside quotations since."""
        lower = subject_pronoun(pronoun.text.lower(), self.lexicon)
        gender, number = self.lexicon.pronouns.get(lower or "", (None, "pl"))
        if not described_speaker(described) or number != "sg":
            return False
        if gender is None:
            # "My Government will … It will maintain": a neuter pronoun, an institution's.
            neuter = described.kind == "organisation" and lower not in self.lexicon.first_person
            return neuter and not self.person_between(described.end, pos)
        if lower in self.lexicon.first_person:
            return False
        if described.kind == "organisation" and lower in self.lexicon.personal_pronouns:
            return False  # "the government said … he added": a person, not the institution
        said = self.role_gender(described)
        return said in {None, gender} and not self.person_between(described.end, pos)

    def organisation_before(self, pronoun: Mention) -> Mention | None:
        """The definite organisation phrase that is the main subject of the sentence before
        ``pronoun`` or of its own (``La préfecture du Bas-Rhin a pris un arrêté. Elle appelle
        …``), of its gender, with no other main subject since: what a singular ``il``/``elle``
        stands for (never ``he``/``she``, a person's only)."""
        lower = subject_pronoun(pronoun.text.lower(), self.lexicon)
        gender, number = self.lexicon.pronouns.get(lower or "", (None, "pl"))
        if number != "sg" or gender is None or lower in self.lexicon.personal_pronouns:
            return None
        before = [m for m in self.organisation_subjects if m.end <= pronoun.start]
        if not before:
            return None
        phrase = before[-1]
        if len(SENTENCE_BREAK.findall(self.text, phrase.end, pronoun.start)) > 1:
            return None
        if any(phrase.end <= s < pronoun.start for s in self.main_subjects):
            return None
        return phrase if self.role_gender(phrase) in {None, gender} else None

    def role_gender(self, mention: Mention) -> Gender | None:
        """The gender a role phrase marks: its noun's (la présidente), else its article's for a
        common noun (la ministre), else None."""
        gender = self.lexicon.person_nouns.get(mention.noun or "")
        opening = lower_words(mention.text)[:1]
        if gender is None and opening:
            gender = self.lexicon.article_genders.get(opening[0])
        return gender

    def names_office(self, name: str) -> str | None:
        """The role noun a name the model gave an organisation or a thing opens with
        (``ministre des Transports``; after a word of rank: ``Premier ministre``): an office,
        someone's, no organisation; None for another name."""
        written: list[str] = _WORD.findall(name)
        words = [w.lower() for w in written]
        noun = next((w for w in words[:2] if w in self.lexicon.person_nouns), None)
        if noun is None or (noun != words[0] and words[0] not in self.lexicon.ranks):
            return None
        # "Republican National Committee": a capitalised name after the noun, not tied to it
        # by a linking word, names an organisation.
        after = words.index(noun) + 1
        if after < len(written) and written[after][:1].isupper():
            return None
        return noun

    def is_adverb(self, lower: str) -> bool:
        """Whether a word may stand between a verb and its subject or auxiliary; a word with
        an elided article (``l'établissement``) is a noun whatever its ending."""
        if lower in self.lexicon.adverbs:
            return True
        return unelided(lower) == lower and lower.endswith(tuple(self.lexicon.adverb_suffixes))

    def _honorific_at(self, word: Word) -> bool:
        """Whether ``word`` (with the period after it, if any) is an honorific."""
        with_period = self.text[word.start : word.end + 1]
        return word.text in self.lexicon.honorifics or with_period in self.lexicon.honorifics

    def _bare_noun_after(self, i: int, sentence_end: int, words: Sequence[Word]) -> Mention | None:
        """A source named by a noun without a determiner after a cue (``according to
        diplomats``), with the lower-case words that qualify it before a comma."""
        head = words[i].lower
        kinds: dict[MentionKind, bool] = {
            "anonymous": head in self.lexicon.anonymous,
            "person": head in self.lexicon.person_nouns,
            "organisation": head in self.lexicon.org_nouns,
        }
        kind = next((k for k, hit in kinds.items() if hit), None)
        if kind is None:
            return None
        start, end = words[i].start, words[i].end
        return Mention(start, end, self.text[start:end], kind, None, head)

    def _bare_noun(self, words: Sequence[Word], k: int, sentence_start: int) -> Mention | None:
        """A source named by a noun without a determiner (``officials said``, ``U.S. officials
        said``), with up to two words before it."""
        lexicon = self.lexicon
        head = words[k].lower
        kind: MentionKind
        if head in lexicon.anonymous:
            kind = "anonymous"
        elif head in lexicon.person_nouns:
            kind = "person"
        elif head in lexicon.org_nouns:
            kind = "organisation"
        else:
            return None
        first = k
        while first > 0 and k - first < 2 and words[first - 1].start >= sentence_start:
            gap = self.text[words[first - 1].end : words[first].start]
            before = words[first - 1].lower
            if gap.strip(SPACES + ".") or before in lexicon.verbs or before in lexicon.linking:
                break
            if before in lexicon.complementizers or subject_pronoun(before, lexicon):
                break
            first -= 1
        start, end = words[first].start, words[k].end
        return Mention(start, end, self.text[start:end], kind, None, head)

    def _noun_phrase_before(
        self, end: int, sentence_start: int, words: Sequence[Word]
    ) -> Mention | None:
        """The noun phrase ending at ``end``: from its determiner, skipping determiners that
        open a complement (``Le chef de l'OTAN`` starts at ``Le``)."""
        k = word_ending(words, end)
        if k is None or words[k].lower in RELATIVES:
            return None  # "le documentaire qui précise": the antecedent is read apart
        if words[k].lower in self.lexicon.coordinators:
            return None  # "He funds groups and has stated": the first verb's subject speaks
        first = k
        while first > 0 and k - first < MAX_NOUN_PHRASE_WORDS:
            before = words[first - 1]
            if before.start < sentence_start:
                break
            gap = self.text[before.end : words[first].start]
            if gap.strip(SPACES) == "." and is_abbreviation(
                self.text, before.end, self.lexicon.abbreviations
            ):
                gap = ""  # "The U.S. ambassador": the period of an abbreviation
            if STOP.search(gap) or "," in gap or self.verb_at(words, first - 1):
                break  # "The letter described how committee members wrote": no phrase
            first -= 1
        for index in range(first, k + 1):
            if not self.opens_phrase(words[index]):
                continue
            if index > first and words[index - 1].lower in self.lexicon.linking:
                continue
            return self._phrase(words, index, k)
        return None

    def verb_at(self, words: Sequence[Word], i: int) -> bool:
        """Whether word ``i`` is a speech verb or an auxiliary, not a noun after its
        determiner (``un communiqué``)."""
        lower = words[i].lower
        if lower in self.lexicon.auxiliaries:
            return True
        return lower in self.lexicon.verbs and not (i > 0 and self.opens_phrase(words[i - 1]))

    def opens_phrase(self, word: Word) -> bool:
        """Whether ``word`` is a determiner opening a noun phrase (``le``, ``l'OTAN``, ``an``)."""
        lower = word.lower
        if lower in self.lexicon.determiners:
            return True
        return any(
            lower.startswith(d) and len(lower) > len(d)
            for d in self.lexicon.determiners
            if d.endswith(("'", "’"))
        )

    def _noun_phrase_after(
        self, i: int, sentence_end: int, words: Sequence[Word]
    ) -> Mention | None:
        if not self.opens_phrase(words[i]):
            return None
        last = i
        while last + 1 < len(words) and last - i < MAX_NOUN_PHRASE_WORDS:
            nxt = words[last + 1]
            gap = self.text[words[last].end : nxt.start]
            if nxt.start >= sentence_end or STOP.search(gap) or "," in gap:
                break
            # Right after its determiner a verb form is the noun ("un communiqué").
            verb = nxt.lower in self.lexicon.verbs and last > i
            if verb or nxt.lower in self.lexicon.complementizers or nxt.lower in RELATIVES:
                break  # "ajoute le documentaire qui précise …": the relative is no subject
            if nxt.lower in self.lexicon.finite_markers:
                return None  # "said her colleague had …": the subject of what was said
            if nxt.lower in self.lexicon.time_words and last > i:
                break  # "a déclaré le ministre mardi": the day is no part of the subject
            if last > i and self._circumstance(words, last + 1):
                break  # "a déclaré le ministre devant les députés"
            last += 1
        return self._phrase(words, i, last)

    def _circumstance(self, words: Sequence[Word], k: int) -> bool:
        """Whether ``words[k]`` opens a circumstance after a subject, not a complement of it:
        a preposition of time or place (``devant les députés``), or an addressee's preposition
        before a common noun (``à la sortie du Conseil``; not ``à la Concurrence``, nor after a
        participle: ``déléguée à la santé``)."""
        lexicon = self.lexicon
        if words[k].lower in lexicon.circumstance_prepositions:
            return True
        before = unelided(words[k - 1].text)
        participle = before[:1].islower() and before.endswith(lexicon.participle_suffixes)
        if words[k].lower not in lexicon.addressees or participle:
            return False
        noun = k + 1
        while noun < len(words) and words[noun].lower in lexicon.determiners:
            noun += 1
        if noun >= len(words):
            return False
        # an elided determiner is glued to its noun (l'issue, l'AFP)
        return unelided(words[noun].text)[:1].islower()

    def _phrase(self, words: Sequence[Word], first: int, last: int) -> Mention | None:
        """A noun phrase ``words[first..last]`` opening with a determiner, by its head noun."""
        lexicon = self.lexicon
        start, end = words[first].start, words[last].end
        head: str | None = None
        kind: MentionKind = "other"
        head_at = start
        for index in range(first, last + 1):
            head_at = words[index].start
            lower = words[index].lower
            base = unelided(lower)
            for candidate in (lower, base):
                if candidate in lexicon.anonymous:
                    head, kind = candidate, "anonymous"
                elif candidate in lexicon.person_nouns:
                    head, kind = candidate, "person"
                elif candidate in lexicon.org_nouns:
                    head, kind = candidate, "organisation"
                if head:
                    break
            if head:
                break
        inside = self.entity_within(start, end)
        if inside is not None and kind == "other" and self._located(words, first, inside):
            inside = None  # "An investigation in Sweden has revealed": Sweden says nothing
        if inside is not None:
            s, e, entity = inside
            # A person named in the phrase speaks (le ministre Gérald Darmanin); a named
            # organisation speaks unless a role heads the phrase (le porte-parole du Kremlin);
            # an anonymous source stays anonymous (une source du Quai d'Orsay).
            # A person after a preposition is the role's complement, not its holder (un
            # porte-parole de Macron, a spokesperson for Harris, l'avocat de Jean Dupont).
            holder = entity.label == "PER" and kind != "anonymous"
            # "The Republican National Committee": a noun inside the name heads nothing.
            named = kind == "person" and s <= head_at < e and entity.label != "LOC"
            named &= self.names_office(entity.name) is None  # not "ministre de la Santé"
            if (
                kind == "other"
                or named
                or (holder and not complement_at(self.text, s, self.lexicon))
            ):
                return Mention(s, e, self.text[s:e], "entity", entity)
        elif kind == "other" and first == last:
            return None
        return Mention(start, end, self.text[start:end], kind, None, head)

    def _located(self, words: Sequence[Word], first: int, inside: tuple[int, int, Entity]) -> bool:
        """Whether the entity ``inside`` a phrase opening at ``words[first]`` is a place the
        phrase's head is in, after a preposition (``an investigation in Sweden``)."""
        start, _, entity = inside
        if entity.label != "LOC":
            return False
        at = word_from(words, start)
        k = (len(words) if at is None else at) - 1
        return k > first and words[k].lower in self.lexicon.linking

    def _capitalised_before(
        self, end: int, sentence_start: int, words: Sequence[Word], *, verb_next: bool = False
    ) -> Mention | None:
        """The capitalised name ending at ``end``; a single capitalised word opening the
        sentence only when it is a surname of the article or the verb follows it
        (``verb_next``: ``Figueroa said …``)."""
        k = word_ending(words, end)
        if k is None or not words[k].text[:1].isupper():
            return None
        first = k
        while first > 0 and words[first - 1].start >= sentence_start:
            gap = self.text[words[first - 1].end : words[first].start]
            prev = words[first - 1]
            if gap.strip(SPACES) or not (
                prev.text[:1].isupper() or prev.lower in self.lexicon.particles
            ):
                break
            first -= 1
        while first < k and (
            words[first].lower in self.lexicon.particles or self._honorific_at(words[first])
        ):
            first += 1
        if words[first].start == sentence_start and first == k and not self._surname(words[k]):
            lower = words[k].lower
            lexicon = self.lexicon
            grammar = lexicon.connectors | lexicon.linking | lexicon.adverbs | lexicon.subordinators
            if not verb_next or lower in grammar or self.is_adverb(lower):
                return None  # a capitalised word opening a sentence may be anything
        return self._name(words, first, k)

    def _surname(self, word: Word) -> bool:
        """Whether ``word`` is the last word of the name of a person of the article."""
        return any(
            e.label == "PER" and len(e.name.split()) > 1 and e.name.split()[-1] == word.text
            for e in self.entities
        )

    def _capitalised_after(
        self, i: int, sentence_end: int, words: Sequence[Word]
    ) -> Mention | None:
        if not words[i].text[:1].isupper():
            return None
        last = i
        while last + 1 < len(words) and words[last + 1].start < sentence_end:
            gap = self.text[words[last].end : words[last + 1].start]
            nxt = words[last + 1]
            if gap.strip(SPACES) and gap.strip(SPACES) != ".":
                break
            if not (nxt.text[:1].isupper() or nxt.lower in self.lexicon.particles):
                break
            last += 1
        while last > i and words[last].lower in self.lexicon.particles:
            last -= 1
        first = i
        while first < last and self._honorific_at(words[first]):
            first += 1  # "M. Caldwell": the name is "Caldwell"
        if self._honorific_at(words[first]):
            return None
        return self._name(words, first, last)

    def _name(self, words: Sequence[Word], first: int, last: int) -> Mention | None:
        """``words[first..last]`` as a name the model missed, or None when they are not a
        name's words: each part of a name (``Jean-Luc``, ``d'Estaing``) is capitalised or a
        particle, and none is a common word capitalised (``Le``, ``Président-candidat``,
        ``Mi-mars``, ``C'est la …``); a stop word opening its sentence is an anonymous
        source."""
        parts = words[first : last + 1]
        if not any(self._name_word(w.text) for w in parts) or not all(
            w.lower in self.lexicon.particles or self._name_word(w.text) or self._initial(w)
            for w in parts
        ):
            return None
        start, stop = words[first].start, words[last].end
        if first == last and self._grammar_opening(words[first]):
            # "Nous avons considéré que …", "On estime que …": someone the article does not
            # name speaks.
            return Mention(
                start, stop, self.text[start:stop], "anonymous", None, words[first].lower
            )
        return Mention(start, stop, self.text[start:stop], "name")

    def _grammar_opening(self, word: Word) -> bool:
        """Whether ``word`` opens its sentence and is one of the language's stop words
        (``Mais``, ``Nous``, ``On``, ``Certains``): capitalised there as any word is, it names
        no one, unless it is the surname of a person of the article (``May said``)."""
        before = self.text[: word.start].rstrip(SPACES)
        opening = not before or before[-1] in _SENTENCE_END
        language = self.lexicon.language
        return (
            opening
            and language is not None
            and word.lower in stop_words(language)
            and not self._surname(word)
        )

    def _initial(self, word: Word) -> bool:
        """Whether ``word`` is a capital initial with its period (the G of ``G.K.``)."""
        if len(word.text) != 1 or not word.text.isupper():
            return False
        return _INITIAL.match(self.text, word.end - 1, word.end + 1) is not None

    def _name_word(self, word: str, *, institutions: bool = False) -> bool:
        """Whether each part of ``word`` is capitalised or a particle, and none a common word
        (with ``institutions``, organisation nouns are names: Commission)."""
        # An elided particle (d'Estaing) and a glued 's (Moody's) are parts of one letter; a
        # particle alone (Le) is no name.
        named = False
        for part in _NAME_PARTS.split(word.strip()):
            lower = part.lower()
            if len(part) < 2 or lower in self.lexicon.particles:
                continue
            if not part[:1].isupper() or self._common(lower):
                return institutions and lower in self.lexicon.org_nouns
            named = True
        return named

    def _common(self, lower: str) -> bool:
        """Whether a word is one of the language's common words a speaker phrase is made of."""
        lexicon = self.lexicon
        return (
            lower in lexicon.determiners
            or lower in lexicon.person_nouns
            or lower in lexicon.org_nouns
            or lower in lexicon.anonymous
            or lower in lexicon.pronouns
            or lower in lexicon.verbs
        )


def is_definite(phrase: str) -> bool:
    """Whether a noun phrase opens with a singular definite article (le, la, l', the)."""
    first = lower_words(phrase)[:1]
    return bool(first) and (first[0] in SINGULAR_DEFINITE or first[0][:2] in {"l'", "l’"})


def is_indefinite(phrase: str) -> bool:
    """Whether a noun phrase opens with an indefinite article (un, des, a)."""
    first = lower_words(phrase)[:1]
    return bool(first) and first[0] in INDEFINITE


def plural_after_the(words: list[str], stops: frozenset[str]) -> bool:
    """Whether a phrase opened by ``the``, which marks no number, has a plural head: its last
    word before a complement or a relative clause ends in ``s`` (``the organizations that …``,
    ``the officials of …``; not ``the press``, ``the bus``, ``the crisis``)."""
    if words[0] != "the":
        return False
    head = words[1]
    for word in words[2:]:
        if word in stops:
            break
        head = word
    return head.endswith("s") and not head.endswith(("ss", "us", "is", "'s", "’s"))


def described_speaker(mention: Mention) -> bool:
    """Whether ``mention`` names its speaker by words alone: a role, an organisation, an
    anonymous source, or any other phrase with an indefinite article (``un ténor de la
    droite``), someone new the article does not name."""
    return mention.kind in DESCRIBED or (mention.kind == "other" and is_indefinite(mention.text))


def complement_at(text: str, start: int, lexicon: QuoteLexicon) -> bool:
    """Whether the name at ``start`` follows a preposition: a complement (``un porte-parole de
    Macron``, ``d'Emmanuel Macron``, ``a spokesperson for Harris``), not a coordinated name."""
    before = re.search(r"(\w+['’]?)\s*$", text[max(0, start - 20) : start])
    word = before.group(1).lower() if before is not None else ""
    return word in lexicon.linking and word not in lexicon.coordinators


def lower_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def unelided(word: str) -> str:
    """``word`` without the article or preposition elided into it (``l'élue`` -> ``élue``,
    ``d'experts`` -> ``experts``)."""
    return re.split("['’]", word)[-1]


def back_over_spaces(text: str, pos: int, floor: int) -> int:
    while pos > floor and text[pos - 1] in SPACES:
        pos -= 1
    return pos


def subject_pronoun(lower: str, lexicon: QuoteLexicon) -> str | None:
    """The subject pronoun a word is, ends with after an elision or opens before a contracted
    auxiliary (``il``, ``qu'elle`` -> ``elle``, ``he’s`` -> ``he``)."""
    if lower in lexicon.pronouns:
        return lower
    for apostrophe in ("'", "’"):
        if apostrophe in lower:
            head, tail = lower.rsplit(apostrophe, 1)
            if tail in lexicon.pronouns:
                return tail
            if head in lexicon.pronouns and 0 < len(tail) <= MAX_CONTRACTION:
                return head
    return None


def pronoun_mention(word: Word, lexicon: QuoteLexicon) -> Mention | None:
    """The subject pronoun inside ``word`` as a mention of its own characters (``qu'elle`` ->
    ``elle``, ``He’s`` -> ``He``), or None."""
    pronoun = subject_pronoun(word.lower, lexicon)
    if pronoun is None:
        return None
    offset = 0 if word.lower.startswith(pronoun) else len(word.lower) - len(pronoun)
    start, end = word.start + offset, word.start + offset + len(pronoun)
    return Mention(start, end, word.text[offset : offset + len(pronoun)], "pronoun")


def phrase_pronoun(
    words: Sequence[Word], first: int, text: str, lexicon: QuoteLexicon
) -> Mention | None:
    """The pronoun of two words opening at ``words[first]`` (``ce dernier``, ``cette
    dernière``), as a mention of its characters, or None."""
    if first < 0 or first + 1 >= len(words):
        return None
    pair = f"{words[first].lower} {words[first + 1].lower}"
    if pair not in lexicon.pronouns or text[words[first].end : words[first + 1].start] != " ":
        return None
    start, end = words[first].start, words[first + 1].end
    return Mention(start, end, text[start:end], "pronoun")
