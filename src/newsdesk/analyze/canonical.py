"""The canonical name of a speaker: an entity's name (an acronym written out with its long
form when the facts file knows it), or the phrase that names an organisation or a role the
article does not tie to a name (``la préfecture des Landes`` -> ``préfecture des Landes``)."""

from __future__ import annotations

import re
from collections import Counter

from newsdesk.analyze.linking import Linker
from newsdesk.analyze.mentions import Mention, is_definite, is_indefinite
from newsdesk.analyze.nameforms import acronym_of
from newsdesk.analyze.organisations import OrganisationSpeakers
from newsdesk.records import Entity

_ACRONYM = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ0-9&]{1,7}")


class SpeakerNames(OrganisationSpeakers):
    """Names the speakers of one article."""

    def name(self, entity: Entity | None, mention: Mention | None) -> str | None:
        """The canonical speaker: the entity's name, a name the model missed, an organisation
        named by a phrase (``la préfecture des Landes`` -> ``préfecture des Landes``)."""
        if entity is not None:
            return self._written_out(entity)
        if mention is None:
            return None
        if mention.kind == "name":
            return mention.text
        if mention.kind == "person" and not is_definite(mention.text):
            return None  # "un ancien guide": someone the article does not name
        if mention.kind == "organisation" and is_indefinite(mention.text):
            return None  # "des analyses", "une entreprise": no one the article names
        if mention.kind == "organisation" and mention.noun is not None:
            fuller = _named_in_full(self.text, mention, self.lexicon.determiners)
            if fuller is not None:
                return fuller
        if mention.kind in {"organisation", "person"}:
            words = mention.text.split()
            if words and words[0].lower() in self.lexicon.determiners:
                words = words[1:]
            elif "'" in mention.text[:3] or "’" in mention.text[:3]:
                return mention.text[2:] if len(mention.text) > 2 else None
            return " ".join(words) or None
        return None

    def _written_out(self, entity: Entity) -> str:
        """An organisation's acronym with its long form: the one the article writes it with
        (``l'Agence européenne des produits chimiques (ECHA)``, the forms the entity holds),
        else the facts file's in the article's language (``OMS`` -> ``Organisation mondiale de
        la santé (OMS)``); an organisation's other name by the fullest form the entity holds;
        any other name as it is."""
        name = entity.name
        if entity.label != "ORG":
            return name
        written = Counter(
            " ".join(m.text.split()) for m in entity.mentions if len(m.text.split()) > 1
        )
        if not _ACRONYM.fullmatch(name):
            # "la Ligue arabe … la Ligue des États arabes" (forms the facts file links): the
            # fullest form the article gives.
            return max([name, *written], key=len)
        if written:
            return f"{written.most_common(1)[0][0]} ({name})"
        fact = Linker.default().by_id(entity.id)
        language = self.lexicon.language
        long = fact.names.get(language, ()) if fact and fact.names and language else ()
        # The long form the acronym spells (ONU: Organisation des Nations unies, not Nations
        # unies), else the first one given.
        spelled = [form for form in long if acronym_of(name, form)]
        return f"{(spelled or long)[0]} ({name})" if long else name


# A word of an organisation's complement: a preposition with its article, or a word.
_COMPLEMENT_WORD = re.compile(r"\s*(d['’]|l['’]|[^\W\d_][\w-]*)")
_PREPOSITIONS = frozenset({"de", "du", "des", "d'", "d’"})
MAX_COMPLEMENT_WORDS = 6


def _named_in_full(text: str, mention: Mention, determiners: frozenset[str]) -> str | None:
    """The fullest form the article gave an organisation it then names by its noun alone
    (``la préfecture de police de Paris … la préfecture a précisé``, ``le ministère russe de
    la Défense … le ministère``): the noun with its complement, written last before; None
    when the mention is more than an article and its noun, or no such form comes before."""
    noun = mention.noun or ""
    words = [w.lower() for w in mention.text.split()]
    bare = words[-1:] == [noun] and all(w in determiners for w in words[:-1])
    elided = len(words) == 1 and re.fullmatch(rf"l['’]{re.escape(noun)}", words[0]) is not None
    if not noun or not (bare or elided):
        return None
    found = None
    for match in re.finditer(rf"(?<!\w){re.escape(noun)}(?!\w)", text[: mention.start], re.I):
        full = _with_complement(text, match.start(), match.end())
        if full is not None:
            found = full
    return found


def _with_complement(text: str, start: int, end: int) -> str | None:
    """``text[start:end]`` with the complement after it (``de police de Paris``; one adjective
    before it, ``russe de la Défense``), ending on a word: capitalised words, or one word in
    lower case right after its preposition; None when no complement follows."""
    last, pos, after_preposition, complement = end, end, False, False
    for i in range(MAX_COMPLEMENT_WORDS + 2):
        word = _COMPLEMENT_WORD.match(text, pos)
        if word is None or "\n" in text[pos : word.start(1)]:
            break
        written = word.group(1)
        lower = written.lower()
        if lower in _PREPOSITIONS or (after_preposition and lower in {"la", "l'", "l’"}):
            after_preposition = True
        elif after_preposition or (written[0].isupper() and last == pos and complement):
            after_preposition, complement, last = False, True, word.end()
        elif i > 0 or not _PREPOSITIONS & {_next_word(text, word.end())}:
            break
        pos = word.end()
    return " ".join(text[start:last].split()) if complement else None


def _next_word(text: str, pos: int) -> str:
    word = _COMPLEMENT_WORD.match(text, pos)
    return word.group(1).lower() if word else ""
