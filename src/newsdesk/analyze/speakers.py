"""Speaker mentions around a cue, and their resolution to the people and organisations of the
article.

A mention is what the text says of the speaker: a name the entity finder found, a pronoun, a noun
phrase (``le chef de l'OTAN``, ``the ministry``, ``des sources diplomatiques``) or a capitalised
name the model missed. Resolution uses what the article says of each person:

- gender, from an honorific before a mention (``Mme``, ``Mr.``), a gendered role written next to
  the name (``l'ambassadrice américaine …, Julianne Smith``) or the first name;
- roles, from appositions (``Le chef de l'OTAN, Jens Stoltenberg,``; ``Smith, the senator,``).

A pronoun goes to the last speaker when gender and number allow, else to the last person of its
gender named before it; a role to the person introduced with it, else to the last speaker of a
compatible gender; an organisation noun to the organisation whose name contains it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from newsdesk.analyze.lexicon import Gender, QuoteLexicon
from newsdesk.analyze.quotemarks import Spans, Word, word_ending, word_from
from newsdesk.records import Entity, name_key

MentionKind = Literal["entity", "pronoun", "person", "organisation", "anonymous", "name", "other"]

_SPACES = " \t\n\u00a0\u202f\u2009"
_STOP = re.compile(r"[;:.!?()\[\]«»\"“”„\n]")
# Longest apposition skipped between a subject and its verb (``Smith, the senator from Ohio,``).
MAX_APPOSITION_CHARS = 160
MAX_NOUN_PHRASE_WORDS = 8
# How far back a pronoun or a noun looks for the person or organisation it stands for, when it
# is not the current speaker.
SALIENCE_CHARS = 1000
_INITIALS = re.compile(r"^(?:[^\W\d_](?: |$))+")
# Salience of people for a pronoun: a subject counts as named this many characters later, the
# current speaker as named this many characters before the pronoun.
SUBJECT_BONUS = 150
SPEAKER_DISTANCE = 200
SINGULAR_DEFINITE = frozenset({"le", "la", "l'", "l’", "the"})


@dataclass(frozen=True)
class Mention:
    """The speaker as written, with what kind of words name it."""

    start: int
    end: int
    text: str
    kind: MentionKind
    entity: Entity | None = None
    noun: str | None = None  # the role, organisation or anonymous noun that heads a phrase


@dataclass
class _Person:
    entity: Entity
    genders: Counter[Gender]
    roles: set[str]
    # The words written around the role (président américain, ministre de la Santé): they tell
    # two holders of one role apart.
    role_words: set[str] = field(default_factory=set)

    @property
    def gender(self) -> Gender | None:
        if not self.genders:
            return None
        (top, count), *rest = self.genders.most_common()
        return None if rest and rest[0][1] == count else top


class SpeakerResolver:
    """Mentions and resolution over one article."""

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
        self.mentions = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda t: t[0]
        )
        self.mention_starts = [m[0] for m in self.mentions]
        self.mention_ends = sorted((m[1], i) for i, m in enumerate(self.mentions))
        # Where mentions in subject position start (the parse tells; empty without one).
        self.subjects: frozenset[int] = frozenset()
        self.people: dict[str, _Person] = {}
        for entity in entities:
            if entity.label == "PER":
                self.people[entity.id] = self._profile(entity)

    # --- what the article says of each person ------------------------------------------------

    def _profile(self, entity: Entity) -> _Person:
        genders: Counter[Gender] = Counter()
        roles: set[str] = set()
        role_words: set[str] = set()
        lexicon, text = self.lexicon, self.text
        for mention in entity.mentions:
            before = text[max(0, mention.start - 100) : mention.start]
            for honorific, gender in lexicon.honorifics.items():
                if before.rstrip(_SPACES).endswith(honorific) and before[-1:] in _SPACES:
                    genders[gender] += 2
            # "l'ambassadrice américaine auprès de l'OTAN, Julianne Smith": the role closest
            # to the name, within the same clause.
            clause = re.split(r"[.;:!?()\n«»\"“”]", before)[-1]
            for i, word in enumerate(reversed(clause_words := _words(clause))):
                if word in lexicon.person_nouns:
                    roles.add(word)
                    # with the two words before it: "Premier ministre", "haute commissaire"
                    role_words.update(clause_words[max(0, len(clause_words) - 3 - i) :])
                    role_gender = lexicon.person_nouns[word]
                    if role_gender:
                        genders[role_gender] += 1
                    break
            after = text[mention.end : mention.end + 80]
            apposition = re.match(r"\s*,\s*([^,.;:()]{2,70})", after)
            if apposition:
                for word in (appositive := _words(apposition.group(1)))[:4]:
                    if word in lexicon.person_nouns:
                        roles.add(word)
                        role_words.update(appositive)
                        role_gender = lexicon.person_nouns[word]
                        if role_gender:
                            genders[role_gender] += 1
                        break
        first = name_key(entity.name).split()
        if len(first) >= 2 and first[0] in lexicon.first_names:
            genders[lexicon.first_names[first[0]]] += 1
        return _Person(entity, genders, roles, role_words - lexicon.determiners)

    # --- mentions around a cue -----------------------------------------------------------------

    def entity_ending(self, end: int) -> tuple[int, int, Entity] | None:
        """The entity mention that ends at ``end`` (spaces and a possessive allowed)."""
        i = bisect_right(self.mention_ends, (end, len(self.mentions))) - 1
        while i >= 0 and self.mention_ends[i][0] >= end - 3:
            start, stop, entity = self.mentions[self.mention_ends[i][1]]
            if not self.text[stop:end].strip(_SPACES + "'’s"):
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

    def mention_before(
        self, pos: int, sentence_start: int, words: Sequence[Word]
    ) -> Mention | None:
        """The subject that ends just before ``pos``: a name, a pronoun or a noun phrase, with
        appositions between commas and a few adverbs skipped."""
        text, lexicon = self.text, self.lexicon
        j = _back(text, pos, sentence_start)
        if j > sentence_start and text[j - 1] == ")":
            opening = text.rfind("(", max(sentence_start, j - 40), j)
            if opening != -1:
                j = _back(text, opening, sentence_start)  # "John Mica (R-Fla.) said"
        apposition: tuple[int, int] | None = None
        for _ in range(2):
            if j <= sentence_start or text[j - 1] != ",":
                break
            comma = text.rfind(",", max(sentence_start, j - 1 - MAX_APPOSITION_CHARS), j - 1)
            if comma == -1 or _STOP.search(text, comma, j - 1) or self._in_quote(comma):
                break
            apposition = apposition or (comma + 1, j - 1)
            j = _back(text, comma, sentence_start)
        for _ in range(2):  # adverbs between subject and verb: "Smith also said"
            k = word_ending(words, j)
            if k is None:
                break
            if words[k].lower in lexicon.adverbs or words[k].lower.endswith(
                lexicon.adverb_suffixes
            ):
                j = _back(text, words[k].start, sentence_start)
            else:
                break
        if apposition is not None:
            inside = self.entity_within(*apposition)
            if inside is not None and not text[apposition[0] : inside[0]].strip(_SPACES):
                start, stop, entity = inside
                return Mention(start, stop, text[start:stop], "entity", entity)
        found = self.entity_ending(j)
        k = word_ending(words, j)
        if k is not None:
            word = words[k]
            pronoun = _pronoun(word.lower, lexicon)
            if pronoun is not None:
                offset = len(word.lower) - len(pronoun)
                return Mention(word.start + offset, word.end, word.text[offset:], "pronoun")
        phrase = self._noun_phrase_before(j, sentence_start, words)
        if found is not None:
            start, stop, entity = found
            if phrase is not None and phrase.kind == "person" and phrase.start < start:
                return phrase  # "le porte-parole du Kremlin" speaks, not the Kremlin
            return Mention(start, stop, text[start:stop], "entity", entity)
        if phrase is not None:
            return phrase
        if k is not None:
            bare = self._bare_noun(words, k, sentence_start)
            if bare is not None:
                return bare
        return self._capitalised_before(j, sentence_start, words)

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
            if gap.strip(_SPACES + ".") or before in lexicon.verbs or before in lexicon.linking:
                break
            if before in lexicon.complementizers or _pronoun(before, lexicon):
                break
            first -= 1
        start, end = words[first].start, words[k].end
        return Mention(start, end, self.text[start:end], kind, None, head)

    def mention_after(
        self, pos: int, sentence_end: int, words: Sequence[Word], *, strict: bool = False
    ) -> Mention | None:
        """The subject written after a verb or a preposition (``a déclaré Stoltenberg``,
        ``said the minister``, ``selon elle``), a name in apposition preferred to a role
        (``a déclaré la maire de Nantes, Johanna Leroy``)."""
        text, lexicon = self.text, self.lexicon
        i = word_from(words, pos)
        if i is None or words[i].start >= sentence_end:
            return None
        gap = text[pos : words[i].start]
        if gap.strip(_SPACES) and not (strict and gap.strip(_SPACES) in {"'", "’"}):
            return None
        while (
            i + 1 < len(words)
            and self.is_adverb(words[i].lower)
            and not text[words[i].end : words[i + 1].start].strip(_SPACES)
        ):
            i += 1  # "a déclaré mardi Sylvie Marchand"
        word = words[i]
        pronoun = _pronoun(word.lower, lexicon)
        if pronoun is not None and pronoun == word.lower:
            return Mention(word.start, word.end, word.text, "pronoun")
        if word.lower in lexicon.complementizers:
            return None  # "arguing that …" names no one after the verb
        found = (
            self._name_after(word.start, sentence_end)
            or self._noun_phrase_after(i, sentence_end, words)
            or self._capitalised_after(i, sentence_end, words)
            or self._bare_noun_after(i, sentence_end, words)
        )
        if found is None:
            return None
        if found.kind != "entity" or found.entity is None or found.entity.label != "PER":
            named = self.apposition_after(found.end, sentence_end)
            if named is not None:
                return named
        return found

    def is_adverb(self, lower: str) -> bool:
        """Whether a word may stand between a verb and its subject or auxiliary."""
        return lower in self.lexicon.adverbs or lower.endswith(tuple(self.lexicon.adverb_suffixes))

    def _name_after(self, pos: int, sentence_end: int) -> Mention | None:
        """A name starting within a few words of ``pos``, after an honorific, a determiner or a
        role (``le ministre X``, ``budget director X``); a place after a role is the role's
        complement (``le procureur de Lyon``), not the speaker."""
        text, lexicon = self.text, self.lexicon
        honorifics = self._honorific_keys
        j = bisect_left(self.mention_starts, pos)
        while j < len(self.mentions):
            start, stop, entity = self.mentions[j]
            lead = text[pos:start]
            if start >= sentence_end or len(lead) > 60 or _STOP.search(lead) or "," in lead:
                return None
            lead_words = _words(lead)
            role = any(w in lexicon.person_nouns for w in lead_words)
            fits = len(lead_words) <= 5 and (
                role
                or all(
                    w in lexicon.determiners
                    or w.rstrip(".") in honorifics
                    or w in lexicon.connectors
                    or self.is_adverb(w)
                    for w in lead_words
                )
            )
            if not fits:
                return None
            if entity.label != "PER" and j + 1 < len(self.mentions):
                # "said Transport Secretary James Holloway": the person after the title
                nxt_start, nxt_stop, nxt = self.mentions[j + 1]
                between = text[stop:nxt_start]
                close = len(_words(between)) <= 3 and not _STOP.search(between)
                if nxt.label == "PER" and close and "," not in between:
                    return Mention(nxt_start, nxt_stop, text[nxt_start:nxt_stop], "entity", nxt)
            if entity.label == "PER" or not role:
                return Mention(start, stop, text[start:stop], "entity", entity)
            j += 1
        return None

    def apposition_after(self, end: int, sentence_end: int) -> Mention | None:
        """The person named between commas right after ``end`` (``la maire, Johanna Leroy,``)."""
        match = re.compile(r"[ \t\u00a0\u202f]*,[ \t\u00a0\u202f]*").match(self.text, end)
        if match is None:
            return None
        j = bisect_left(self.mention_starts, match.end())
        if j < len(self.mentions) and self.mentions[j][0] == match.end():
            start, stop, entity = self.mentions[j]
            if entity.label == "PER" and stop <= sentence_end:
                return Mention(start, stop, self.text[start:stop], "entity", entity)
        return None

    def apposition_end(self, end: int, sentence_end: int) -> int:
        """Where an apposition after a speaker ends (``Olivier Marchal, porte-parole du
        gouvernement,``): the position after it, or ``end`` when there is none."""
        match = re.compile(r"[ \t\u00a0\u202f]*,([^,;:.!?()«»\"“”\n]{2,90})").match(self.text, end)
        if match is None or match.end() > sentence_end:
            return end
        words = _words(match.group(1))
        if not words or len(words) > 9:
            return end
        named = self.apposition_after(end, sentence_end)
        if named is not None and named.end == match.end() - len(match.group(1)) + len(
            match.group(1).rstrip()
        ):
            return named.end
        if any(w in self.lexicon.person_nouns for w in words[:4]):
            return match.end()
        return end

    def _noun_phrase_before(
        self, end: int, sentence_start: int, words: Sequence[Word]
    ) -> Mention | None:
        """The noun phrase ending at ``end``: from its determiner, skipping determiners that
        open a complement (``Le chef de l'OTAN`` starts at ``Le``)."""
        k = word_ending(words, end)
        if k is None:
            return None
        first = k
        while first > 0 and k - first < MAX_NOUN_PHRASE_WORDS:
            before = words[first - 1]
            if before.start < sentence_start:
                break
            gap = self.text[before.end : words[first].start]
            if _STOP.search(gap) or "," in gap:
                break
            first -= 1
        for index in range(first, k + 1):
            if not self._opens_phrase(words[index]):
                continue
            if index > first and words[index - 1].lower in self.lexicon.linking:
                continue
            return self._phrase(words, index, k)
        return None

    def _opens_phrase(self, word: Word) -> bool:
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
        if not self._opens_phrase(words[i]):
            return None
        last = i
        while last + 1 < len(words) and last - i < MAX_NOUN_PHRASE_WORDS:
            nxt = words[last + 1]
            gap = self.text[words[last].end : nxt.start]
            if nxt.start >= sentence_end or _STOP.search(gap) or "," in gap:
                break
            # Right after its determiner a verb form is the noun ("un communiqué").
            verb = nxt.lower in self.lexicon.verbs and last > i
            if verb or nxt.lower in self.lexicon.complementizers:
                break
            last += 1
        return self._phrase(words, i, last)

    def _phrase(self, words: Sequence[Word], first: int, last: int) -> Mention | None:
        """A noun phrase ``words[first..last]`` opening with a determiner, by its head noun."""
        lexicon = self.lexicon
        start, end = words[first].start, words[last].end
        head: str | None = None
        kind: MentionKind = "other"
        for index in range(first, last + 1):
            lower = words[index].lower
            base = lower.split("'")[-1].split("’")[-1]
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
        if inside is not None:
            s, e, entity = inside
            # A person named in the phrase speaks (le ministre Gérald Darmanin); a named
            # organisation speaks unless a role heads the phrase (le porte-parole du Kremlin).
            if entity.label == "PER" or kind in {"other", "anonymous"}:
                return Mention(s, e, self.text[s:e], "entity", entity)
        elif kind == "other" and first == last:
            return None
        return Mention(start, end, self.text[start:end], kind, None, head)

    def _capitalised_before(
        self, end: int, sentence_start: int, words: Sequence[Word]
    ) -> Mention | None:
        k = word_ending(words, end)
        if k is None or not words[k].text[:1].isupper():
            return None
        first = k
        while first > 0 and words[first - 1].start >= sentence_start:
            gap = self.text[words[first - 1].end : words[first].start]
            prev = words[first - 1]
            if gap.strip(_SPACES) or not (
                prev.text[:1].isupper() or prev.lower in self.lexicon.particles
            ):
                break
            first -= 1
        while first < k and (
            words[first].lower in self.lexicon.particles or self._honorific_at(words[first])
        ):
            first += 1
        if words[first].start == sentence_start and first == k:
            return None  # a capitalised word opening a sentence may be anything
        start, stop = words[first].start, words[k].end
        return Mention(start, stop, self.text[start:stop], "name")

    def _capitalised_after(
        self, i: int, sentence_end: int, words: Sequence[Word]
    ) -> Mention | None:
        if not words[i].text[:1].isupper():
            return None
        last = i
        while last + 1 < len(words) and words[last + 1].start < sentence_end:
            gap = self.text[words[last].end : words[last + 1].start]
            nxt = words[last + 1]
            if gap.strip(_SPACES) and gap.strip(_SPACES) != ".":
                break
            if not (nxt.text[:1].isupper() or nxt.lower in self.lexicon.particles):
                break
            last += 1
        while last > i and words[last].lower in self.lexicon.particles:
            last -= 1
        first = i
        while first < last and self._honorific_at(words[first]):
            first += 1  # "M. Caldwell": the name is "Caldwell"
        start, stop = words[first].start, words[last].end
        if self._honorific_at(words[first]):
            return None
        return Mention(start, stop, self.text[start:stop], "name")

    def _honorific_at(self, word: Word) -> bool:
        """Whether ``word`` (with the period after it, if any) is an honorific."""
        with_period = self.text[word.start : word.end + 1]
        return word.text in self.lexicon.honorifics or with_period in self.lexicon.honorifics

    def mention_in(self, start: int, end: int, words: Sequence[Word]) -> Mention | None:
        """The speaker a subject ``[start, end)`` names (the parse found it): a pronoun, a noun
        phrase by its head (a person named in it speaks), a named entity, a capitalised name."""
        first = word_from(words, start)
        if first is None or words[first].start >= end:
            return None
        last = first
        while last + 1 < len(words) and words[last + 1].end <= end:
            last += 1
        word = words[first]
        if first == last:
            pronoun = _pronoun(word.lower, self.lexicon)
            if pronoun is not None:
                offset = len(word.lower) - len(pronoun)
                return Mention(word.start + offset, word.end, word.text[offset:], "pronoun")
        if self._opens_phrase(word):
            phrase = self._phrase(words, first, last)
            if phrase is not None:
                return phrase
        inside = self.entity_within(words[first].start, words[last].end)
        if inside is not None:
            s, e, entity = inside
            return Mention(s, e, self.text[s:e], "entity", entity)
        while first < last and self._honorific_at(words[first]):
            first += 1
        if words[first].text[:1].isupper() and not self._honorific_at(words[first]):
            s, e = words[first].start, words[last].end
            return Mention(s, e, self.text[s:e], "name")
        return self._bare_noun(words, last, words[first].start)

    def subject_of(self, start: int, end: int, words: Sequence[Word]) -> Mention | None:
        """The speaker of a clause with no speech verb (before a colon): its first person named
        outside quotations, or the pronoun that opens it."""
        i = bisect_left(self.mention_starts, start)
        while i < len(self.mentions) and self.mentions[i][0] < end:
            s, e, entity = self.mentions[i]
            if entity.label == "PER" and not self._in_quote(s):
                return Mention(s, e, self.text[s:e], "entity", entity)
            i += 1
        k = word_from(words, start)
        if k is not None and words[k].start < end:
            pronoun = _pronoun(words[k].lower, self.lexicon)
            if pronoun is not None and pronoun == words[k].lower:
                return Mention(words[k].start, words[k].end, words[k].text, "pronoun")
        return None

    def is_speaker_like(self, mention: Mention) -> bool:
        """Whether a mention can only be someone who speaks (for ``Pour X, …``)."""
        if mention.kind == "entity":
            return mention.entity is not None and mention.entity.label in {"PER", "ORG"}
        return mention.kind in {"person", "pronoun", "name"}

    def _in_quote(self, pos: int) -> bool:
        return self.spans.containing(pos) is not None

    def person_between(self, start: int, end: int) -> bool:
        """Whether a person is named between ``start`` and ``end``, outside quotations."""
        i = bisect_left(self.mention_starts, start)
        while i < len(self.mentions) and self.mentions[i][0] < end:
            if self.mentions[i][2].label == "PER" and not self._in_quote(self.mentions[i][0]):
                return True
            i += 1
        return False

    # --- resolution -----------------------------------------------------------------------------

    def resolve(self, mention: Mention, pos: int, previous: Entity | None) -> Entity | None:
        """The entity a mention names, or None (anonymous, or nobody fits); a name the model
        cut short resolves to the article's fuller entity."""
        found = self._resolve(mention, pos, previous)
        return None if found is None else self.fuller(found)

    def _resolve(self, mention: Mention, pos: int, previous: Entity | None) -> Entity | None:
        if mention.kind == "entity":
            return mention.entity
        if mention.kind == "name":
            # "B. Obama", "J.-L. Mélenchon": initials before a surname are left to the match.
            key = _INITIALS.sub("", name_key(mention.text)).strip()
            people = [
                p.entity for p in self.people.values() if _ends_with(name_key(p.entity.name), key)
            ]
            return people[0] if len(people) == 1 else None
        if mention.kind == "pronoun":
            pronoun = _pronoun(mention.text.lower(), self.lexicon) or mention.text.lower()
            gender, number = self.lexicon.pronouns.get(pronoun, (None, "sg"))
            if number == "sg" and gender is not None:
                return self._person(min(pos, mention.start), gender, previous)
            return self._organisation(pos, previous)
        if mention.kind == "person":
            gender = self.lexicon.person_nouns.get(mention.noun or "")
            said = set(_words(mention.text)) - self.lexicon.determiners
            holders = [
                (len(said & p.role_words), self._last_before(p.entity, pos), p.entity)
                for p in self.people.values()
                if (mention.noun in p.roles or said & p.roles) and p.entity.mentions[0].start < pos
            ]
            if holders:
                return max(holders, key=lambda h: (h[0], h[1]))[2]
            # A role no one was introduced with: with a definite article and a gender (la
            # syndicaliste, la jeune femme) it points back to the most salient person of that
            # gender; otherwise (un ancien guide, le juge) the role as written is all the
            # article says.
            if _definite(mention.text):
                found = self._person(pos, gender, previous)
                near = found is not None and pos - self._last_before(found, pos) < SALIENCE_CHARS
                if found is not None and (near or found is previous):
                    return found
            return None
        if mention.kind == "organisation":
            inside = self.entity_within(mention.start, mention.end)
            if inside is not None:
                return inside[2]
            noun = name_key(mention.noun or "")
            orgs = [
                e
                for _, _, e in self.mentions
                if e.label in {"ORG", "LOC"} and noun in name_key(e.name).split()
            ]
            if orgs:
                return orgs[-1]
            # "l'agence", "le quotidien": the organisation the article was last speaking of,
            # when the noun heads a singular definite phrase.
            head = _words(mention.text)[:2]
            generic = mention.noun in self.lexicon.generic_org_nouns
            definite = (
                generic
                and bool(head)
                and (
                    (len(head) > 1 and head[0] in SINGULAR_DEFINITE and head[1] == mention.noun)
                    or head[0] in {f"{d}{mention.noun}" for d in SINGULAR_DEFINITE}
                )
            )
            return self._salient_organisation(min(pos, mention.start)) if definite else None
        return None

    def salient_person(self, pos: int) -> Mention | None:
        """The person named last before ``pos`` outside quotations, within twice
        ``SALIENCE_CHARS`` of text outside quotations: who a quoted paragraph with no cue is
        most likely from (an interview's answers, a testimony)."""
        i = bisect_left(self.mention_starts, pos) - 1
        while i >= 0:
            start, end, entity = self.mentions[i]
            quoted = sum(
                min(pos, span.close) - max(start, span.open)
                for span in self.spans.overlapping(start, pos)
            )
            if pos - start - quoted > 2 * SALIENCE_CHARS:
                break
            named = len(entity.name.split()) > 1 or len(entity.mentions) > 1
            if entity.label == "PER" and named and not self._in_quote(start):
                return Mention(start, end, self.text[start:end], "entity", entity)
            i -= 1
        return None

    def _salient_organisation(self, pos: int) -> Entity | None:
        """The organisation named last before ``pos`` outside quotations, if it was named
        within ``SALIENCE_CHARS``."""
        i = bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i][0] >= pos - SALIENCE_CHARS:
            start, _, entity = self.mentions[i]
            if entity.label == "ORG" and not self._in_quote(start):
                return entity
            i -= 1
        return None

    def name(self, entity: Entity | None, mention: Mention | None) -> str | None:
        """The canonical speaker: the entity's name, a name the model missed, an organisation
        named by a phrase (``la préfecture des Landes`` -> ``préfecture des Landes``)."""
        if entity is not None:
            return entity.name
        if mention is None:
            return None
        if mention.kind == "name":
            return mention.text
        if mention.kind == "person" and not _definite(mention.text):
            return None  # "un ancien guide": someone the article does not name
        if mention.kind in {"organisation", "person"}:
            words = mention.text.split()
            if words and words[0].lower() in self.lexicon.determiners:
                words = words[1:]
            elif "'" in mention.text[:3] or "’" in mention.text[:3]:
                return mention.text[2:] if len(mention.text) > 2 else None
            return " ".join(words) or None
        return None

    def fuller(self, entity: Entity) -> Entity:
        """The entity of the article whose longer name ``entity``'s opens (``Commission`` ->
        ``Commission européenne``, ``Marie-Pierre`` -> ``Marie-Pierre Dausse``), the most
        mentioned if several, else ``entity`` itself."""
        key = name_key(entity.name)
        longer = [
            e
            for e in self.entities
            if e.label == entity.label
            and (name_key(e.name).startswith(key + " ") or _acronym_of(entity.name, e.name))
        ]
        return max(longer, key=lambda e: len(e.mentions)) if longer else entity

    def _last_before(self, entity: Entity, pos: int) -> int:
        return max((m.start for m in entity.mentions if m.start < pos), default=-1)

    def _person(self, pos: int, gender: Gender | None, previous: Entity | None) -> Entity | None:
        """The person a pronoun or a role before ``pos`` stands for, by salience: people of a
        fitting gender (a known, equal gender first), each weighed by its last mention before
        ``pos`` outside quotations, a mention as a subject counting as if it were
        ``SUBJECT_BONUS`` characters later, and the current speaker as if named
        ``SPEAKER_DISTANCE`` characters before ``pos``."""

        def fits(entity: Entity) -> bool:
            person = self.people.get(entity.id)
            return person is not None and (gender is None or person.gender in {None, gender})

        candidates: list[tuple[bool, int, Entity]] = []
        for person in self.people.values():
            if not fits(person.entity):
                continue
            weight = max(
                (
                    m.start + (SUBJECT_BONUS if m.start in self.subjects else 0)
                    for m in person.entity.mentions
                    if m.start < pos and not self._in_quote(m.start)
                ),
                default=-1,
            )
            if person.entity is previous:
                weight = max(weight, pos - SPEAKER_DISTANCE)
            if weight >= 0:
                exact = gender is not None and person.gender == gender
                candidates.append((exact, weight, person.entity))
        if not candidates:
            return None
        return max(candidates, key=lambda c: (c[0], c[1]))[2]

    def _last_outside(self, entity: Entity, pos: int) -> int:
        """Where ``entity`` was last named before ``pos`` outside quotations (-1: never)."""
        return max(
            (m.start for m in entity.mentions if m.start < pos and not self._in_quote(m.start)),
            default=-1,
        )

    def _organisation(self, pos: int, previous: Entity | None) -> Entity | None:
        if previous is not None and previous.label in {"ORG", "LOC"}:
            return previous
        before = [e for s, _, e in self.mentions if s < pos and e.label == "ORG"]
        return before[-1] if before else None


def _acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` is the acronym of ``long`` (``OMS``, ``Organisation mondiale de la
    santé``): the initials of its capitalised words, or of all its words but short ones.

    >>> _acronym_of("OMS", "Organisation mondiale de la santé"), _acronym_of("EU", "Europe")
    (True, False)
    """
    if len(short) < 2 or not short.isupper() or not short.isalpha():
        return False
    words = re.findall(r"[^\W\d_]+", long)
    capitals = "".join(w[0] for w in words if w[0].isupper())
    initials = "".join(w[0] for w in words if len(w) > 3 or w[0].isupper())
    return len(words) > 1 and short in {capitals.upper(), initials.upper()}


def _definite(phrase: str) -> bool:
    """Whether a noun phrase opens with a singular definite article (le, la, l', the)."""
    first = _words(phrase)[:1]
    return bool(first) and (first[0] in SINGULAR_DEFINITE or first[0][:2] in {"l'", "l’"})


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text)]


def _back(text: str, pos: int, floor: int) -> int:
    while pos > floor and text[pos - 1] in _SPACES:
        pos -= 1
    return pos


def _pronoun(lower: str, lexicon: QuoteLexicon) -> str | None:
    """The subject pronoun a word is or ends with (``il``, ``qu'elle`` -> ``elle``)."""
    if lower in lexicon.pronouns:
        return lower
    for apostrophe in ("'", "’"):
        if apostrophe in lower:
            tail = lower.rsplit(apostrophe, 1)[1]
            if tail in lexicon.pronouns:
                return tail
    return None


def _ends_with(full: str, short: str) -> bool:
    f, s = full.split(), short.split()
    return bool(s) and len(s) <= len(f) and f[-len(s) :] == s
