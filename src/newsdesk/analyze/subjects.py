"""The speaker mention of a cue: the subject written before the verb (with appositions and
adverbs skipped), after it (``a déclaré Stoltenberg``, ``said the minister``, ``selon elle``), the
subject the parse found, or the first person of a clause with no speech verb."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from newsdesk.analyze.mentions import (
    SPACES,
    STOP,
    ArticleMentions,
    Mention,
    back_over_spaces,
    complement_at,
    is_definite,
    lower_words,
    phrase_pronoun,
    pronoun_mention,
    subject_pronoun,
    unelided,
)
from newsdesk.analyze.quotemarks import Word, word_ending, word_from
from newsdesk.records import Entity

# A determiner and a lower-case noun before a capitalised word (``le commandant Éric``).
_RANK = re.compile(r"(?:\w+['’]|\w+\s+)?[a-zà-ÿ-]+\s+(?=[A-ZÀ-Ý])")
# Longest apposition skipped between a subject and its verb (``Smith, the senator from Ohio,``).
MAX_APPOSITION_CHARS = 160
# Longest adjunct skipped between a verb and the role after it (``a déclaré à cette occasion``).
MAX_ADJUNCT_WORDS = 3
# Linking words that open a complement or a coordination, never an adjunct.
_NO_ADJUNCT = frozenset({"de", "d'", "d’", "du", "des", "et", "ou", "of", "and", "or"})
# A capitalised abbreviation with its period (Rep., Sen., Gov., Lt.).
_ABBREVIATION = re.compile(r"\b([A-Z][a-z]{0,3})\.")
# A short capitalised abbreviation with its period, in an apposition (R-Ky., D-Calif., Jr.).
_SHORT_ABBREVIATION = re.compile(r"\b([A-Z][a-z]{0,4})\.(?=[\s,]|$)")
# A name glued to a lower-case word by a hyphen modifies the noun after it (the London-based
# institute, a US-led coalition).
_COMPOUND = re.compile(r"[-‐][^\W\d_A-ZÀ-Þ][\w-]*[ \t\u00a0]+")


class SpeakerMentions(ArticleMentions):
    """Finds the mention that names the speaker of a cue."""

    def mention_before(
        self, pos: int, sentence_start: int, words: Sequence[Word]
    ) -> Mention | None:
        """The subject that ends just before ``pos``: a name, a pronoun or a noun phrase, with
        appositions between commas and a few adverbs skipped."""
        text, lexicon = self.text, self.lexicon
        j = self._past_parenthesis(back_over_spaces(text, pos, sentence_start), sentence_start)
        apposition: tuple[int, int] | None = None
        for _ in range(2):
            if j <= sentence_start or text[j - 1] != ",":
                break
            comma = text.rfind(",", max(sentence_start, j - 1 - MAX_APPOSITION_CHARS), j - 1)
            # an abbreviation's period stops no apposition ("Sen. Rand Paul, R-Ky., said")
            between = _SHORT_ABBREVIATION.sub(r"\1", text[comma : j - 1]) if comma != -1 else ""
            if comma == -1 or STOP.search(between) or self._in_quote(comma):
                break
            apposition = apposition or (comma + 1, j - 1)
            # "Rep. John Mica (R-Fla.), a panel member, said"
            j = back_over_spaces(text, comma, sentence_start)
            j = self._past_parenthesis(j, sentence_start)
        for _ in range(2):  # adverbs between subject and verb: "Smith also said", "X ne dit"
            k = word_ending(words, j)
            if k is None:
                break
            if (
                words[k].lower in lexicon.adverbs
                or (
                    words[k].lower.endswith(lexicon.adverb_suffixes) and not self._noun_at(words, k)
                )
                or words[k].lower in lexicon.restrictive
            ):
                j = back_over_spaces(text, words[k].start, sentence_start)
            else:
                break
        found = self.entity_ending(j)
        if apposition is not None:
            inside = self.entity_within(*apposition)
            # "Le porte-parole, Olivier Marchal, a dit": the name in apposition; not a title
            # the model took for a name after a person's ("Guillaume Goubert, Directeur du
            # journal La Croix, commentait").
            person = found is not None and found[2].label == "PER"
            if (
                inside is not None
                and not text[apposition[0] : inside[0]].strip(SPACES)
                and (inside[2].label == "PER" or not person)
            ):
                start, stop, entity = inside
                return Mention(start, stop, text[start:stop], "entity", entity)
        k = word_ending(words, j)
        if k is not None:
            pronoun = phrase_pronoun(words, k - 1, text, lexicon) or pronoun_mention(
                words[k], lexicon
            )
            if pronoun is not None:
                return pronoun
        phrase = self._noun_phrase_before(j, sentence_start, words)
        if found is not None:
            start, stop, entity = found
            if phrase is not None and phrase.start < start and _heads(phrase, entity):
                return phrase
            return Mention(start, stop, text[start:stop], "entity", entity)
        if phrase is not None:
            return phrase
        if k is not None:
            bare = self._bare_noun(words, k, sentence_start)
            if bare is not None:
                return bare
        verb_next = j == back_over_spaces(text, pos, sentence_start)
        return self._capitalised_before(j, sentence_start, words, verb_next=verb_next)

    def _noun_at(self, words: Sequence[Word], k: int) -> bool:
        """Whether a word with an adverb's ending is a noun: an organisation's noun, or after a
        determiner (``le gouvernement``, ``ce mouvement``, ``the family``)."""
        if words[k].lower in self.lexicon.org_nouns:
            return True
        return (
            k > 0
            and self.opens_phrase(words[k - 1])
            and not self.text[words[k - 1].end : words[k].start].strip(SPACES)
        )

    def _past_parenthesis(self, j: int, sentence_start: int) -> int:
        """``j`` moved before a short parenthesis ending there (``John Mica (R-Fla.) said``)."""
        if j > sentence_start and self.text[j - 1] == ")":
            opening = self.text.rfind("(", max(sentence_start, j - 40), j)
            if opening != -1:
                return back_over_spaces(self.text, opening, sentence_start)
        return j

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
        if gap.strip(SPACES) and not (strict and gap.strip(SPACES) in {"'", "’"}):
            return None
        # "a déclaré mardi Sylvie Marchand"; a pronoun also read as an adverb before a verb
        # ("il lui a dit") is the speaker after one ("selon lui la réforme …").
        while (
            i + 1 < len(words)
            and self.is_adverb(words[i].lower)
            and words[i].lower not in lexicon.pronouns
            and not text[words[i].end : words[i + 1].start].strip(SPACES)
        ):
            i += 1
        if not strict:
            i = self._past_addressee(i, sentence_end, words)
        word = words[i]
        two_words = phrase_pronoun(words, i, text, lexicon)  # "selon ce dernier"
        if two_words is not None:
            return two_words
        pronoun = subject_pronoun(word.lower, lexicon)
        if pronoun is not None and pronoun == word.lower:
            if lexicon.bare_clause and self._clause_follows(word.end, sentence_end, words, True):
                return None  # "said she expects …": the subject of what was said
            return Mention(word.start, word.end, word.text, "pronoun")
        if word.lower in lexicon.complementizers:
            return None  # "arguing that …" names no one after the verb
        found = (
            self._name_after(word.start, sentence_end)
            or self._noun_phrase_after(i, sentence_end, words)
            or self._capitalised_after(i, sentence_end, words)
            or self._bare_noun_after(i, sentence_end, words)
            or self._role_after_adjunct(i, sentence_end, words)
        )
        if found is not None and found.kind == "entity":
            glued = _COMPOUND.match(text, found.end)
            if glued is not None:  # "according to the London-based Energy Institute"
                return self.mention_after(glued.end(), sentence_end, words, strict=strict)
        if found is None or self._clause_follows(found.end, sentence_end, words):
            return None
        # "a déclaré la maire de Nantes, Johanna Leroy": the name in apposition speaks; not
        # after an organisation's noun ("l'entourage de la ministre, X": X's aides speak).
        collective = found.kind == "organisation" or found.noun in lexicon.org_nouns
        if not collective and (
            found.kind != "entity" or found.entity is None or found.entity.label != "PER"
        ):
            named = self.apposition_after(found.end, sentence_end)
            if named is not None:
                return named
        return found

    def _past_addressee(self, i: int, sentence_end: int, words: Sequence[Word]) -> int:
        """The word after an addressee written between a verb and its subject (``a déclaré à
        l'AFP le ministre``, ``confie à franceinfo Marie Durand``), or ``i`` when none: a
        named addressee is passed whole, an unnamed one of one word only when a person's name
        follows it (others, ``à la presse``, are read by ``_role_after_adjunct``)."""
        if words[i].lower not in self.lexicon.addressees or i + 1 >= len(words):
            return i
        k = bisect_left(self.mention_starts, words[i].end)
        if k < len(self.mentions):
            start, end, entity = self.mentions[k]
            if entity.label != "PER" and start < words[i + 1].end:
                after = word_from(words, end)
                return after if after is not None and words[after].start < sentence_end else i
        j = i + 2  # one word: "à franceinfo Marie Durand"
        if j < len(words) and words[j].start < sentence_end:
            named = self.mention_at(words[j].start)
            if named is not None and named[2].label == "PER":
                return j
        return i

    def _role_after_adjunct(
        self, i: int, sentence_end: int, words: Sequence[Word]
    ) -> Mention | None:
        """A role or an organisation written after a short adjunct that follows the verb
        (``a déclaré à cette occasion le ministre``, ``a indiqué à la presse la préfecture``):
        the adjunct opens with a preposition and holds at most ``MAX_ADJUNCT_WORDS`` words
        before a definite phrase that ends the clause."""
        lexicon = self.lexicon
        if words[i].lower not in lexicon.linking or words[i].lower in _NO_ADJUNCT:
            return None
        for j in range(i + 2, min(i + 2 + MAX_ADJUNCT_WORDS, len(words))):
            gap = self.text[words[j - 1].end : words[j].start]
            if words[j].start >= sentence_end or STOP.search(gap) or "," in gap:
                return None
            if words[j - 1].lower in lexicon.linking or not is_definite(words[j].text):
                continue
            found = self._noun_phrase_after(j, sentence_end, words)
            if found is not None and found.kind in {"person", "organisation", "anonymous"}:
                return found
        return None

    def _clause_follows(
        self, end: int, sentence_end: int, words: Sequence[Word], any_word: bool = False
    ) -> bool:
        """Whether a finite verb (``any_word``: any word) follows ``end`` (``said Trump was
        …``, ``said she expects …``): what came after the cue is the subject of the reported
        clause, not the speaker."""
        i = word_from(words, end)
        if i is None or words[i].start >= sentence_end:
            return False
        return not self.text[end : words[i].start].strip(SPACES) and (
            any_word or words[i].lower in self.lexicon.finite_markers
        )

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
            # an abbreviated title keeps its period (said Rep. G.K. Butterfield)
            bare = _ABBREVIATION.sub(r"\1", lead)
            if start >= sentence_end or len(lead) > 60 or STOP.search(bare) or "," in lead:
                return None
            lead_words = lower_words(lead)
            titles = {m.group(1).lower() for m in _ABBREVIATION.finditer(lead)}
            role = any(w in lexicon.person_nouns or w in titles for w in lead_words)
            fits = len(lead_words) <= 5 and (
                role
                or all(
                    w in lexicon.determiners
                    or f"{w}'" in lexicon.determiners  # elided before the name: l'OMS
                    or w.rstrip(".") in honorifics
                    or w in lexicon.connectors
                    or self.is_adverb(w)
                    for w in lead_words
                )
            )
            if not fits:
                return None
            if role and entity.label == "PER" and complement_at(self.text, start, self.lexicon):
                return None  # "selon un proche d'Edouard Philippe": the role speaks
            if entity.label != "PER" and j + 1 < len(self.mentions):
                # "said Transport Secretary James Holloway": the person after the title
                nxt_start, nxt_stop, nxt = self.mentions[j + 1]
                between = text[stop:nxt_start]
                close = len(lower_words(between)) <= 3 and not STOP.search(between)
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
        found = self.mention_at(self.past_title(self._past_rank(match.end())))
        if found is not None:
            start, stop, entity = found
            # closed by a comma or the sentence's end, not the subject of what follows
            # ("…, selon un proche, Jean-Paul Delevoye se montre redoutable")
            closed = not self.text[stop:sentence_end].strip(SPACES + '.!?»"”') or (
                self.text[stop:sentence_end].lstrip(SPACES).startswith((",", "(", ")", "–", "—"))
            )
            if entity.label == "PER" and stop <= sentence_end and closed:
                return Mention(start, stop, self.text[start:stop], "entity", entity)
        return None

    def _past_rank(self, pos: int) -> int:
        """``pos`` moved past a definite role of one noun written before a name in apposition
        (``…, le commandant Éric Brocardi``, ``…, the lawyer Ann Lee``), or ``pos``."""
        found = _RANK.match(self.text, pos)
        if found is None:
            return pos
        words = found.group(0).lower().replace("’", "'").split()
        article = unelided(words[0]) != words[0] or words[0] in self.lexicon.determiners
        noun = unelided(words[-1])
        if article and len(words) <= 2 and noun in self.lexicon.person_nouns:
            return found.end()
        return pos

    def past_title(self, pos: int) -> int:
        """``pos`` moved past an honorific or an abbreviated title written there before a name
        (``Me Thomas Guérin``, ``Dr Anne Roux``, ``Sen. Ann Lee``), or ``pos`` when none."""
        for title in (*self.lexicon.honorifics, *self.lexicon.title_abbreviations):
            end = pos + len(title)
            if self.text.startswith(title, pos) and self.text[end : end + 1] in SPACES:
                return len(self.text) - len(self.text[end:].lstrip(SPACES))
        return pos

    def apposition_end(self, end: int, sentence_end: int) -> int:
        """Where an apposition after a speaker ends (``Olivier Marchal, porte-parole du
        gouvernement,``): the position after it, or ``end`` when there is none."""
        match = re.compile(r"[ \t\u00a0\u202f]*,([^,;:.!?()«»\"“”\n]{2,90})").match(self.text, end)
        if match is None or match.end() > sentence_end:
            return end
        words = lower_words(match.group(1))
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
            pronoun = pronoun_mention(word, self.lexicon)
            if pronoun is not None:
                return pronoun
        if first + 1 == last:
            pronoun = phrase_pronoun(words, first, self.text, self.lexicon)
            if pronoun is not None:
                return pronoun
        ending = self.entity_ending(words[last].end)
        if ending is not None and ending[0] < word.start:
            # "Marine Le Pen": a name whose first words the parse left out of the subject
            s, e, entity = ending
            return Mention(s, e, self.text[s:e], "entity", entity)
        if self.opens_phrase(word):
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
            named = self._name(words, first, last)
            if named is not None:
                return named
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
            pronoun = subject_pronoun(words[k].lower, self.lexicon)
            if pronoun is not None and pronoun == words[k].lower:
                return Mention(words[k].start, words[k].end, words[k].text, "pronoun")
        return None

    def is_speaker_like(self, mention: Mention) -> bool:
        """Whether a mention can only be someone who speaks (for ``Pour X, …``)."""
        if mention.kind == "entity":
            return mention.entity is not None and mention.entity.label in {"PER", "ORG"}
        return mention.kind in {"person", "pronoun", "name"}


def _heads(phrase: Mention, entity: Entity) -> bool:
    """Whether a noun phrase that ends with a named entity speaks rather than the entity: a
    role (``le porte-parole du Kremlin``), or an organisation of a place (``le parquet de
    Lyon``, ``la mairie de Marseille``: the place is only where the institution sits), or any
    phrase that holds a place after a preposition (``an investigation in Sweden``)."""
    return phrase.kind == "person" or (
        phrase.kind in {"organisation", "other"} and entity.label == "LOC"
    )
