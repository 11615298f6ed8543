"""Speaker resolution: the person or organisation of the article a speaker mention names.

Resolution uses what the article says of each person (``people``): gender, roles, the
countries its roles name.

A pronoun goes to the last speaker when gender and number allow, else to the last person of its
gender named before it; a role to the person introduced with it, else to the last speaker of a
compatible gender; an organisation noun to the organisation whose name contains it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from newsdesk.analyze.canonical import SpeakerNames
from newsdesk.analyze.demonyms import countries_in, countries_of_role, is_demonym
from newsdesk.analyze.lexicon import Gender, QuoteLexicon
from newsdesk.analyze.mentions import (
    RELATIVES,
    SINGULAR_DEFINITE,
    Mention,
    MentionKind,
    is_definite,
    is_indefinite,
    lower_words,
    plural_after_the,
    subject_pronoun,
    unelided,
)
from newsdesk.analyze.nameforms import acronym_of, initialled
from newsdesk.analyze.names import country_of
from newsdesk.analyze.organisations import SALIENCE_CHARS
from newsdesk.analyze.people import Person, named_as_person, names_office, only_namesake, profile
from newsdesk.analyze.quotemarks import Spans
from newsdesk.analyze.surnames import surname_holder
from newsdesk.records import Entity, name_key

__all__ = ["Mention", "MentionKind", "SpeakerResolver"]

# Salience of people for a pronoun: a subject counts as named this many characters later, the
# current speaker as named this many characters before the pronoun.
SUBJECT_BONUS = 150
SPEAKER_DISTANCE = 200
# A name abbreviated (U.S., UK): when a country's, it qualifies a periphrasis as a demonym does.
_ABBREVIATED = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,3}$")
# How far back another person of a fitting gender makes a pronoun's or a role's person uncertain.
RIVAL_CHARS = 500


class SpeakerResolver(SpeakerNames):
    """Mentions and resolution over one article."""

    def __init__(
        self,
        text: str,
        entities: Sequence[Entity],
        lexicon: QuoteLexicon,
        spans: Spans | None = None,
    ) -> None:
        super().__init__(text, entities, lexicon, spans)
        self._roles_named: dict[str, list[int]] | None = None
        # The people a pronoun, a role or a quoted paragraph may stand for: not those named
        # only in a place's name or a photo credit.
        self.people: dict[str, Person] = {}
        names = [(m.start, m.end) for e in entities if e.label == "PER" for m in e.mentions]
        for entity in entities:
            if named_as_person(entity, text, lexicon) and not only_namesake(entity, text, lexicon):
                self.people[entity.id] = profile(entity, text, lexicon, names)

    def resolve(self, mention: Mention, pos: int, previous: Entity | None) -> Entity | None:
        """The entity a mention names, or None (anonymous, or nobody fits); a name the model
        cut short resolves to the article's fuller entity."""
        found = self._resolve(mention, pos, previous)
        person = self.people.get(found.id) if found is not None else None
        if mention.kind == "person" and person is not None and not person.countries:
            # "le technicien italien": the country a description gives is the person's from
            # then on ("L'entraîneur belge" is someone else)
            person.countries = self._countries_of_role(mention.text)
        if mention.kind == "entity" and found is not None and len(found.mentions) == 1:
            # A name run on from the words before it, once (Gazette Okafor, Councillor Okafor).
            found = self._by_surname(found.name, mention.start, found) or found
        return None if found is None else self.fuller(found)

    def goes_on(self, described: Mention, mention: Mention, pos: int) -> bool:
        """Also a definite role no one was introduced with, of the gender of the last
        speaker words alone named, with no person named since (``Une patiente … se dit
        « soulagée ». « … », confie la retraitée``): a new word for that speaker."""
        if mention.kind != "person":
            return super().goes_on(described, mention, pos)
        if described.kind not in {"person", "anonymous"} or not is_definite(mention.text):
            return False
        gender = self.role_gender(mention)
        return (
            gender is not None
            and gender == self.role_gender(described)
            and not self._holders(mention)
            and self._periphrasis_holder(mention, pos) is None
            and not self.person_between(described.end, pos)
        )

    def _latter(self, pos: int, gender: Gender | None) -> Entity | None:
        """The person of a fitting gender named last before ``pos`` outside quotations, a
        subject or not (``Le ministre a reçu Anne Roux. Cette dernière a affirmé …``)."""
        named = [
            (self._last_outside(p.entity, pos), p.entity)
            for p in self.people.values()
            if gender is None or p.gender in {None, gender}
        ]
        named = [n for n in named if n[0] >= 0]
        return max(named, key=lambda n: n[0])[1] if named else None

    def _by_surname(self, name: str, pos: int, itself: Entity | None = None) -> Entity | None:
        people = [p.entity for p in self.people.values() if p.entity is not itself]
        return surname_holder(name, people, self.lexicon, self.entities, pos)

    def _resolve(self, mention: Mention, pos: int, previous: Entity | None) -> Entity | None:
        if mention.kind == "entity":
            entity = mention.entity
            if entity is not None and is_demonym(entity.name, self.lexicon.language):
                return None  # "400 Français ont demandé …": a people, no one speaker
            role = self._role_named(mention)
            if role is not None:
                return self._role_holder(role, pos, previous)
            return entity
        if mention.kind == "name":
            # "B. Obama", "J.-L. Mélenchon": initials before a surname are left to the match.
            return self._by_surname(mention.text, mention.start)
        if mention.kind == "pronoun":
            pronoun = subject_pronoun(mention.text.lower(), self.lexicon) or mention.text.lower()
            if pronoun in self.lexicon.first_person:
                return None  # "I laughed and said": the writer, or whoever is interviewed
            gender, number = self.lexicon.pronouns.get(pronoun, (None, "sg"))
            if number == "sg" and pronoun in self.lexicon.latter:
                return self._latter(min(pos, mention.start), gender)
            if number == "sg" and gender is not None:
                person = self._person(min(pos, mention.start), gender, previous, pronoun=True)
                # "L'AG organise … Elle appelle": not "he", "she" (a person's only).
                thing = pronoun not in self.lexicon.personal_pronouns
                subject = self.thing_subject(mention.start, self.people) if thing else None
                # "Le ministère a annoncé … Il précise": the subject before, over a person
                # of another gender, or of this one named only before that subject.
                if subject is not None and (
                    person is None
                    or self.people[person.id].gender != gender
                    or 0 <= self._last_outside(person, pos) < self._last_outside(subject, pos)
                ):
                    return subject
                # "L'agence … Selon elle": an organisation speaking, named since the person
                # of that gender, goes on speaking (not for "he", "she": a person's only).
                organisation = previous is not None and previous.label == "ORG"
                organisation &= pronoun not in self.lexicon.personal_pronouns
                if (
                    organisation
                    and previous is not None
                    and (
                        person is None
                        or self._last_outside(person, pos) < self._last_outside(previous, pos)
                    )
                ):
                    return previous
                return person
            return self._organisation(pos, previous)
        if mention.kind == "person":
            return self._role_holder(mention, pos, previous)
        if mention.kind == "anonymous" and is_definite(mention.text):
            # "the top U.S. diplomat": a periphrasis, though its noun may name a source.
            return self._periphrasis_holder(mention, pos)
        if mention.kind == "other":
            return self._author(mention, pos) or self._described(mention, pos, previous)
        if mention.kind == "organisation":
            inside = self.entity_within(mention.start, mention.end)
            if inside is not None:
                # "le parquet de Lyon", "le ministère malien de la Culture", "the government
                # of Israel": an institution whose complement is a name speaks by its phrase.
                # Not "le journal Le Canard", "l'agence Reuters": the name is the institution's.
                at = mention.text.lower().find(mention.noun or "")
                between = self.text[mention.start + at : inside[0]].lower().split()[1:]
                complement = at >= 0 and any(w in self.lexicon.connectors for w in between)
                if inside[2].label == "LOC" or complement:
                    return None
                return inside[2]
            noun = name_key(mention.noun or "")
            # the one named last before (else first after) whose name holds the noun as its
            # head, not in a complement (not "Commonwealth Heads of Government Meeting")
            named = [
                (start < pos, start if start < pos else -start, e)
                for start, _, e in self.mentions
                if e.label in {"ORG", "LOC"} and self._heads_name(noun, e.name)
            ]
            orgs = [e for *_, e in sorted(named, key=lambda n: (n[0], n[1]))]
            kind = (mention.noun or "").lower()
            # "écrit Le Canard enchaîné. Le journal satirique révèle": an outlet speaking goes
            # on, before any other named later with the noun.
            outlet_speaking = (
                kind in self.lexicon.media_nouns
                and previous is not None
                and previous.label in {"ORG", "MISC"}
            )
            if orgs and (any(before for before, *_ in named) or not outlet_speaking):
                return orgs[-1]
            # "l'agence", "le quotidien": the organisation the article was last speaking of,
            # when the noun heads a singular definite phrase.
            head = lower_words(mention.text)[:2]
            generic = mention.noun in self.lexicon.generic_org_nouns
            definite = (
                generic
                and bool(head)
                and (
                    (len(head) > 1 and head[0] in SINGULAR_DEFINITE and head[1] == mention.noun)
                    or head[0] in {f"{d}{mention.noun}" for d in SINGULAR_DEFINITE}
                )
            )
            return self._of_kind(kind, min(pos, mention.start), previous) if definite else None
        return None

    def _heads_name(self, noun: str, name: str) -> bool:
        """Whether ``noun`` is a word of ``name`` outside its complements: not right after a
        linking word (``Government`` in ``Heads of Government Meeting``)."""
        words = name_key(name).split()
        return any(
            word == noun and (i == 0 or words[i - 1] not in self.lexicon.linking)
            for i, word in enumerate(words)
        )

    def _role_named(self, mention: Mention) -> Mention | None:
        """A role the model took for an organisation's name (``le ministre des Affaires
        étrangères`` as ORG), as a role mention with its article; None for any other name."""
        entity = mention.entity
        words = lower_words(mention.text)
        if entity is None or entity.label == "PER" or len(words) < 2:
            return None
        # "Premier ministre" (MISC), "locataire de Matignon" (LOC)
        noun = self.names_office(mention.text)
        if noun is None:
            return None
        before = self.text[max(0, mention.start - 4) : mention.start]
        article = re.search(r"(?:^|\W)(\w+['’]?)\s*$", before)
        start = mention.start
        if article is not None and is_definite(article.group(1)):
            start = mention.start - len(before) + article.start(1)
        return Mention(start, mention.end, self.text[start : mention.end], "person", None, noun)

    def _role_holder(self, mention: Mention, pos: int, previous: Entity | None) -> Entity | None:
        """The person a role names: the one introduced with it before (the words around the
        role telling holders apart, a role of another country never), else for a definite role
        the salient person of its gender, else the person introduced with it soon after (a
        lede: ``la secrétaire générale de la CGT a exposé … Sophie Binet, la secrétaire
        générale de la CGT``)."""
        if is_indefinite(mention.text):
            return None  # "une sénatrice", "a royal expert": someone new, not one named before
        if mention.noun in self.lexicon.concerned:
            # "L'intéressé a démenti": the person spoken of, not the one who spoke of them.
            gender = self.lexicon.person_nouns.get(mention.noun)
            return self._person(pos, gender, None, other_than=previous)
        periphrasis = self._periphrasis_holder(mention, pos)
        if periphrasis is not None:
            return periphrasis
        gender = self.role_gender(mention)
        said = set(lower_words(mention.text)) - self.lexicon.determiners
        countries = self._countries_of_role(mention.text)
        of_role = self._role_of_role(mention)
        ranks = _unelided(said) & self.lexicon.ranks
        holders = self._holders(mention)
        introduced = self._introduced_holder(mention, pos, holders)
        if introduced is not None:
            return introduced
        # A role no one was introduced with: with a definite article and a gender (la
        # syndicaliste, la jeune femme) it points back to the most salient person of that
        # gender; otherwise (un ancien guide, le juge) the role as written is all the
        # article says.
        if not is_definite(mention.text) or of_role:
            return None
        # An office with its complement ("la ministre des Transports") is no one given another
        # role none of whose words it shares, an office alone ("la préfète") no one given
        # another office (Person.holds_other_office).
        office: tuple[str | None, set[str]] | None = None
        if mention.noun in self.lexicon.general_roles:
            pass  # "l'élu du Lot" names no one office but several
        elif names_office(mention):
            office = (mention.noun, said - self.lexicon.connectors - {mention.noun})
        elif mention.noun in self.lexicon.office_nouns:
            office = (mention.noun, set())
        found = self._person(pos, gender, previous, countries=countries, office=office)
        held = self.people[found.id] if found is not None else None
        if (
            held is not None
            and ranks
            and mention.noun in held.roles
            and not ranks <= _unelided(held.role_words)
        ):
            found = None  # a minister is not "le Premier ministre"
        near = found is not None and pos - self._last_before(found, pos) < SALIENCE_CHARS
        if found is not None and (near or found is previous):
            return found
        # A lede names no one before its role: the person of a fitting gender the article
        # goes on to name (``… a déclaré le ministre. « … », a ajouté Laurent Fabius``).
        lede = not self.person_between(0, pos)
        # One who holds no role is the lede's only in its paragraph.
        paragraph_end = self.text.find("\n", pos)
        paragraph_end = len(self.text) if paragraph_end == -1 else paragraph_end
        later = [
            (p not in holders, p.entity.mentions[0].start, p.entity)
            for p in self.people.values()
            if (
                p in holders
                or (
                    lede
                    and not p.roles
                    and gender in {None, p.gender}
                    and p.entity.mentions[0].start < paragraph_end
                )
            )
            and not p.foreign_to(countries)
            and pos <= p.entity.mentions[0].start < pos + SALIENCE_CHARS
        ]
        return min(later, key=lambda h: h[:2])[2] if later else None

    def _holders(self, mention: Mention) -> list[Person]:
        """The people introduced with the role ``mention`` names."""
        said = set(lower_words(mention.text)) - self.lexicon.determiners
        # "le président américain" is not the Chinese president the article introduced.
        countries = self._countries_of_role(mention.text)
        # "l'avocat du ministre": the minister's role names someone else.
        of_role = self._role_of_role(mention)
        # "le Premier ministre" is not the minister of health the article introduced, nor
        # "l'ancien maire" the mayor.
        ranks = _unelided(said) & self.lexicon.ranks
        # "l'élu du Lot": the deputy the article introduced.
        covered = self.lexicon.general_roles.get(mention.noun or "", frozenset())
        return [
            p
            for p in self.people.values()
            if (mention.noun in p.roles or p.roles & covered or (not of_role and said & p.roles))
            and ranks <= _unelided(p.role_words)
            and not p.foreign_to(countries)
        ]

    def _introduced_holder(
        self, mention: Mention, pos: int, holders: list[Person]
    ) -> Entity | None:
        """Of ``holders``, the one introduced before ``pos`` whose role shares most words with
        the mention, the last named if several."""
        said = set(lower_words(mention.text)) - self.lexicon.determiners
        before = [
            (len(said & p.role_words), self._last_before(p.entity, pos), p.entity)
            for p in holders
            if p.entity.mentions[0].start < pos
        ]
        return max(before, key=lambda h: (h[0], h[1]))[2] if before else None

    def _role_starts(self) -> dict[str, list[int]]:
        """Where each person is the subject of a main clause by a role they were introduced
        with (``Le maire lui a répondu``), by entity id: mentions that names alone miss."""
        if self._roles_named is None:
            self._roles_named = {}
            for mention in self.role_subjects:
                if mention.noun in self.lexicon.concerned:
                    continue
                holder = self._introduced_holder(mention, mention.start, self._holders(mention))
                if holder is not None:
                    self._roles_named.setdefault(holder.id, []).append(mention.start)
        return self._roles_named

    def _starts(self, entity: Entity) -> list[int]:
        """Where ``entity`` is named, and where it is a main clause's subject by its role."""
        return [m.start for m in entity.mentions] + self._role_starts().get(entity.id, [])

    def _periphrasis_holder(self, mention: Mention, pos: int) -> Entity | None:
        """The person a periphrasis of an office names (``le chef de l'État``, ``the head of
        government``): the one named last before ``pos`` who was introduced with a role it
        stands for, with all of that role's words (``secrétaire d'État``), and not of another
        country than its words name (``le chef de la diplomatie américaine``)."""
        # Words naming a country are qualifiers wherever they stand (``the top U.S.
        # diplomat``, ``le chef de l'État français``).
        written = mention.text.split()
        while written and written[0].lower() in self.lexicon.determiners:
            written = written[1:]
        language = self.lexicon.language
        abbreviated = {w: country_of(w, language) for w in written if _ABBREVIATED.match(w)}
        qualifiers = [w for w in written if countries_in(w, language) or abbreviated.get(w)]
        phrase = name_key(" ".join(w for w in written if w not in qualifiers))
        periphrases = self.lexicon.periphrases
        key = next((k for k in periphrases if phrase == k or phrase.startswith(k + " ")), None)
        if key is None:
            return None
        rest = " ".join([phrase[len(key) :], *qualifiers])
        countries = frozenset(countries_in(rest, language)) | {
            c for c in abbreviated.values() if c is not None
        }

        def holds(person: Person) -> bool:
            """Introduced with a role the periphrasis stands for, with all of its words."""
            own = {name_key(w) for w in person.role_words}
            return any(n in person.roles and words <= own for n, words in periphrases[key])

        holders = [
            (self._last_before(p.entity, pos), p.entity)
            for p in self.people.values()
            if p.entity.mentions[0].start < pos and not p.foreign_to(countries) and holds(p)
        ]
        return max(holders, key=lambda h: h[0])[1] if holders else None

    def _described(self, mention: Mention, pos: int, previous: Entity | None) -> Entity | None:
        """The person a singular definite description with no role noun names (``le politique
        letton``, ``le fabuliste grec``): the current speaker, when a person of the
        article's gender named within ``SALIENCE_CHARS``; no one else (a description of
        someone new is as likely)."""
        words = lower_words(mention.text)
        if len(words) < 2 or words[0] not in SINGULAR_DEFINITE or previous is None:
            return None
        if plural_after_the(words, self.lexicon.linking | RELATIVES):
            return None  # "the organizations that say …": many, not the current speaker
        if any(w in self.lexicon.document_nouns for w in words):
            return None  # le texte, la lettre: a document, not its author
        written = mention.text.split()
        named = any(
            w[:1].isupper() and written[i - 1].lower() in self.lexicon.linking
            for i, w in enumerate(written[1:], 1)
        )
        if named:
            return None  # "la communication du Palais": a named thing's, not a person's
        current = self.people.get(previous.id)
        gender = self.lexicon.article_genders.get(words[0])
        if current is None or current.gender not in {None, gender}:
            return None
        return previous if pos - self._last_before(previous, pos) < SALIENCE_CHARS else None

    def _role_of_role(self, mention: Mention) -> bool:
        """Whether a role is named by another person's role (``l'avocat du ministre``, ``la
        fille du président``): someone the article does not name, never the person the
        salience finds, who is as likely the other one."""
        words = lower_words(mention.text)
        head = next((i for i, w in enumerate(words) if unelided(w) == mention.noun), None)
        if head is None:
            return False
        rest = words[head + 1 :]
        return any(
            w in self.lexicon.person_nouns and i > 0 and rest[i - 1] in self.lexicon.linking
            for i, w in enumerate(rest)
        )

    def _countries_of_role(self, phrase: str) -> frozenset[str]:
        """The countries a role's own words name, before any complement (``le président
        américain``; not ``le chancelier au quotidien italien``)."""
        words = lower_words(phrase)
        cut = next((i for i, w in enumerate(words) if w in self.lexicon.linking), len(words))
        return countries_of_role(words[:cut], self.lexicon.language)

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
            followed = entity.id in self.people
            if entity.label == "PER" and named and followed and not self._in_quote(start):
                return Mention(start, end, self.text[start:end], "entity", entity)
            i -= 1
        return None

    def fuller(self, entity: Entity) -> Entity:
        """The entity of the article whose longer name ``entity``'s opens (``Commission`` ->
        ``Commission européenne``, ``Marie-Pierre`` -> ``Marie-Pierre Dausse``, ``B. Obama`` ->
        ``Barack Obama``), the most mentioned if several, else ``entity`` itself."""
        key = name_key(entity.name)
        longer = [
            e
            for e in self.entities
            if e.label == entity.label
            and (
                name_key(e.name).startswith(key + " ")
                or acronym_of(entity.name, e.name)
                or initialled(key, name_key(e.name))
            )
        ]
        return max(longer, key=lambda e: len(e.mentions)) if longer else entity

    def _last_before(self, entity: Entity, pos: int) -> int:
        return max((m.start for m in entity.mentions if m.start < pos), default=-1)

    def _person(
        self,
        pos: int,
        gender: Gender | None,
        previous: Entity | None,
        *,
        pronoun: bool = False,
        countries: frozenset[str] = frozenset(),
        office: tuple[str | None, set[str]] | None = None,
        other_than: Entity | None = None,
    ) -> Entity | None:
        """The person a pronoun or a role before ``pos`` stands for, by salience: people of a
        fitting gender (a known, equal gender first), each weighed by its last mention before
        ``pos`` outside quotations, a mention as a subject counting as if it were
        ``SUBJECT_BONUS`` characters later, and the current speaker as if named
        ``SPEAKER_DISTANCE`` characters before ``pos``."""

        def fits(entity: Entity) -> bool:
            person = self.people.get(entity.id)
            return (
                person is not None
                and entity is not other_than
                and (gender is None or person.gender in {None, gender})
                and not person.foreign_to(countries)
                and not (office and person.holds_other_office(*office, self.lexicon.office_nouns))
            )

        candidates: list[tuple[bool, int, Entity]] = []
        for person in self.people.values():
            if not fits(person.entity):
                continue
            weights = [
                start + (SUBJECT_BONUS if start in self.subjects else 0)
                for start in self._starts(person.entity)
                if start < pos and not self._in_quote(start)
            ]
            # The current speaker is a candidate even when named only later (a lede's
            # "selon elle" after a role that the next paragraph names).
            if person.entity is previous:
                weights.append(pos - SPEAKER_DISTANCE)
            if weights:
                exact = gender is not None and person.gender == gender
                candidates.append((exact, max(weights), person.entity))
        if not candidates:
            return None
        current = self.people.get(previous.id) if previous is not None else None
        if pronoun and current is not None and fits(current.entity) and self.subjects:
            # A pronoun that fits the current speaker is the current speaker until another
            # person of a fitting gender is the subject of a clause (not merely named in a
            # complement).
            since = self._last_outside(current.entity, pos)
            # So does a person of a fitting gender named in the pronoun's paragraph where the
            # current speaker is not: a new paragraph introducing someone, then quoting them.
            paragraph = self.text.rfind("\n", 0, pos) + 1
            rivals = any(
                since < start < pos
                and not self._in_quote(start)
                and (start in self.main_subjects or since < paragraph <= start)
                for _, _, entity in candidates
                if entity is not current.entity
                for start in self._starts(entity)
            )
            if not rivals and pos - since < 2 * SALIENCE_CHARS:
                return current.entity
        return max(candidates, key=lambda c: (c[0], c[1]))[2]

    def doubts(self, mention: Mention | None, entity: Entity | None, pos: int) -> tuple[str, ...]:
        """What makes the resolution of ``mention`` to ``entity`` doubtful, each wrong more
        often: ``contested`` (see ``contested``), ``salient`` (an organisation noun whose
        organisation's name does not hold it: the one the article last named)."""
        if mention is None or entity is None:
            return ()
        if self.contested(mention, entity, pos):
            return ("contested",)
        noun = name_key(mention.noun or "")
        inside = self.entity_within(mention.start, mention.end)
        if mention.kind == "organisation" and inside is None and noun not in name_key(entity.name):
            return ("salient",)
        return ()

    def contested(self, mention: Mention | None, entity: Entity | None, pos: int) -> bool:
        """Whether a pronoun or a role resolved to ``entity`` had a rival: another person who
        could be meant (a gender that fits, or none known) named outside quotations since
        ``entity`` was last named before ``pos``, or within ``RIVAL_CHARS`` before it. Such
        attributions are wrong more often (two men named, then ``il``)."""
        if mention is None or entity is None or mention.kind not in {"pronoun", "person"}:
            return False
        chosen = self.people.get(entity.id)
        if chosen is None:
            return False
        # Since its person was last named, and in any case the last RIVAL_CHARS.
        since = min(self._last_outside(entity, pos), pos - RIVAL_CHARS)
        return any(
            since < m.start < pos and not self._in_quote(m.start)
            for person in self.people.values()
            if person is not chosen
            and (chosen.gender is None or person.gender in {None, chosen.gender})
            for m in person.entity.mentions
        )

    def _last_outside(self, entity: Entity, pos: int) -> int:
        """Where ``entity`` was last named before ``pos`` outside quotations (-1: never)."""
        return max(
            (s for s in self._starts(entity) if s < pos and not self._in_quote(s)),
            default=-1,
        )


def _unelided(words: set[str]) -> set[str]:
    """Words without the article elided into them (``l'ancien`` -> ``ancien``)."""
    return {unelided(w) for w in words}
