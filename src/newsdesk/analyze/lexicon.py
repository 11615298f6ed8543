"""The words quotations are found by, per language: speech verbs, pronouns, titles, nouns.

Each language is one data file, ``data/quotes_<lang>.toml``. Speech verbs are written there as
lemmas and conjugated here into the forms news prose uses (``déclarer`` -> ``déclara``,
``déclarèrent``, ``a déclaré``...; ``deny`` -> ``denies``, ``denied``), so the data stays short
and a missing tense is fixed once for every verb. Verbs the rules cannot conjugate give their
principal parts in the file's ``[irregular]`` table. First names, with their usual gender, are
shared by every language (``data/first_names.toml``).

>>> lexicon = lexicon_for("fr")
>>> "déclarèrent" in lexicon.verbs, lexicon.pronouns["elle"], lexicon.honorifics["M."]
(True, ('f', 'sg'), 'm')
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, cast

from newsdesk.records import name_key

DATA = Path(__file__).parent / "data"

Gender = Literal["m", "f"]
Number = Literal["sg", "pl"]


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


# A role a periphrasis stands for: its role noun and its other words (see ``periphrases``).
Role = tuple[str, frozenset[str]]


@dataclass(frozen=True)
class QuoteLexicon:
    """The cue words of one language; every word is lower case unless said otherwise."""

    language: str | None
    # Every single-word form of a speech verb, and the past participles among them.
    verbs: frozenset[str] = frozenset()
    participles: frozenset[str] = frozenset()
    # The lemmas (infinitives), without a reflexive pronoun: déclarer, dire; say.
    verb_lemmas: frozenset[str] = frozenset()
    reflexive_only: frozenset[str] = frozenset()  # forms cueing only with their pronoun
    # Words taking a participle (a, ont, est; has, was) and opening reported speech (que, that).
    auxiliaries: frozenset[str] = frozenset()
    passive: frozenset[str] = frozenset()  # auxiliaries of the passive (was told, est prévu)
    reflexives: frozenset[str] = frozenset()  # before a passive auxiliary, make it active
    # Before a name, they make it the agent of what a role noun before them did (le médiateur
    # nommé par X): the role is not X's.
    agents: frozenset[str] = frozenset()
    complementizers: tuple[str, ...] = ()
    # Attributions without a verb, longest first (selon, according to); those valid only where
    # a sentence opens (Pour X, ...).
    prepositions: tuple[str, ...] = ()
    sentence_initial_only: frozenset[str] = frozenset()
    pronouns: Mapping[str, tuple[Gender | None, Number]] = field(default_factory=_empty)
    honorifics: Mapping[str, Gender] = field(default_factory=_empty)  # case-sensitive: M., Ms.
    # Abbreviated titles before a name and the role noun each stands for (Gov. -> governor).
    title_abbreviations: Mapping[str, str] = field(default_factory=_empty)
    person_nouns: Mapping[str, Gender | None] = field(default_factory=_empty)
    # Those that name an office one person holds (la préfète, the mayor): alone, such a role
    # is never someone the article gave another of them.
    office_nouns: frozenset[str] = frozenset()
    concerned: frozenset[str] = frozenset()  # the person a matter concerns (l'intéressé)
    # Nouns naming in general the holders of several roles, with those roles (élu: député,
    # maire …; lawmaker: senator …).
    general_roles: Mapping[str, frozenset[str]] = field(default_factory=_empty)
    ranks: frozenset[str] = frozenset()  # words of rank before a role noun (Premier ministre)
    # Periphrases of an office (le chef de l'État, the head of government) by ``name_key``,
    # with the roles a holder of it is introduced with: each its role noun and its other words
    # by ``name_key`` (président; ministre, {affaires, etrangeres}).
    periphrases: Mapping[str, tuple[Role, ...]] = field(default_factory=_empty)
    # Those that name people only (economist, not champion): a name right after one is a
    # person's, whatever label the model gave it.
    trade_nouns: frozenset[str] = frozenset()
    # Heads of organisation speakers (ministère, agency) and of unnamed sources (sources).
    org_nouns: frozenset[str] = frozenset()
    # Those that name a kind, not an institution (l'agence, le quotidien): alone, they stand
    # for the organisation the article was speaking of.
    generic_org_nouns: frozenset[str] = frozenset()
    # Generic nouns by kind of organisation (companies, unions…): an organisation the article
    # introduced with a noun of one kind is not what a noun of another kind stands for.
    org_kinds: Mapping[str, int] = field(default_factory=_empty)
    # Nouns of a text an organisation issues (le rapport, le communiqué, the statement): when
    # one speaks, its author does.
    document_nouns: frozenset[str] = frozenset()
    # Nouns that show a news outlet (le quotidien, journaliste du Monde), and the generic nouns
    # of outlets and other organisations alike (l'agence).
    media_nouns: frozenset[str] = frozenset()
    media_or_other_nouns: frozenset[str] = frozenset()
    # Nouns of what a source publishes or gives (les chiffres, un sondage): with the others,
    # the heads that make the object of a preposition a source (selon les chiffres, not
    # selon les régions).
    evidence_nouns: frozenset[str] = frozenset()
    # Articles that mark the gender of a common role noun after them (la ministre, le juge).
    article_genders: Mapping[str, Gender] = field(default_factory=_empty)
    anonymous: frozenset[str] = frozenset()
    first_names: Mapping[str, Gender] = field(default_factory=_empty)
    # Multi-word cues, inflected, longest first (a fait valoir, pointed out).
    phrases: tuple[str, ...] = ()
    # How a cue is read in its sentence (the [grammar] table of the data files).
    abbreviations: frozenset[str] = frozenset()  # without their period: a sentence goes on
    determiners: frozenset[str] = frozenset()  # open a noun phrase; elided ones end in '
    linking: frozenset[str] = frozenset()  # before a determiner, it opens no subject (de la)
    coordinators: frozenset[str] = frozenset()  # the linking words that join equals (et)
    addressees: frozenset[str] = frozenset()  # open an addressee after a verb (à l'AFP)
    connectors: frozenset[str] = frozenset()  # between a role and a name (ministre de ...)
    particles: frozenset[str] = frozenset()  # lower-case parts of names (de, von, bin)
    adverbs: frozenset[str] = frozenset()  # between subject, auxiliary and verb (also, ensuite)
    adverb_suffixes: tuple[str, ...] = ()
    max_gap_words: int = 0  # words read between a verb and its complementizer
    not_complementizer: frozenset[str] = frozenset()  # before que, makes it none (alors que)
    infinitives: frozenset[str] = frozenset()  # open an infinitive complement (affirme avoir)
    negations: frozenset[str] = frozenset()  # around a negated infinitive (dit ne pas savoir)
    # Before a verb with "que" right after it, make that "que" mean "only" (ne relève que de).
    restrictive: frozenset[str] = frozenset()
    clitics: frozenset[str] = frozenset()  # before an infinitive (affirme *en* avoir)
    bare_clause: bool = False  # whether a verb may govern a clause without complementizer
    inverted_in_incise_only: bool = False  # a subject after its verb only in an incise
    bare_clause_verbs: frozenset[str] = frozenset()  # the forms that may (said, says, told)
    object_verbs: frozenset[str] = frozenset()  # forms with an object first (told reporters)
    object_content_verbs: frozenset[str] = frozenset()  # their object is what was said
    clause_openers: frozenset[str] = frozenset()  # words opening such a clause (there, we)
    object_pronouns: frozenset[str] = frozenset()  # objects of a verb (told *him* …)
    first_person: frozenset[str] = frozenset()  # pronouns that name no one of the article (I)
    # Pronouns that only ever stand for a person, never for an organisation (he, she; not the
    # French elle, which an agency takes).
    personal_pronouns: frozenset[str] = frozenset()
    # Before a name, they make that mention a place named after the person (la salle Louise
    # Michel) or a photo credit (© Jean Dupont), not the person in the story.
    namesake_nouns: frozenset[str] = frozenset()
    credit_marks: frozenset[str] = frozenset()
    clause_breaks: frozenset[str] = frozenset()  # after a comma, end a reported clause
    # After a comma, before a speech verb, these end a reported clause (…, mais assure …).
    clause_coordinators: frozenset[str] = frozenset()
    # Pronouns that stand for the person named last, whatever their role (ce dernier).
    latter: frozenset[str] = frozenset()
    # A preposition and a definite article in one word (du = de le): the phrase they open is
    # definite (aux yeux du ministre).
    fused_articles: frozenset[str] = frozenset()
    # After a verb, give what it is about, not what was said (speaking of X, talking about X).
    topic_prepositions: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()  # open no reported clause (told reporters as …)
    time_words: frozenset[str] = frozenset()  # end a subject (a déclaré le ministre *mardi*)
    # Prepositions of a circumstance: they end a subject read after its verb (a déclaré le
    # ministre *devant* les députés); those of ``addressees`` do so before a common noun.
    circumstance_prepositions: frozenset[str] = frozenset()
    # Open an adverbial clause whose verb shares the subject of the verb before it (« … »,
    # ajoute-t-il, *avant de* préciser que …; he said *before* adding that …).
    adverbial_openers: frozenset[str] = frozenset()
    # Link an object to quoted words that qualify it (a qualifié la décision *de* « honteuse »).
    attribute_links: frozenset[str] = frozenset()
    participle_suffixes: tuple[str, ...] = ()  # a participle alone, with these, cues nothing
    gerund_suffixes: tuple[str, ...] = ()  # present participles: no subject after them
    finite_markers: frozenset[str] = frozenset()  # finite verbs that show it is one (is, will)
    # What the parse reader leaves alone: forms of verbs that, with an infinitive or an object,
    # mostly say something else (continue à, maintient des positions), and words
    # that never name a speaker as subjects (cela, ce, it).
    parse_skip: frozenset[str] = frozenset()
    # Those of them whose other sense takes a preposition (relève de): with a direct object
    # carrying quoted words they report speech (relève le « risque … »).
    parse_quoted_object: frozenset[str] = frozenset()
    # Verbs of no list that report speech when what they name something is quoted (called
    # it "a disgrace", l'a traité de « menteur »): forms, read by the parse only.
    parse_naming: frozenset[str] = frozenset()
    # Prepositions whose object, carrying quoted words, is what a speech verb reported
    # (warned of « … », talked about « … »), where the parse hangs the object from them.
    parse_object_prepositions: frozenset[str] = frozenset()
    parse_object_prepositions_said: frozenset[str] = frozenset()  # part of the quote (de, du)
    not_subjects: frozenset[str] = frozenset()
    # Verbs whose expletive subject is impersonal (il faut): never a speaker.
    impersonal_verbs: frozenset[str] = frozenset()
    # Whether a speech verb the model tagged as a noun or an adjective is read from the words
    # around it (French: "juge", "critique" are nouns too, and the model often takes them so).
    parse_mistagged: bool = False
    # Words of attributions built around the verb (see ``constructions``): comparison (comme),
    # cataphora (c'est ce qu'), narrative (et de), documents and document_links.
    constructions: Mapping[str, tuple[str, ...]] = field(default_factory=_empty)


@dataclass(frozen=True)
class Conjugation:
    """The forms of one verb, and which of them are past participles."""

    forms: frozenset[str]
    participles: frozenset[str]
    # Forms that only reflexive lemmas give (inquiète from s'inquiéter): a cue only with
    # their pronoun (s'inquiète, se sont inquiétés).
    reflexive: frozenset[str] = frozenset()


@cache
def lexicon_for(language: str | None) -> QuoteLexicon:
    """The lexicon of ``language``; a language without a data file gets an empty one (first
    names only), so that direct quotes are still found from their punctuation alone.

    >>> lexicon_for("xx").verbs, lexicon_for("xx").first_names["julianne"]
    (frozenset(), 'f')
    """
    names = first_names()
    path = DATA / f"quotes_{language}.toml"
    if not language or not path.is_file():
        return QuoteLexicon(language=language, first_names=names)
    with path.open("rb") as f:
        data = tomllib.load(f)
    return lexicon_from_data(language, data, names)


def lexicon_from_data(
    language: str | None, data: Mapping[str, Any], names: Mapping[str, Gender]
) -> QuoteLexicon:
    """A lexicon from the parsed tables of a ``quotes_<lang>.toml`` file (see them for meaning)."""
    verbs = data.get("verbs", {})
    conjugation = conjugate(verbs)
    words = data.get("words", {})
    nouns = data.get("person_nouns", {})
    person_nouns = _genders(
        (nouns.get("common", []), None),
        (nouns.get("masculine", []), "m"),
        (nouns.get("feminine", []), "f"),
    )
    return QuoteLexicon(
        language=language,
        verbs=conjugation.forms,
        participles=conjugation.participles,
        verb_lemmas=frozenset(
            _REFLEXIVE.sub("", lemma)
            for lemma in [
                *verbs.get("lemmas", []),
                *verbs.get("second_group", []),
                *verbs.get("irregular", {}),
            ]
        ),
        reflexive_only=conjugation.reflexive,
        auxiliaries=_lower_set(words.get("auxiliaries", [])),
        passive=_lower_set(words.get("passive", [])),
        reflexives=_lower_set(words.get("reflexives", [])),
        agents=_lower_set(words.get("agents", [])),
        complementizers=tuple(words.get("complementizers", [])),
        prepositions=_longest_first(words.get("prepositions", [])),
        sentence_initial_only=_lower_set(words.get("sentence_initial_only", [])),
        pronouns=MappingProxyType(
            {
                p.lower(): (_gender(v[0]) if v[0] else None, _number(v[1]))
                for p, v in data.get("pronouns", {}).items()
            }
        ),
        honorifics=MappingProxyType({h: _gender(g) for h, g in data.get("honorifics", {}).items()}),
        title_abbreviations=MappingProxyType(dict(data.get("title_abbreviations", {}))),
        person_nouns=MappingProxyType(person_nouns),
        office_nouns=_lower_set(nouns.get("offices", [])),
        ranks=_lower_set(nouns.get("ranks", [])),
        concerned=_lower_set(nouns.get("concerned", [])),
        general_roles=MappingProxyType(
            {g.lower(): _lower_set(r) for g, r in nouns.get("general", {}).items()}
        ),
        periphrases=_periphrases(
            data.get("periphrases", {}), person_nouns, data.get("grammar", {}).get("connectors", [])
        ),
        trade_nouns=frozenset(person_nouns)
        - _lower_set(nouns.get("shared_with_organisations", [])),
        org_nouns=_lower_set(data.get("org_nouns", {}).get("words", []))
        | _lower_set(data.get("org_nouns", {}).get("generic", [])),
        generic_org_nouns=_lower_set(data.get("org_nouns", {}).get("generic", [])),
        org_kinds=MappingProxyType(
            {
                noun.lower(): kind
                for kind, nouns in enumerate(data.get("org_nouns", {}).get("kinds", []))
                for noun in nouns
            }
        ),
        document_nouns=_lower_set(data.get("org_nouns", {}).get("documents", [])),
        media_nouns=_lower_set(data.get("org_nouns", {}).get("media", [])),
        media_or_other_nouns=_lower_set(data.get("org_nouns", {}).get("media_or_other", [])),
        evidence_nouns=_lower_set(data.get("org_nouns", {}).get("evidence", [])),
        article_genders=MappingProxyType(
            {a.lower(): _gender(g) for a, g in nouns.get("articles", {}).items()}
        ),
        anonymous=_lower_set(data.get("anonymous", {}).get("words", [])),
        first_names=names,
        phrases=_longest_first(phrases(verbs)),
        **_grammar(data.get("grammar", {}), verbs),
        parse_skip=frozenset(
            f for lemma in data.get("parse", {}).get("not_speech", []) for f in _forms(lemma, verbs)
        ),
        parse_quoted_object=frozenset(
            f
            for lemma in data.get("parse", {}).get("speech_with_quoted_object", [])
            for f in _forms(lemma, verbs)
        ),
        parse_naming=frozenset(
            f for lemma in data.get("parse", {}).get("naming", []) for f in _forms(lemma, verbs)
        ),
        parse_object_prepositions=_lower_set(data.get("parse", {}).get("object_prepositions", [])),
        parse_object_prepositions_said=_lower_set(
            data.get("parse", {}).get("object_prepositions_said", [])
        ),
        not_subjects=_lower_set(data.get("parse", {}).get("not_subjects", [])),
        impersonal_verbs=_lower_set(data.get("parse", {}).get("impersonal_verbs", [])),
        parse_mistagged=bool(data.get("parse", {}).get("mistagged_verbs", False)),
        constructions=MappingProxyType(
            {k: tuple(v) for k, v in data.get("constructions", {}).items()}
        ),
    )


def _periphrases(
    table: Mapping[str, list[str]],
    person_nouns: Mapping[str, Gender | None],
    connectors: Iterable[str],
) -> Mapping[str, tuple[Role, ...]]:
    """The ``[periphrases]`` table by ``name_key``, each role as its noun (the first of its
    words that is a role noun) and its other words but connectors, by ``name_key``."""
    linking = {name_key(c) for c in connectors}
    found: dict[str, tuple[Role, ...]] = {}
    for periphrasis, roles in table.items():
        read = []
        for role in roles:
            split = role.lower().split()
            noun = next(w for w in split if w in person_nouns)
            read.append((noun, frozenset(name_key(w) for w in split) - linking - {name_key(noun)}))
        found[name_key(periphrasis)] = tuple(read)
    return MappingProxyType(found)


def _grammar(table: Mapping[str, Any], verbs: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of the ``[grammar]`` table; its verb lists are lemmas, conjugated."""
    sets = (
        "abbreviations", "determiners", "linking", "connectors", "particles", "adverbs",
        "not_complementizer", "infinitives", "negations", "restrictive", "clitics",
        "clause_openers", "finite_markers", "object_pronouns", "clause_breaks", "subordinators",
        "first_person", "personal_pronouns", "time_words", "namesake_nouns", "credit_marks",
        "coordinators", "addressees", "topic_prepositions", "circumstance_prepositions",
        "adverbial_openers", "attribute_links", "clause_coordinators", "latter",
        "fused_articles",
    )  # fmt: skip
    fields: dict[str, Any] = {name: _lower_set(table.get(name, [])) for name in sets}
    for name in ("bare_clause_verbs", "object_verbs", "object_content_verbs"):
        fields[name] = frozenset(f for lemma in table.get(name, []) for f in _forms(lemma, verbs))
    fields["adverb_suffixes"] = tuple(table.get("adverb_suffixes", []))
    fields["participle_suffixes"] = tuple(table.get("participle_suffixes", []))
    fields["gerund_suffixes"] = tuple(table.get("gerund_suffixes", []))
    fields["max_gap_words"] = int(table.get("max_gap_words", 0))
    fields["bare_clause"] = bool(table.get("bare_clause", False))
    fields["inverted_in_incise_only"] = bool(table.get("inverted_in_incise_only", False))
    return fields


@cache
def first_names() -> Mapping[str, Gender]:
    """First names (lower case) and the gender they usually mark; a name written in two lists,
    or in ``ambiguous``, marks none and is left out."""
    with (DATA / "first_names.toml").open("rb") as f:
        data = tomllib.load(f)
    genders = _genders(
        (data.get("male", []), "m"),
        (data.get("female", []), "f"),
        (data.get("ambiguous", []), None),
    )
    return MappingProxyType({name: g for name, g in genders.items() if g is not None})


def conjugate(verbs: Mapping[str, Any]) -> Conjugation:
    """Every form of the verbs of a ``[verbs]`` table: lemmas through the language's rules,
    irregular verbs from their principal parts, plus forms listed as they are."""
    forms: set[str] = set(verbs.get("forms", []))
    participles: set[str] = set(verbs.get("participles", []))
    lemmas: list[tuple[str, list[str] | None]] = [
        *((lemma, None) for lemma in [*verbs.get("lemmas", []), *verbs.get("second_group", [])]),
        *((lemma, list(parts)) for lemma, parts in verbs.get("irregular", {}).items()),
    ]
    plain: set[str] = set(forms)
    for lemma, parts in lemmas:
        reflexive = _REFLEXIVE.match(lemma)
        bare = lemma.removeprefix(reflexive[0]) if reflexive else lemma
        one = _rules(verbs)(bare, parts, verbs)
        forms |= one.forms - _present_participles(one) if reflexive else one.forms
        plain |= set() if reflexive else one.forms
        participles |= one.participles
    forms -= set(verbs.get("exclude", []))
    return Conjugation(frozenset(forms), frozenset(participles & forms), frozenset(forms - plain))


def phrases(verbs: Mapping[str, Any]) -> list[str]:
    """The multi-word cues of a ``[verbs]`` table, their first verb inflected, with the
    auxiliaries of ``phrase_auxiliaries`` before its participle.

    >>> table = {"inflection": "en", "phrases": ["point out"], "phrase_auxiliaries": ["has"]}
    >>> sorted(phrases(table))
    ['has pointed out', 'point out', 'pointed out', 'pointing out', 'points out']
    """
    if not verbs.get("phrases"):
        return []
    rules = _rules(verbs)
    tables = {**verbs.get("phrase_verbs", {}), **verbs.get("irregular", {})}
    out: list[str] = []
    for phrase in verbs["phrases"]:
        head, rest = phrase.lower().split(" ", 1)
        parts = tables.get(head)
        one = rules(head, list(parts) if parts is not None else None, verbs)
        # Inside a phrase the participle does not agree (elle a mis en garde): only its
        # shortest form, the masculine singular, is kept.
        participle = min(one.participles, key=lambda p: (len(p), p))
        out += [f"{form} {rest}" for form in one.forms - one.participles | {participle}]
        out += [f"{aux} {participle} {rest}" for aux in verbs.get("phrase_auxiliaries", [])]
    return out


def _forms(lemma: str, verbs: Mapping[str, Any]) -> frozenset[str]:
    """The forms of one verb of a ``[verbs]`` table, regular or irregular."""
    parts = verbs.get("irregular", {}).get(lemma)
    return _rules(verbs)(lemma, list(parts) if parts is not None else None, verbs).forms


# Rules: (lemma, principal parts or None for a regular verb, the [verbs] table) -> Conjugation.
Rules = Callable[[str, list[str] | None, Mapping[str, Any]], Conjugation]
_REFLEXIVE = re.compile(r"^(?:s'|s’|se )")


def _rules(verbs: Mapping[str, Any]) -> Rules:
    name = verbs.get("inflection", "")
    if name not in _RULES:
        raise ValueError(f"no inflection rules named {name!r}; known: {', '.join(_RULES)}")
    return _RULES[name]


def _present_participles(one: Conjugation) -> set[str]:
    # A reflexive verb's gerund always carries its pronoun (s'inquiétant); alone, the form is
    # an adjective (inquiétant, étonnant) and would cue nothing.
    return {f for f in one.forms if f.endswith("ant")}


# French -------------------------------------------------------------------------------------

_FR_VOWELS = "aeiouyàâäéèêëîïôöûùü"


def _french(lemma: str, parts: list[str] | None, verbs: Mapping[str, Any]) -> Conjugation:
    """French forms: the third-person tenses of news prose, infinitive, both participles.

    >>> sorted(_french("lancer", None, {}).forms)[:6]
    ['lance', 'lancent', 'lancer', 'lancera', 'lanceraient', 'lancerait']
    """
    if parts is not None:
        return _french_irregular(lemma, parts)
    if lemma in {_REFLEXIVE.sub("", v) for v in verbs.get("second_group", [])}:
        stem = lemma[:-2]
        return _french_from_parts(
            lemma,
            [stem + "it", stem + "issent", stem + "issait", stem + "it", stem + "ira"],
            stem + "issant",
            stem + "i",
        )
    if not lemma.endswith("er"):
        raise ValueError(f"{lemma!r} is not a regular -er verb: give its principal parts")
    stem = lemma[:-2]
    soft = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem
    mute, futures = _mute_stems(stem, lemma in verbs.get("double_consonant", []))
    forms = {lemma, soft + "a", stem + "èrent", soft + "ait", soft + "aient", soft + "ant"}
    for m in mute:
        forms |= {m + "e", m + "ent"}
    for f in futures:
        forms |= {f + "era", f + "eront", f + "erait", f + "eraient"}
    participles = {stem + "é", stem + "ée", stem + "és", stem + "ées"}
    return Conjugation(frozenset(forms | participles), frozenset(participles))


def _mute_stems(stem: str, double: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The stems before a mute e (présent: lève, appelle, répète, nettoie) and of the future.

    >>> _mute_stems("répét", False)
    (('répèt',), ('répét', 'répèt'))
    """
    if double:  # appeler -> appelle, jeter -> jette
        return (stem + stem[-1],), (stem + stem[-1],)
    if stem.endswith(("oy", "uy")):  # nettoyer -> nettoie, appuyer -> appuie
        return (stem[:-1] + "i",), (stem[:-1] + "i",)
    if stem.endswith("ay"):  # payer -> paie or paye
        return (stem[:-1] + "i", stem), (stem[:-1] + "i", stem)
    core = stem[:-1] if stem.endswith(("gu", "qu")) else stem
    match = re.search(rf"([{_FR_VOWELS}])([^{_FR_VOWELS}]+)$", core)
    if match is None:
        return (stem,), (stem,)
    vowel, consonants = match[1], match[2]
    before = core[match.start() - 1] if match.start() else ""
    single = len(consonants) == 1 or (
        len(consonants) == 2 and (consonants[1] in "rl" or consonants in ("ch", "gn", "ph", "th"))
    )
    changed = stem[: match.start()] + "è" + stem[match.start() + 1 :]
    if vowel == "e" and len(consonants) == 1 and before not in _FR_VOWELS:
        return (changed,), (changed,)  # lever -> lève, lèvera
    if vowel == "é" and single:
        return (changed,), (stem, changed)  # répéter -> répète; répétera or répètera
    return (stem,), (stem,)


def _french_irregular(lemma: str, parts: list[str]) -> Conjugation:
    if len(parts) != 7:
        raise ValueError(f"{lemma!r}: give 7 principal parts, not {len(parts)}")
    return _french_from_parts(lemma, parts[:5], parts[5], parts[6])


def _french_from_parts(lemma: str, finite: list[str], gerund: str, participle: str) -> Conjugation:
    """Forms from the principal parts: présent 3sg, 3pl, imparfait 3sg, passé simple 3sg (in
    -t), futur 3sg; the rest follows (disait -> disaient, dit -> dirent, dira -> diront, dirait).
    """
    present, plural, imperfect, simple, future = finite
    forms = {lemma, present, plural, imperfect, imperfect[:-1] + "ent", simple, gerund}
    forms |= {simple[:-1] + "rent", future, future[:-1] + "ont"}
    forms |= {future[:-1] + "ait", future[:-1] + "aient"}
    plural_participle = participle if participle.endswith(("s", "x")) else participle + "s"
    participles = {participle, participle + "e", plural_participle, participle + "es"}
    return Conjugation(frozenset(forms | participles), frozenset(participles))


# English ------------------------------------------------------------------------------------


def _english(lemma: str, parts: list[str] | None, verbs: Mapping[str, Any]) -> Conjugation:
    """English forms: base, 3sg, past, past participle, -ing.

    >>> sorted(_english("deny", None, {}).forms)
    ['denied', 'denies', 'deny', 'denying']
    """
    if parts is not None:
        if len(parts) != 4:
            raise ValueError(f"{lemma!r}: give 4 principal parts, not {len(parts)}")
        third, past, participle, gerund = parts
        return Conjugation(
            frozenset({lemma, third, past, participle, gerund}), frozenset({participle})
        )
    double = lemma in verbs.get("double_consonant", [])
    consonant_y = lemma.endswith("y") and lemma[-2:-1] not in "aeiou"
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        third = lemma + "es"
    else:
        third = lemma[:-1] + "ies" if consonant_y else lemma + "s"
    if double:
        past, gerund = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    elif lemma.endswith("e"):
        past = lemma + "d"
        gerund = (
            lemma[:-2] + "ying"
            if lemma.endswith("ie")
            else lemma + "ing"
            if lemma.endswith(("ee", "ye", "oe"))
            else lemma[:-1] + "ing"
        )
    else:
        past, gerund = (lemma[:-1] + "ied" if consonant_y else lemma + "ed"), lemma + "ing"
    return Conjugation(frozenset({lemma, third, past, gerund}), frozenset({past}))


_RULES: dict[str, Rules] = {"fr": _french, "en": _english}


# Helpers ------------------------------------------------------------------------------------


def _lower_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({w.lower() for w in words}, key=lambda w: (-len(w), w)))


def _genders(*lists: tuple[Iterable[str], Gender | None]) -> dict[str, Gender | None]:
    """Words (lower case) to the gender of their list; a word in two lists gets None."""
    seen: dict[str, set[Gender | None]] = {}
    for words, gender in lists:
        for word in words:
            seen.setdefault(word.lower(), set()).add(gender)
    return {word: genders.pop() if len(genders) == 1 else None for word, genders in seen.items()}


def _gender(value: str) -> Gender:
    if value not in ("m", "f"):
        raise ValueError(f"gender {value!r} is not 'm' or 'f'")
    return cast(Gender, value)


def _number(value: str) -> Number:
    if value not in ("sg", "pl"):
        raise ValueError(f"number {value!r} is not 'sg' or 'pl'")
    return cast(Number, value)
