"""Speakers that are organisations: what a plural pronoun, a generic noun (``l'agence``) or a
document (``le rapport``, ``the statement``) stands for in one article."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterator
from functools import cached_property

from newsdesk.analyze.datelines import dateline_agencies
from newsdesk.analyze.lexicon import lexicon_for
from newsdesk.analyze.mentions import (
    SENTENCE_BREAK,
    SINGULAR_DEFINITE,
    Mention,
    is_definite,
    lower_words,
    unelided,
)
from newsdesk.analyze.subjects import SpeakerMentions
from newsdesk.records import Entity, name_key

# How far back a pronoun or a noun looks for the organisation it stands for, when it is not
# the current speaker.
SALIENCE_CHARS = 1000


class OrganisationSpeakers(SpeakerMentions):
    """Resolution of the mentions that name an organisation, over one article."""

    @cached_property
    def _grammar(self) -> frozenset[str]:
        """Words between a document and its author (de l', of the), apostrophes dropped."""
        return frozenset(w.rstrip("'’") for w in self.lexicon.linking | self.lexicon.determiners)

    def _salient_organisation(self, pos: int) -> Entity | None:
        """The organisation named last before ``pos`` outside quotations, if it was named
        within ``SALIENCE_CHARS``; an office the model labelled ORG (``ministre des
        Transports``) is a person's, no organisation's."""
        return next(self._organisations_before(pos, {"ORG"}), None)

    def _organisations_before(self, pos: int, labels: set[str]) -> Iterator[Entity]:
        """The entities of ``labels`` named before ``pos`` outside quotations within
        ``SALIENCE_CHARS``, the last named first; no office the model took for a name."""
        i = bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i][0] >= pos - SALIENCE_CHARS:
            start, _, entity = self.mentions[i]
            office = self.names_office(entity.name) is not None
            if entity.label in labels and not office and not self._in_quote(start):
                yield entity
            i -= 1

    def thing_subject(self, pos: int, people: Container[str]) -> Entity | None:
        """The organisation or named thing subject of the sentence before ``pos`` or of its
        own (``L'AG Éducation organise une conférence salle Louise Michel. Elle appelle …``):
        a pronoun opening the next sentence goes on with that subject; None when a person (an
        entity whose id is in ``people``, or labelled so) is a subject since."""
        i = bisect_left(self.mention_starts, pos) - 1
        while i >= 0:
            start, _, entity = self.mentions[i]
            i -= 1
            if self._in_quote(start) or start not in self.subjects:
                continue
            ends = len(SENTENCE_BREAK.findall(self.text, start, pos))
            if ends > 1 or entity.id in people or entity.label not in {"ORG", "MISC"}:
                return None
            if any(m.start <= start < m.end for m in self.role_subjects):
                return None  # "La secrétaire nationale des Écologistes": a person's role
            if self.names_office(entity.name) is not None:
                return None  # "Le Premier ministre" (MISC): someone's office
            return entity if start in self.main_subjects else None
        return None

    def _of_kind(self, noun: str, pos: int, previous: Entity | None) -> Entity | None:
        """What a generic noun alone stands for (``le quotidien``, ``l'agence``, ``the
        airline``). A media noun: the current speaker when it is an outlet, else the outlet
        named last within ``SALIENCE_CHARS``, else the current speaker when a named thing
        (``écrit Le Canard enchaîné. Le journal satirique révèle …``), else the organisation
        named last (``le Figaro s'interroge … le quotidien estime``). Another noun: the
        organisation named last, no outlet unless the noun names outlets too (the airline
        in a story an agency signs is not the agency)."""
        if noun in self.lexicon.media_nouns:
            if previous is not None and self.is_outlet(previous):
                return previous
            outlets = (
                e for e in self._organisations_before(pos, {"ORG", "MISC"}) if self.is_outlet(e)
            )
            found = next(outlets, None)
            if found is None and previous is not None and previous.label in {"ORG", "MISC"}:
                return previous
            return found or self._salient_organisation(pos)
        if noun in self.lexicon.media_or_other_nouns:
            return self._salient_organisation(pos)
        others = [
            e
            for e in self._organisations_before(pos, {"ORG"})
            if not self.is_outlet(e) and not self._other_kind(e, noun)
        ]
        # A noun of a kind (la compagnie): one that was a subject (La SNCF a annoncé …) before
        # one only named in a complement (a-t-il lancé sur BFMTV).
        subjects = (
            e
            for e in others
            if noun in self.lexicon.org_kinds
            and any(m.start < pos and m.start in self.subjects for m in e.mentions)
        )
        return next(subjects, others[0] if others else None)

    def _other_kind(self, entity: Entity, noun: str) -> bool:
        """Whether the article introduced ``entity`` with a noun of another kind than ``noun``
        (``le syndicat SUD-Rail`` for ``la compagnie``): a noun written before one of its
        mentions with only lower-case words between, or the first word of its name
        (``l'Institut national de météorologie``)."""
        kinds = self.lexicon.org_kinds
        kind = kinds.get(noun)
        if kind is None:
            return False
        introduced = {
            kinds[w]
            for m in entity.mentions
            for w in self._words_before(m.start)
            if w.islower() and w in kinds
        }
        head = entity.name.split()[0].lower() if entity.name.split() else ""
        if head in kinds:
            introduced.add(kinds[head])
        return bool(introduced) and kind not in introduced

    @cached_property
    def _media_words(self) -> frozenset[str]:
        """Media nouns of the article's language and of English (outlets keep their names),
        in the form names are compared in."""
        return frozenset(map(name_key, self.lexicon.media_nouns | lexicon_for("en").media_nouns))

    @cached_property
    def _agencies(self) -> list[tuple[int, int]]:
        return dateline_agencies(self.text)

    def is_outlet(self, entity: Entity) -> bool:
        """Whether the article shows ``entity`` as a news outlet: a media noun among the words
        of its name (Wall Street Journal, Fox News), or before one of its mentions with only
        lower-case words between (``le quotidien britannique The Guardian``, ``journaliste du
        Monde``, ``a reporter for the Times``), or credited by a dateline (``PARIS (AFP) -``)."""
        media = self._media_words
        if any(w in media for w in name_key(entity.name).split()):
            return True
        for m in entity.mentions:
            if any(start <= m.start < end for start, end in self._agencies):
                return True
            if any(name_key(w) in media for w in self._words_before(m.start)):
                return True
        return False

    def _words_before(self, pos: int) -> list[str]:
        """The words right before ``pos``, at most four, back to the first not in lower case
        included (``le quotidien britannique The``: ``The``, ``britannique``, ``quotidien``)."""
        found: list[str] = []
        for word in reversed(re.findall(r"[^\W\d_]+", self.text[max(0, pos - 60) : pos])[-4:]):
            found.append(word)
            if not word.islower():
                break
        return found

    def _organisation(self, pos: int, previous: Entity | None) -> Entity | None:
        """What a plural pronoun stands for: the organisation speaking, else the one named
        last within ``SALIENCE_CHARS`` (farther back, "eux" is more likely people the article
        described than an institution it named once)."""
        if previous is not None and previous.label in {"ORG", "LOC"}:
            return previous
        return self._salient_organisation(pos)

    def _author(self, mention: Mention, pos: int) -> Entity | None:
        """Who a document speaks for (``le texte``, ``le rapport``, ``the statement``): the
        author named with the same noun before (``le documentaire d'Al Jazeera``), else the
        organisation named last within ``SALIENCE_CHARS``; None for any other phrase."""
        words = lower_words(mention.text)
        if not is_definite(mention.text) or not words:
            return None
        head = words[1] if len(words) > 1 and words[0] in SINGULAR_DEFINITE else words[0]
        noun = unelided(head)
        if noun not in self.lexicon.document_nouns:
            return None
        authored = [
            entity
            for start, end, entity in self.mentions
            if start < mention.start
            and entity.label in {"ORG", "PER"}
            and _names_after(self.text, start, noun, self._grammar)
        ]
        return authored[-1] if authored else self._salient_organisation(min(pos, mention.start))


def _names_after(text: str, start: int, noun: str, grammar: frozenset[str]) -> bool:
    """Whether the entity mention at ``start`` completes ``noun`` written right before it,
    with only ``grammar`` words between (``le rapport de l'ONU``, ``the report of the UN``)."""
    window = text[max(0, start - len(noun) - 12) : start].lower()
    at = window.rfind(noun)
    if at == -1 or (at > 0 and window[at - 1].isalpha()):
        return False
    gap = re.findall(r"[^\W\d_]+", window[at + len(noun) :])
    return bool(gap) and all(w in grammar for w in gap)
