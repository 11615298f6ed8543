"""What an article says of each person it names: gender, roles and the words around them.

- gender, from an honorific before a mention (``Mme``, ``Mr.``), a gendered role written next to
  the name (``l'ambassadrice américaine …, Julianne Smith``) or the first name;
- roles, from the words before a mention, an apposition (``Le chef de l'OTAN, Jens
  Stoltenberg,``; ``Smith, the senator,``) or a copula after it (``Paul Dumas est le maire de
  Lyon``, ``Smith is the senator``);
- the countries those roles name (``le président américain``), so that two holders of one role
  are told apart.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsdesk.analyze.demonyms import countries_of_role
from newsdesk.analyze.lexicon import Gender, QuoteLexicon
from newsdesk.analyze.mentions import (
    POSSESSIVE_RELATIVES,
    SPACES,
    Mention,
    complement_at,
    lower_words,
    unelided,
)
from newsdesk.analyze.names import known_place
from newsdesk.records import Entity

# Words read after a copula for the role it gives (Paul Dumas est *le maire de Lyon*).
COPULA_ROLE_WORDS = 4
# Words read after a comma for a role in apposition that makes a name a person's (Zineb,
# *étudiante* en lettres; El Guerrab, *alors député*).
APPOSITION_ROLE_WORDS = 2
# How many gendered role nouns a first name's gender stands for.
FIRST_NAME_WEIGHT = 2
_CLAUSE = re.compile(r"[^,.;:!?()«»\"“”\n]{2,80}")


@dataclass
class Person:
    """One person of the article and what the article says of them."""

    entity: Entity
    genders: Counter[Gender]
    roles: set[str]
    # The words written around the role (président américain, ministre de la Santé): they tell
    # two holders of one role apart.
    role_words: set[str] = field(default_factory=set)
    # The countries those words name (président américain -> US).
    countries: frozenset[str] = frozenset()

    def foreign_to(self, countries: frozenset[str]) -> bool:
        """Whether a role naming ``countries`` cannot be this person's: the roles the article
        gave them name other countries only (``le président américain``, ``the Chinese
        president``)."""
        return bool(countries and self.countries and not countries & self.countries)

    def holds_other_office(
        self, noun: str | None, words: set[str], offices: frozenset[str] = frozenset()
    ) -> bool:
        """Whether the article gave this person roles other than ``noun``, in none of
        ``words`` (an office's complement: ``la ministre des Transports``); for an office
        named alone (no ``words``: ``la préfète``), another of ``offices`` (a role read from
        the words around a name may be an adjective: ``le premier sommet de l'ère Trump``). A
        role with a complement that is no office (``l'attaquant du Real Madrid``) may be the
        trade of anyone introduced with no office (``le footballeur Kylian Mbappé``)."""
        if noun in self.roles:
            return False
        if not words:
            return bool(self.roles & offices)
        roles = self.roles if noun in offices else self.roles & offices
        return bool(roles) and not words & self.role_words

    @property
    def gender(self) -> Gender | None:
        if not self.genders:
            return None
        (top, count), *rest = self.genders.most_common()
        return None if rest and rest[0][1] == count else top


def profile(
    entity: Entity, text: str, lexicon: QuoteLexicon, names: Sequence[tuple[int, int]] = ()
) -> Person:
    """What ``text`` says of the person ``entity``; ``names`` are where the article's people are
    named (start, end), so that a role before another's name (``la présidente taïwanaise, Tsai
    Ing-wen, Trump avait …``) is not read as this one's."""
    own = {m.end for m in entity.mentions}
    ends = sorted(end for _, end in names if end not in own)
    genders: Counter[Gender] = Counter()
    roles: set[str] = set()
    role_words: set[str] = set()

    def role_in(words: list[str], limit: int) -> bool:
        for k, written in enumerate(words[:limit]):
            word = unelided(written)  # l'élue
            if word in lexicon.person_nouns:
                roles.add(word)
                role_words.update(words)
                # a noun of both genders takes its article's (le Premier ministre, la juge)
                role_gender = lexicon.person_nouns[word] or next(
                    (
                        lexicon.article_genders[w]
                        for w in reversed(words[max(0, k - 2) : k])
                        if w in lexicon.article_genders
                    ),
                    None,
                )
                if role_gender:
                    genders[role_gender] += 1
                return True
        return False

    for mention in entity.mentions:
        last = bisect_right(ends, mention.start) - 1
        opening = max(0, mention.start - 100, ends[last] if last >= 0 else 0)
        before = text[opening : mention.start]
        for honorific, gender in lexicon.honorifics.items():
            if before.rstrip(SPACES).endswith(honorific) and before[-1:] in SPACES:
                genders[gender] += 2
        _abbreviated_role(before, lexicon, role_in)
        # "l'ambassadrice américaine auprès de l'OTAN, Julianne Smith": the role closest to
        # the name, within the same clause, with the two words before it.
        clause_words = lower_words(re.split(r"[.;:!?()\n«»\"“”]", before)[-1])
        # "un porte-parole de Macron", "a lawyer for Smith": the name is the role's
        # complement, the role another's.
        if complement_at(text, mention.start, lexicon):
            clause_words = []
        for i, word in enumerate(reversed(clause_words)):
            if word in lexicon.auxiliaries or word in lexicon.verbs or word in lexicon.agents:
                break  # "le président chinois a reçu Donald Trump": not Trump's role
            if unelided(word) in lexicon.person_nouns:  # l'opposant
                at = len(clause_words) - 1 - i
                if before.rstrip(SPACES).endswith(","):
                    at = _head_role(clause_words, at, lexicon)
                start = max(0, at - 2)
                role_in(clause_words[start:], len(clause_words))
                break
        after = text[mention.end : mention.end + 90]
        apposition = re.match(r"\s*,\s*([^,.;:()]{2,70})", after)
        said = lower_words(apposition.group(1)) if apposition else []
        if said and said[0] in POSSESSIVE_RELATIVES:
            continue  # "Marie Dupont, dont le fils a été arrêté": the son's role
        if said and not _subject_of_verb(said, lexicon) and role_in(said, 4):
            continue
        role_in(_copula_role(after, lexicon), COPULA_ROLE_WORDS)
    given = first_name_gender(entity.name, lexicon)
    # A first name alone names a person too ("Antoine, 32 ans, chargé de cours"): witnesses
    # and students are often given no surname.
    if given is not None and (len(entity.name.split()) >= 2 or entity.label == "PER"):
        # A first name outweighs one masculine role noun: French writes many roles in the
        # masculine for women too (Marie Dupont, professeur d'histoire).
        genders[given] += FIRST_NAME_WEIGHT
    words = role_words - lexicon.determiners
    countries = countries_of_role(words, lexicon.language)
    return Person(entity, genders, roles, words, countries)


def _head_role(words: list[str], at: int, lexicon: QuoteLexicon) -> int:
    """The role heading a phrase whose later role ``words[at]`` sits in a complement (``la
    veuve de l'ancien président de l'Autorité palestinienne, Souha Arafat``: the widow)."""
    while True:
        link = next(
            (k for k in range(at - 1, max(-1, at - 4), -1) if words[k] in lexicon.linking), None
        )
        if link is None:
            return at
        head = next(
            (
                k
                for k in range(link - 1, max(-1, link - 4), -1)
                if unelided(words[k]) in lexicon.person_nouns
            ),
            None,
        )
        if head is None:
            return at
        at = head


def first_name_gender(name: str, lexicon: QuoteLexicon) -> Gender | None:
    """The gender the first name opening ``name`` marks, as written with its accents
    (``Hélène``, ``Jean-Pierre``; a compound the list lacks by its first part), or None."""
    words = name.lower().split()
    if not words:
        return None
    first = words[0]
    return lexicon.first_names.get(first) or lexicon.first_names.get(first.split("-")[0])


def named_as_person(entity: Entity, text: str, lexicon: QuoteLexicon) -> bool:
    """Whether an entity the model did not label a person is one all the same: a role in
    apposition right after one of its mentions (``Zineb, étudiante en lettres,``; ``M'Jid El
    Guerrab, alors député,``), or a known first name opening a name of several words (for an
    "organisation", a name of capitalised words only: ``Léa Fournier`` labelled ORG)."""
    if entity.label == "PER":
        return True
    words = entity.name.split()
    first_name = len(words) >= 2 and first_name_gender(entity.name, lexicon) is not None
    if entity.label == "ORG":
        return first_name and len(words) <= 4 and all(w[:1].isupper() for w in words)
    if entity.label not in {"LOC", "MISC"}:
        return False
    if first_name:
        return True
    if entity.label == "LOC" and _place(entity.name, lexicon):
        return False  # "lors de sa tournée en Asie, le chef de la diplomatie a déclaré"
    for mention in entity.mentions:
        apposition = re.match(
            r"[ \t\u00a0\u202f]*,[ \t\u00a0\u202f]*([^,.;:()]{2,70})",
            text[mention.end : mention.end + 90],
        )
        if apposition is None:
            continue
        said = lower_words(apposition.group(1))[:APPOSITION_ROLE_WORDS]
        if any(w in lexicon.person_nouns and w not in lexicon.determiners for w in said):
            return True
    return False


def _place(name: str, lexicon: QuoteLexicon) -> bool:
    """Whether ``name`` is a place the gazetteer knows and no first name (``Asie``; not
    ``Florence``)."""
    language = lexicon.language
    if not language:
        return False
    return known_place(name, language) and name.lower() not in lexicon.first_names


def only_namesake(entity: Entity, text: str, lexicon: QuoteLexicon) -> bool:
    """Whether every mention of ``entity`` names a place after the person (``la salle Louise
    Michel``, ``le lycée Paul Bert``: one of ``namesake_nouns`` in lower case right before it)
    or credits a photo to them (``© Jean Dupont``, ``REUTERS/Jean Dupont``: ``credit_marks``):
    the article names the person but does not follow them, and no pronoun or role stands for
    them."""
    return bool(entity.mentions) and all(_namesake(text, m.start, lexicon) for m in entity.mentions)


def _namesake(text: str, start: int, lexicon: QuoteLexicon) -> bool:
    before = text[max(0, start - 40) : start]
    mark = before.rstrip(SPACES)
    if any(mark.endswith(m) for m in lexicon.credit_marks):
        return True
    noun = re.search(r"(\S+)[ \u00a0]$", before)
    return noun is not None and noun.group(1) in lexicon.namesake_nouns


def _abbreviated_role(
    before: str, lexicon: QuoteLexicon, role_in: Callable[[list[str], int], bool]
) -> None:
    """Gives the role of an abbreviated title right before a name, with the two words before
    it (``Ohio Gov.`` -> governor): its period would end the clause the role is read in."""
    written = before.rstrip(SPACES)
    if written == before:
        return
    for abbreviation, role in lexicon.title_abbreviations.items():
        opening = len(written) - len(abbreviation)
        if written.endswith(abbreviation) and (opening == 0 or not written[opening - 1].isalnum()):
            words = [*lower_words(written[:opening])[-2:], role]
            role_in(words, len(words))
            return


def _subject_of_verb(words: list[str], lexicon: QuoteLexicon) -> bool:
    """Whether the role after a comma is the subject of the next clause, not an apposition:
    a verb right after its noun (``after meeting Anneke Visser, the US President said``)."""
    at = next((i for i, w in enumerate(words[:4]) if w in lexicon.person_nouns), None)
    after = words[at + 1] if at is not None and at + 1 < len(words) else ""
    return after in lexicon.verbs or after in lexicon.auxiliaries


def _copula_role(after: str, lexicon: QuoteLexicon) -> list[str]:
    """The words of the role a copula right after a name gives (``est le maire de Lyon``,
    ``is the senator``), or none."""
    clause = _CLAUSE.match(after.lstrip(SPACES + ","))
    words = lower_words(clause.group()) if clause else []
    if len(words) < 2 or words[0] not in lexicon.passive:
        return []
    if words[1] not in lexicon.determiners and not words[1].startswith(("l'", "l’")):
        return []
    return words[1:]


_OFFICE_COMPLEMENT = re.compile(r"\s+(?:de|du|des|d['’])(?:\s|$)", re.IGNORECASE)


def names_office(mention: Mention) -> bool:
    """Whether a role is written with the complement of an office (``la ministre des
    Transports``, ``le directeur de l'usine``), not alone (``la syndicaliste``)."""
    if mention.noun is None:
        return False
    at = mention.text.lower().find(mention.noun)
    return at >= 0 and _OFFICE_COMPLEMENT.match(mention.text, at + len(mention.noun)) is not None
