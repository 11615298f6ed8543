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
