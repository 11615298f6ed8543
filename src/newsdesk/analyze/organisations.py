"""Speakers that are organisations: what a plural pronoun, a generic noun (``l'agence``) or a
document (``le rapport``, ``the statement``) stands for in one article."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property

from newsdesk.analyze.mentions import SINGULAR_DEFINITE, Mention, is_definite, lower_words
from newsdesk.analyze.subjects import SpeakerMentions
from newsdesk.records import Entity

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
        i = bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i][0] >= pos - SALIENCE_CHARS:
            start, _, entity = self.mentions[i]
            office = self.names_office(entity.name)
            if entity.label == "ORG" and not office and not self._in_quote(start):
                return entity
            i -= 1
        return None

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
        noun = head.split("'")[-1].split("’")[-1]
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
