"""The person a name the entity finder did not tie to anyone stands for: a surname alone shared
by namesakes (``Whitlock``, after ``Dana Whitlock`` and later ``her husband, Owen Whitlock``), or
a surname the reading ran together with the words before it (``But Okafor said``, ``Speaking to
the Harbour Gazette Okafor claimed``, ``Dr Ellery``)."""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.analyze.lexicon import QuoteLexicon
from newsdesk.analyze.nameforms import INITIALS, ends_with
from newsdesk.analyze.names import stop_words
from newsdesk.records import Entity, name_key


def surname_holder(
    name: str,
    people: Sequence[Entity],
    lexicon: QuoteLexicon,
    entities: Sequence[Entity] = (),
    before: int | None = None,
) -> Entity | None:
    """The one person of ``people`` that ``name`` stands for, or None.

    A name ending a person's full name is theirs; of namesakes, it is the one the article
    already calls by it alone (the entity finder gave them its lone mentions). A name whose
    words before its last one are no part of a name (a stop word, a title, the name of an
    organisation or place among ``entities``) is the person named before ``before`` whose
    surname its last word is.

    >>> from newsdesk.analyze.lexicon import lexicon_for
    >>> from newsdesk.records import Mention
    >>> ford = Entity("1", "Doug Ford", "PER", (Mention(0, 9, "Doug Ford"),))
    >>> surname_holder("But Ford", [ford], lexicon_for("en"), before=40).name
    'Doug Ford'
    """
    key = INITIALS.sub("", name_key(name)).strip()
    words = key.split()
    holders = [p for p in people if ends_with(name_key(p.name), key)]
    prefix = " ".join(words[:-1])
    if not holders and before is not None and prefix and _no_name(prefix, lexicon, entities):
        key = words[-1]
        holders = [
            p
            for p in people
            if len(p.name.split()) > 1
            and ends_with(name_key(p.name), key)
            and p.mentions[0].start < before
        ]
    if len(holders) > 1:
        holders = [p for p in holders if any(name_key(m.text) == key for m in p.mentions)]
    return holders[0] if len(holders) == 1 else None


def _no_name(prefix: str, lexicon: QuoteLexicon, entities: Sequence[Entity]) -> bool:
    """Whether the words ``prefix`` (a name key) are none of a person's name: stop words and
    titles, or a name of the article that is no person's (its article left out)."""
    language = lexicon.language
    grammar = stop_words(language) if language else frozenset()
    for entity in entities:
        words = name_key(entity.name).split()
        if words[:1] and words[0] in lexicon.determiners:
            words = words[1:]
        if entity.label != "PER" and " ".join(words) == prefix:
            return True
    titles = {h.lower().rstrip(".") for h in [*lexicon.honorifics, *lexicon.title_abbreviations]}
    return all(
        w in grammar
        or (w not in lexicon.first_names and (w in lexicon.person_nouns or w in titles))
        for w in prefix.split()
    )
