"""Named entities: the model's spans, cleaned into name mentions, grouped into entities per article.

A mention is the name as written, without what surrounds it in running text: leading articles
and elisions (``l'OTAN`` -> ``OTAN``), honorifics and titles (``M. Macron`` -> ``Macron``; the
title stays readable just before ``start``), possessives and punctuation. Mentions with the same
name (case- and accent-insensitive) are one entity; a surname alone joins the one person of the
article whose full name ends with it (of namesakes, the one named before the surname first stood
alone), whatever label the model gave the lone surname. The rules per language are data:
``data/entities_<lang>.toml``.

An entity naming a known fact (``data/organizations.toml``: ``OTAN``, ``NATO``) then takes the
fact's id and label, the same in every article and language (see ``linking``).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsdesk.analyze.commonwords import common_words, is_common_word, lemma_suffixes
from newsdesk.analyze.lexicon import lexicon_for
from newsdesk.analyze.linking import Linker, link_entities
from newsdesk.analyze.names import PARTICLES, first_names
from newsdesk.records import Analysis, Entity, EntityLabel, Mention, name_key

DATA = Path(__file__).parent / "data"
LABELS: tuple[EntityLabel, ...] = ("PER", "ORG", "LOC", "MISC")
_SPACE = re.compile(r"\s+")
_DASHES = re.compile(r"[-‐‑‒–—―]")
_CLOSING = {")": "(", "]": "[", "}": "{"}


@dataclass(frozen=True)
class EntityRules:
    """How the spans of one language become names (read from ``entities_<lang>.toml``)."""

    labels: Mapping[str, EntityLabel]
    label_patterns: tuple[tuple[re.Pattern[str], EntityLabel], ...] = ()
    leading: tuple[str, ...] = ()  # lower case, apostrophes as ', longest first
    apostrophes: str = "'’"
    sentence_openers: str = ".!?\n"
    honorifics: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # lower case, longest first
    complements: frozenset[str] = frozenset()  # open a title's complement (de, of)
    portfolios: tuple[str, ...] = ()  # offices followed by a portfolio (ministre de la Culture)
    suffixes: tuple[str, ...] = ()
    punctuation: str = ""
    keep_final_period: re.Pattern[str] | None = None
    separators: tuple[str, ...] = ("\n",)
    group_articles: re.Pattern[str] | None = None  # "the Dodgers": a team, no person
    thing_article: re.Pattern[str] | None = None  # "the Bill will": a thing, no person
    common_openers: bool = False  # "Mystère plane…": a common word opening a sentence
    kinds: tuple[tuple[re.Pattern[str], EntityLabel], ...] = ()  # "the platform X": no person
    appositions: tuple[tuple[re.Pattern[str], EntityLabel], ...] = ()  # "X, the club where"
    named_after: tuple[tuple[re.Pattern[str], EntityLabel], ...] = ()  # "le lycée X"
    examples: tuple[tuple[re.Pattern[str], EntityLabel], ...] = ()  # "drugs such as X and Y"
    list_joins: re.Pattern[str] | None = None  # ", " / " and " between the names of a list

    @classmethod
    def from_toml(cls, path: Path, places: Mapping[str, list[str]] | None = None) -> EntityRules:
        """Rules from one data file; ``places`` as in ``from_data``."""
        with path.open("rb") as f:
            data = tomllib.load(f)
        return cls.from_data(data, places)

    @classmethod
    def from_data(
        cls, data: Mapping[str, Any], places: Mapping[str, list[str]] | None = None
    ) -> EntityRules:
        """Rules from the parsed TOML tables (see ``data/entities_fr.toml`` for their meaning);
        ``places`` is the language's table of place feature words (``features.<lang>`` in
        ``places.toml``: ``la ville de``, ``the town of``), nouns that say a place follows."""
        leading, titles = data.get("leading", {}), data.get("titles", {})
        apostrophes = "".join(leading.get("apostrophes", ["'", "’"]))

        def straight(word: str) -> str:
            return word.translate({ord(a): "'" for a in apostrophes})

        def longest_first(words: Iterable[str]) -> tuple[str, ...]:
            return tuple(sorted({straight(w) for w in words}, key=len, reverse=True))

        final = data.get("punctuation", {}).get("keep_final_period")
        trailing = data.get("trailing", {})
        return cls(
            labels={k: _label(v) for k, v in data.get("labels", {}).items() if isinstance(v, str)},
            label_patterns=tuple(
                (re.compile(p["pattern"]), _label(p["label"]))
                for p in data.get("label_patterns", [])
            ),
            leading=longest_first(w.lower() for w in leading.get("forms", [])),
            apostrophes=apostrophes,
            sentence_openers="".join(leading.get("sentence_openers", [".", "!", "?", "\n"])),
            honorifics=longest_first(titles.get("honorifics", [])),
            titles=longest_first(w.lower() for w in titles.get("words", [])),
            complements=frozenset(straight(w.lower()) for w in titles.get("complements", [])),
            portfolios=longest_first(straight(w.lower()) for w in titles.get("portfolios", [])),
            suffixes=longest_first(
                [*trailing.get("suffixes", []), *(f" {w}" for w in trailing.get("words", []))]
            ),
            punctuation="".join(data.get("punctuation", {}).get("strip", [])),
            keep_final_period=re.compile(final) if final else None,
            separators=tuple(data.get("split", {}).get("separators", ["\n"])),
            group_articles=_group_articles(data.get("groups", {})),
            thing_article=_thing_article(data.get("groups", {})),
            common_openers=bool(data.get("common_words", {}).get("sentence_openers", False)),
            kinds=_kind_patterns(data.get("kinds", {}), places or {}),
            appositions=_apposition_patterns(data.get("kinds", {}), places or {}),
            named_after=_named_after_patterns(data.get("named_after", {})),
            examples=_example_patterns(data.get("kinds", {})),
            list_joins=_list_joins(data.get("kinds", {})),
        )


def _group_articles(groups: Mapping[str, Any]) -> re.Pattern[str] | None:
    """A pattern matching a plural article (``groups.articles``) right before a name, the
    name itself looked at from the article on, with the plural's mark (``groups.plural``)."""
    articles = groups.get("articles", [])
    if not articles:
        return None
    words = "|".join(re.escape(a) for a in articles)
    return re.compile(rf"(?<!\w)(?:{words})\s+(?=\w+{groups.get('plural', '')}$)", re.IGNORECASE)


def _thing_article(groups: Mapping[str, Any]) -> re.Pattern[str] | None:
    """A pattern matching a singular article (``groups.singular``) right before a name, and
    after it what shows the name is no noun's modifier: punctuation, the end, or one of the
    verbs ``groups.verbs`` (``the Bill will``, ``editor of the Standard,``)."""
    articles = "|".join(re.escape(a) for a in groups.get("singular", []))
    if not articles:
        return None
    verbs = "|".join(re.escape(v) for v in groups.get("verbs", []))
    after = r"\s*(?:[^\w\s]|$)" + (rf"|\s+(?:{verbs})(?!\w)" if verbs else "")
    return re.compile(rf"(?<!\w)(?:{articles})\s+(?P<name>\w+)(?={after})", re.IGNORECASE)


def _kind_patterns(
    kinds: Mapping[str, Any], places: Mapping[str, list[str]]
) -> tuple[tuple[re.Pattern[str], EntityLabel], ...]:
    """Per label, a pattern matching a common noun that says what the name right after it
    names (``the platform``, ``la tempête``): ``kinds.<LABEL>`` are the nouns, ``kinds.of_<LABEL>``
    the nouns one of the ``kinds.of`` words joins to the name. The place feature words
    (``places``: ``the town of``, ``la ville d'``) are LOC nouns of both kinds, their ``links``
    joining words. Nouns are matched in lower case (capitalised, they open a sentence or belong
    to a name), except before a joining word (a place's own noun: ``Strait of Hormuz``)."""
    feature_words = _kind_nouns({}, places, "LOC")
    joining = [*kinds.get("of", []), *places.get("links", [])]
    joins = "|".join(
        re.escape(w) if w[-1] in "'’" else rf"{re.escape(w)}\s+" for w in sorted(set(joining))
    )
    found = []
    for label in LABELS:
        nouns = _kind_nouns(kinds, places, label)
        of_nouns = [*kinds.get(f"of_{label}", []), *(feature_words if label == "LOC" else [])]
        alternatives = []
        if nouns:
            alternatives.append(rf"(?:{'|'.join(re.escape(n) for n in sorted(set(nouns)))})\s+")
        if joins and of_nouns:
            linked = sorted({re.escape(n) for w in of_nouns for n in (w, w.capitalize())})
            alternatives.append(rf"(?:{'|'.join(linked)})\s+(?:{joins})")
        if alternatives:
            # The joined form first: "the town of |", not "the town |of".
            pattern = rf"(?<![\w-])(?:{'|'.join(reversed(alternatives))})"
            found.append((re.compile(pattern), _label(label)))
    return tuple(found)


def _kind_nouns(kinds: Mapping[str, Any], places: Mapping[str, list[str]], label: str) -> list[str]:
    """The nouns of ``label`` (``kinds.<label>``), and for LOC the place feature words."""
    feature_words = [w for kind, words in places.items() if kind != "links" for w in words]
    return [*kinds.get(label, []), *(feature_words if label == "LOC" else [])]


def _example_patterns(kinds: Mapping[str, Any]) -> tuple[tuple[re.Pattern[str], EntityLabel], ...]:
    """Per label, a pattern matching one of the label's nouns, singular or plural
    (``kinds.plural`` endings), and a phrase that introduces examples of it
    (``kinds.examples``: ``drugs such as |``, ``des plateformes telles que |``)."""
    introducers = "|".join(re.escape(w) for w in kinds.get("examples", []))
    if not introducers:
        return ()
    found = []
    for label in LABELS:
        nouns = kinds.get(label, [])
        # Capitalised too: a sentence may open with the noun ("Drugs such as …").
        forms = {f for n in nouns for f in (n, _plural(n, kinds.get("plural", {})))}
        forms |= {f.capitalize() for f in forms}
        if forms:
            alternatives = "|".join(re.escape(f) for f in sorted(forms))
            pattern = rf"(?<![\w-])(?:{alternatives})\s+(?:{introducers})\s+"
            found.append((re.compile(pattern), _label(label)))
    return tuple(found)


def _plural(noun: str, endings: Mapping[str, str]) -> str:
    """``noun`` in the plural by the first of ``endings`` (``{"y": "ies", "": "s"}``) it ends
    with; the empty ending applies to every noun."""
    for ending, plural in endings.items():
        if noun.endswith(ending):
            return noun[: len(noun) - len(ending)] + plural
    return noun


def _list_joins(kinds: Mapping[str, Any]) -> re.Pattern[str] | None:
    """A pattern matching all that stands between two names of a list: a comma, a
    conjunction (``kinds.conjunctions``: ``and``, ``et``), or a comma and a conjunction."""
    words = "|".join(re.escape(w) for w in kinds.get("conjunctions", []))
    if not words:
        return None
    return re.compile(rf"\s*,\s*(?:(?:{words})\s+)?|\s+(?:{words})\s+")


def _named_after_patterns(
    nouns: Mapping[str, list[str]],
) -> tuple[tuple[re.Pattern[str], EntityLabel], ...]:
    """Per label, a pattern matching a lower-case noun of the label's things that are named
    after people (``named_after.<LABEL>``: ``lycée``, ``rue``, ``loi``) right before a name."""
    found = []
    for label in LABELS:
        if words := nouns.get(label, []):
            alternatives = "|".join(re.escape(w) for w in sorted(set(words)))
            found.append((re.compile(rf"(?<![\w-])(?:{alternatives})\s+"), _label(label)))
    return tuple(found)


def _apposition_patterns(
    kinds: Mapping[str, Any], places: Mapping[str, list[str]]
) -> tuple[tuple[re.Pattern[str], EntityLabel], ...]:
    """Per label, a pattern matching what follows a name set in apposition to one of the
    label's nouns: a comma, an article (``kinds.apposition``), maybe one word, the noun, then
    what ends the noun phrase (``kinds.apposition_end``): ``, the club where``, ``, le média
    social``. ``, a company spokesman`` (the noun a modifier) does not match."""
    articles = kinds.get("apposition", [])
    if not articles:
        return ()
    article = "|".join(
        re.escape(a) if a[-1] in "'’" else rf"{re.escape(a)}\s+" for a in sorted(articles)
    )
    end = kinds.get("apposition_end", r"(?![\w-])")
    found = []
    for label in LABELS:
        if nouns := _kind_nouns(kinds, places, label):
            noun = "|".join(re.escape(n) for n in sorted(set(nouns)))
            pattern = rf",\s+(?:{article})(?:[\w-]+\s+)?(?:{noun}){end}"
            found.append((re.compile(pattern), _label(label)))
    return tuple(found)


@cache
def _place_words(language: str) -> dict[str, list[str]]:
    """The feature words ``places.toml`` gives ``language`` (``features.<lang>``)."""
    with (DATA / "places.toml").open("rb") as f:
        table: dict[str, list[str]] = tomllib.load(f).get("features", {}).get(language, {})
    return table


def _label(value: str) -> EntityLabel:
    if value not in LABELS:
        raise ValueError(f"entity label {value!r} is not one of {', '.join(LABELS)}")
    return value


@cache
def rules_for(language: str | None) -> EntityRules:
    """The rules of ``language``; a language without a data file gets the label mappings of all
    the data files (label schemes are per model, not per language) and no stripping rules."""
    path = DATA / f"entities_{language}.toml"
    if language and path.is_file():
        return EntityRules.from_toml(path, _place_words(language))
    labels: dict[str, EntityLabel] = {}
    for other in sorted(DATA.glob("entities_*.toml")):
        labels.update(EntityRules.from_toml(other).labels)
    return EntityRules(labels=labels)


def entity_id(label: str, name: str) -> str:
    """Stable id of an entity, the same in every article: 16 hex digits of sha1("LABEL:key").

    >>> entity_id("PER", "Jens Stoltenberg") == entity_id("PER", "JENS  STOLTENBERG")
    True
    """
    return hashlib.sha1(f"{label}:{name_key(name)}".encode()).hexdigest()[:16]


def relabel(entity: Entity, label: EntityLabel) -> Entity:
    """``entity`` with another label, and the id that name has under it."""
    return replace(entity, id=entity_id(label, entity.name), label=label)


# --- one span -> one mention --------------------------------------------------------------


def _opens_sentence(text: str, start: int, rules: EntityRules) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \u00a0\u202f":
        i -= 1
    return i < 0 or text[i] in rules.sentence_openers


def _leading_form(span: str, rules: EntityRules) -> tuple[int, bool] | None:
    """Length of the article or elision opening ``span``, and whether it is capitalised."""
    flat = span.translate({ord(a): "'" for a in rules.apostrophes})
    for form in rules.leading:
        n = len(form)
        head, rest = flat[:n], flat[n:]
        if head.lower() != form or not rest:
            continue
        # An elision is written against the name; an article is followed by a space.
        if not (rest[0].isalnum() if form.endswith("'") else rest[0].isspace() and rest.strip()):
            continue
        if head == form:
            return n, False
        if head == form[0].upper() + form[1:]:
            return n, True
    return None


def _title(span: str, label: EntityLabel, rules: EntityRules) -> int:
    """Length of the honorific or title opening ``span`` (0 if none).

    A title is stripped only before a capitalised word: ``président Emmanuel Macron`` names a
    person, ``président de la République`` is the office itself and stays whole.
    """
    flat = span.translate({ord(a): "'" for a in rules.apostrophes})
    for honorific in rules.honorifics:
        n = len(honorific)
        if flat.startswith(honorific) and flat[n : n + 1].isspace() and flat[n:].strip():
            return n
    if label != "PER":
        return 0
    lower = flat.lower()
    for title in rules.titles:
        n = len(title)
        if lower.startswith(title) and flat[n : n + 1].isspace() and flat[n:].strip()[:1].isupper():
            return n
    return 0


def _belongs_to_name(span: str, rules: EntityRules) -> bool:
    """Whether the last character of ``span`` is part of the name though it is punctuation:
    the period of an abbreviation (``U.S.``), a bracket the span opened (``(OMS)``)."""
    last = span[-1]
    if last == ".":
        return bool(rules.keep_final_period and rules.keep_final_period.search(span))
    if last in _CLOSING:
        return span.count(_CLOSING[last]) >= span.count(last)
    return last not in rules.punctuation


def _trim_end(span: str, rules: EntityRules) -> str:
    """``span`` without trailing spaces, punctuation and possessives."""
    while span:
        flat = span.translate({ord(a): "'" for a in rules.apostrophes})
        suffix = next((s for s in rules.suffixes if flat.endswith(s) and len(flat) > len(s)), "")
        if suffix:
            span = span[: -len(suffix)]
        elif span[-1].isspace() or not _belongs_to_name(span, rules):
            span = span[:-1]
        else:
            break
    return span


def clean_span(
    text: str, start: int, end: int, label: EntityLabel, rules: EntityRules, keep: frozenset[str]
) -> tuple[int, int] | None:
    """The name inside ``text[start:end]`` as (start, end), or None when no name is left.

    ``keep`` holds name keys written elsewhere in the article with a capitalised article in
    mid-sentence (``Le Monde``): at a sentence start that article is then kept too.
    """
    cut = min((i for s in rules.separators if (i := text.find(s, start, end)) != -1), default=end)
    end = cut
    while True:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in rules.punctuation):
            start += 1
        end = start + len(_trim_end(text[start:end], rules))
        span = text[start:end]
        form = _leading_form(span, rules)
        if form is not None:
            n, capital = form
            allowed = not capital or (
                label != "PER"
                and _opens_sentence(text, start, rules)
                and name_key(span) not in keep
            )
            if allowed:
                start += n
        start += _title(text[start:end], label, rules)
        if (start, end) == before:
            break
    name = text[start:end]
    if not any(c.isalpha() for c in name) or _is_title(name, rules):
        return None
    return start, end


def _titled_person(
    text: str, span: tuple[int, int], rules: EntityRules, people: frozenset[str]
) -> tuple[int, int] | None:
    """The person's name ending ``span`` when it opens with a title (``Premier ministre
    Andrej Babiš``, ``ministre de la Santé Roman Prymula``) and its last words are a name the
    model labelled as a person elsewhere in the article (``people``: their keys)."""
    start, end = span
    flat = _straight_lower(text[start:end], rules)
    title = next((t for t in rules.titles if flat.startswith(t + " ")), None)
    if title is None:
        return None
    words = list(re.finditer(r"\S+", text[start:end]))
    for word in words[1:]:
        if name_key(text[start + word.start() : end]) in people:
            return start + word.start(), end
    # "Premier ministre malien Cheick Modibo Diarra", "Prime Minister Justin Trudeau": after
    # the title and its adjectives in lower case, a name of two words or more opening with a
    # first name (or after a title written in lower case, as French writes offices).
    rest = words[len(title.split()) :]
    while rest and rest[0].group()[:1].islower():
        if _straight_lower(rest[0].group(), rules) in rules.complements:
            return None  # "ministre de la Santé Roman Prymula": left to the names above
        rest = rest[1:]
    if len(rest) < 2 or not all(w.group()[:1].isupper() for w in rest):
        return None
    lower_title = text[start + words[len(title.split()) - 1].start()].islower()
    if lower_title or rest[0].group().lower() in first_names():
        return start + rest[0].start(), end
    return None


def _portfolio_person(
    text: str, span: tuple[int, int], rules: EntityRules
) -> tuple[int, int] | None:
    """The person ending a span the model ran on from an office's portfolio into the name of
    its holder (``ministre de la Culture Rachida Dati``, or ``Économie Bruno Le Maire`` after
    ``le ministre de l'``): from a first name right after one capitalised word of portfolio to
    the span's end, two words or more."""
    start, end = span
    words = list(re.finditer(r"\S+", text[start:end]))
    flat = _straight_lower(text[start:end], rules)
    office = next((t for t in rules.portfolios if flat.startswith(t + " ")), None)
    first = len(office.split()) if office is not None else 0
    if office is None:
        # the office before the span, with only its complement's words between them
        before = _straight_lower(text[max(0, start - 50) : start], rules)
        between = next(
            (before[i + len(t) :] for t in rules.portfolios if (i := before.rfind(t + " ")) >= 0),
            None,
        )
        tokens = re.findall(r"[^\s']+'?", between or "")
        if between is None or len(tokens) > 4 or not tokens or tokens[-1] not in rules.complements:
            return None
    else:
        # "ministre de la Culture …": the complement's words after the office
        while (
            first < len(words) and _straight_lower(words[first].group(), rules) in rules.complements
        ):
            first += 1
    # one capitalised word of portfolio, then a first name and at least one more word
    if len(words) < first + 3 or not words[first].group()[:1].isupper():
        return None
    name = words[first + 1 :]
    if name[0].group().lower() not in first_names():
        return None
    if not all(w.group()[:1].isupper() or w.group() in PARTICLES for w in name):
        return None
    return start + name[0].start(), end


# The word right before a name, with the article elided into it (l'économiste).
_WORD_BEFORE = re.compile(r"(?:^|[\s'’])([^\W\d_]+)[ \u00a0]+$")


def _after_trade(text: str, span: tuple[int, int], trades: frozenset[str]) -> bool:
    """Whether a name the model gave to an organisation or a thing is a person's: written
    right after a noun of a trade or role (``economist Eswar Prasad``, ``the analyst Saikat
    Ray``, ``l'économiste X``), of two words or more, each capitalised."""
    start, end = span
    words = text[start:end].split()
    if len(words) < 2 or not all(w[:1].isupper() and w[1:2].islower() for w in words):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and before.group(1).lower() in trades


def _first_name_after_role(text: str, span: tuple[int, int], trades: frozenset[str]) -> bool:
    """Whether a one-word name the model gave a place, an organisation or a thing is a person
    named by first name: a known first name written right after a noun of a trade or role,
    a comma between or not (``Sa voisine, Fatou,``; ``the nurse Maria``)."""
    start, end = span
    name = text[start:end]
    if " " in name.strip() or name.lower() not in first_names():
        return False
    lead = text[max(0, start - 40) : start].rstrip()
    lead = lead[:-1] if lead.endswith(",") else lead
    before = _WORD_BEFORE.search(lead + " ")
    return before is not None and before.group(1).lower() in trades


def _straight_lower(word: str, rules: EntityRules) -> str:
    """``word`` in lower case, its apostrophes straight."""
    return word.translate({ord(a): "'" for a in rules.apostrophes}).lower()


def _is_title(name: str, rules: EntityRules) -> bool:
    """Whether ``name`` is nothing but an honorific (``M.``) or a title in lower case
    (``président``); capitalised, a title word may be a surname (``King``)."""
    flat = name.translate({ord(a): "'" for a in rules.apostrophes}).rstrip(".")
    if flat in {h.rstrip(".") for h in rules.honorifics}:
        return True
    return flat[:1].islower() and flat in rules.titles


def _capitalised_articles(
    text: str, spans: Sequence[tuple[int, int, EntityLabel]], rules: EntityRules
) -> frozenset[str]:
    """Keys of spans that open with a capitalised article in mid-sentence (``à La Haye``)."""
    keep = set()
    for start, end, _ in spans:
        form = _leading_form(text[start:end], rules)
        if form is not None and form[1] and not _opens_sentence(text, start, rules):
            keep.add(name_key(_trim_end(text[start:end], rules)))
    return frozenset(keep)


# --- mentions -> entities -----------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    text: str
    label: EntityLabel
    key: str

    @property
    def full_name(self) -> bool:
        return len(self.key.split()) >= 2


def _name_repeated(groups: dict[str, list[_Found]], text: str) -> None:
    """Adds to each person named in full the places the article writes that name again where
    the model found no entity (``Marine Le Pen a estimé``): one name, one person."""
    taken = sorted((f.start, f.end) for found in groups.values() for f in found)
    for found in list(groups.values()):
        people = [f for f in found if f.label == "PER" and f.full_name]
        if not people:
            continue
        name = people[0].text
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            found.append(_Found(start, end, name, "PER", people[0].key))
            taken.append((start, end))
        found.sort(key=lambda f: f.start)


def _is_suffix(short: str, long: str) -> bool:
    s, w = short.split(), long.split()
    return len(s) < len(w) and w[-len(s) :] == s


def _merge_surnames(groups: dict[str, list[_Found]]) -> None:
    """Fold a group whose name ends exactly one person's full name into that person."""
    people = [k for k, ms in groups.items() if any(m.full_name and m.label == "PER" for m in ms)]
    # Only the longest forms own surnames: "Le Pen" is itself a surname of "Marine Le Pen".
    owners = [p for p in people if not any(_is_suffix(p, q) for q in people)]
    for key in list(groups):
        if key in owners:
            continue
        matches = [p for p in owners if _is_suffix(key, p)]
        if len(matches) > 1:
            # Namesakes (a man and his wife): the surname alone is the one introduced before
            # it was first written alone; the other came later, named in full to tell them apart.
            first = min(m.start for m in groups[key])
            matches = [p for p in matches if _introduced(groups[p]) < first]
        if len(matches) == 1:
            groups[matches[0]].extend(groups.pop(key))


# A middle initial: a capital alone, with or without its period, between two names.
_MIDDLE_INITIAL = re.compile(r"(?<=\S) [A-ZÀ-Þ]\.?(?= \S)")


def _without_middle_initials(name: str) -> str:
    """``Donald J. Trump`` -> ``Donald Trump``; a first initial stays (``J. Smith``)."""
    return _MIDDLE_INITIAL.sub("", name)


def _merge_middle_initials(groups: dict[str, list[_Found]]) -> None:
    """Fold a person named with a middle initial into the same name written without it, when
    the article has that form too (``Donald J. Trump`` in a quoted post, ``Donald Trump`` in
    the text): one person, named as the article otherwise names them."""
    for key in list(groups):
        found = groups[key]
        if not any(m.label == "PER" for m in found):
            continue
        plain = name_key(_without_middle_initials(found[0].text))
        if plain != key and plain in groups and any(m.label == "PER" for m in groups[plain]):
            groups[plain].extend(groups.pop(key))


def _introduced(found: list[_Found]) -> int:
    """Where a person is first named in full."""
    return min((m.start for m in found if m.full_name), default=-1)


_POSSESSIVE = re.compile(r"['’]s\s")
# A capitalised word right after a name, one space between (``Ousmane`` ``Sonko``), or the
# rest of a hyphenated part (``Lai Ching`` ``-te``).
_FIRST_NAME_BEFORE = re.compile(r"(?<![\w'’-])([A-ZÀ-ÖØ-Þ][\w-]*) $")
_NEXT_NAME_WORD = re.compile(r" ([A-ZÀ-ÖØ-Þ][\w'’]*(?:-[\w'’]+)*)(?![\w.])|(-[a-zà-ÿ]+)(?!\w)")


def _run_on_name(
    text: str,
    span: tuple[int, int],
    others: Sequence[tuple[int, int]],
    common: frozenset[str],
    suffixes: tuple[tuple[str, str], ...],
    verbs: Container[str],
) -> tuple[int, int]:
    """A person's span taken over the capitalised words the model cut from it (``Ousmane`` in
    ``Ousmane Sonko a déclaré``, ``Tiemoko`` and ``Kouyaté`` as two people): words that are
    no common word (but after a particle: ``Bruno Le Maire``), in none of ``others`` (the
    spans of other labels), at most two; and back over a known first name right before it
    (``Marine Le Pen``)."""
    start, end = span
    before = _FIRST_NAME_BEFORE.search(text, max(0, start - 40), start)
    first = before.group(1).lower() if before is not None else ""
    if (
        before is not None
        and first in first_names()
        and first not in verbs  # "Said Quorbit Vane, a company spokesman"
        and not any(s < start and before.start() < e for s, e in others)
    ):
        start = before.start(1)  # "Marine" before "Le Pen"
    for _ in range(2):
        found = _NEXT_NAME_WORD.match(text, end)
        if found is None:
            break
        word = found.group(1) or found.group(2)
        last = text[start:end].split()[-1].lower()
        # "Bruno Le" "Maire": after a particle, a common word is the name's
        common_word = is_common_word(word.lower(), common, suffixes) and last not in PARTICLES
        # "Bruno" "Le Maire": a particle before another capitalised word is the name's
        particle = word.lower() in PARTICLES and _NEXT_NAME_WORD.match(text, found.end())
        if found.group(1) and common_word and not particle:
            break
        if any(s < found.end() and found.start() < e for s, e in others):
            break
        end = found.end()
    return start, end


_GLUED_S = re.compile(r"['’]s(?!\w)")
_ACRONYM = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ0-9&]{1,7}")
# Words an acronym leaves out (lower case only: "Organisation mondiale de la santé" -> OMS).
_SMALL_WORDS = frozenset(
    {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "pour", "sur", "à"}
    | {"of", "the", "and", "for", "on", "in"}
)


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s'’\-]+", name) if w and w not in _SMALL_WORDS]
    return "".join(w[0] for w in words).upper()


def _merge_acronyms(groups: dict[str, list[_Found]], text: str) -> None:
    """Fold an acronym into the one long form of the article it stands for: written beside it
    in brackets (``Organisation mondiale de la santé (OMS)``, ``OMS (Organisation …)``) or
    made of its initials (``NATO``, ``North Atlantic Treaty Organization``)."""
    acronyms = [k for k, ms in groups.items() if all(_ACRONYM.fullmatch(m.text) for m in ms)]
    longs = [k for k, ms in groups.items() if len(k.split()) >= 2 and ms[0].label != "PER"]
    for acronym in acronyms:
        written = groups[acronym][0].text
        beside = [
            k
            for k in longs
            for m in groups[k]
            if text.startswith(f" ({written})", m.end)
            or any(text.startswith(f" ({m.text})", a.end) for a in groups[acronym])
        ]
        matching = list(dict.fromkeys(beside)) or [
            k for k in longs if _initials(groups[k][0].text) == written
        ]
        if len(matching) == 1:
            groups[matching[0]].extend(groups.pop(acronym))


def _entity(found: list[_Found]) -> Entity:
    found.sort(key=lambda m: m.start)
    forms = [_SPACE.sub(" ", m.text) for m in found]
    label: EntityLabel
    if any(m.full_name and m.label == "PER" for m in found):
        label = "PER"
        # the longest name, a middle initial not counting (Donald Trump, not Donald J. Trump,
        # when the article writes both); max keeps the first of equal lengths
        name = max(forms, key=lambda f: (len(_without_middle_initials(f)), -len(f)))
    else:
        votes = Counter(m.label for m in found)
        label = max(votes, key=lambda lab: votes[lab])  # Counter keeps first-seen order
        counts = Counter(forms)
        name = max(counts, key=lambda form: counts[form])
    return Entity(
        id=entity_id(label, name),
        name=name,
        label=label,
        mentions=tuple(Mention(m.start, m.end, m.text) for m in found),
    )


def _one_word_person(entity: Entity) -> bool:
    """Whether ``entity`` is a "person" of one capitalised word that is no known first name
    (``Rose`` is a name and a word)."""
    name = entity.name
    return (
        entity.label == "PER"
        and " " not in name
        and not name.islower()
        and name.lower() not in first_names()
    )


def _unless_written_lower(entity: Entity, text: str) -> Entity:
    """A one-word "person" the article also writes in lower case (``Flydubai said`` beside ``a
    flydubai plane``) is a brand or a common word capitalised where a sentence opens: people's
    names keep their capital. Known first names are left alone (``Rose``, ``rose``)."""
    if not _one_word_person(entity):
        return entity
    if not re.search(rf"(?<![\w./@#]){re.escape(entity.name.lower())}(?!\w)", text):
        return entity
    return relabel(entity, "MISC")


def _unless_common_word(
    entity: Entity,
    text: str,
    rules: EntityRules,
    common: frozenset[str],
    suffixes: tuple[tuple[str, str], ...] = (),
) -> Entity:
    """A one-word "person" that only ever opens a sentence and that the language's lexicon
    lists as a common word, or a form of one by its lemmatizer's ``suffixes`` rules
    (``Mystère autour du…``, ``Distinguons les cas``, ``Interrogés, ils…``), is that word,
    capitalised because the sentence opens with it: a MISC name. Only where ``rules`` say so
    (a language whose surnames are seldom common words)."""
    if not rules.common_openers or not _one_word_person(entity):
        return entity
    if not is_common_word(entity.name.lower(), common, suffixes):
        return entity
    if all(_opens_sentence(text, m.start, rules) for m in entity.mentions):
        return relabel(entity, "MISC")
    return entity


def _unless_noun_phrase(entity: Entity, rules: EntityRules, common: frozenset[str]) -> Entity:
    """A "person" of several words that opens with a common word of the language's lexicon,
    no known first name nor a title (``Page Facebook de …``, ``Requiem de Verdi``, ``Auteure
    de …``), and holds a word in lower case, is a noun phrase the model took for a name: a
    person's name opens with the first name, and its particles (``de``, ``du``) come after it
    (``Marielle de Sarnez``). A MISC name. Only where ``rules`` say so, as for one word."""
    words = entity.name.split()
    if not rules.common_openers or entity.label != "PER" or len(words) < 2:
        return entity
    first = words[0].lower()
    if not words[0][0].isupper() or len(first) < 4 or first not in common:
        return entity  # a role in lower case (président de la République) is left to speakers
    if first in first_names():
        return entity
    if not any(w.islower() for w in words[1:]) or entity.name.lower() in rules.titles:
        return entity
    return relabel(entity, "MISC")


def _unless_group(entity: Entity, text: str, rules: EntityRules) -> Entity:
    """A one-word "person" written after a plural article (``the Dodgers``, ``the Scorpions``,
    ``les Bleus``) is a team, a band or a family, never one person: people's names take no
    article. An organisation."""
    if entity.label != "PER" or rules.group_articles is None or " " in entity.name:
        return entity
    for mention in entity.mentions:
        before = text[max(0, mention.start - 8) : mention.start] + mention.text
        if rules.group_articles.search(before):
            return relabel(entity, "ORG")
    return entity


def _unless_singular_article(entity: Entity, text: str, rules: EntityRules) -> Entity:
    """A one-word "person" the article only ever writes after a singular article, as a name
    of its own (``the Bill will also``, ``the former editor of the Standard,``), is a thing (a
    bill, a newspaper, a band): people's names take no article. A MISC name. A name that
    modifies a noun (``the Trump administration``) says nothing."""
    pattern = rules.thing_article
    if pattern is None or entity.label != "PER" or " " in entity.name:
        return entity
    for mention in entity.mentions:
        window = pattern.finditer(text, max(0, mention.start - 8), mention.end + 12)
        if all(found.start("name") != mention.start for found in window):
            return entity
    return relabel(entity, "MISC")


# What continues a name past its end ("Twitchy") or makes it a possessor ("Trump's health").
_NAME_GOES_ON = re.compile(r"[\w-]|['’]s\b")


@dataclass(frozen=True)
class _Kinds:
    """Where the article's nouns of a kind of thing stand: ``before`` holds (position, label)
    where a name introduced by one would start (``the platform |``), ``after`` where a name set
    beside one would end (``|, the club where``). Found once per article."""

    before: tuple[tuple[int, EntityLabel], ...]
    after: tuple[tuple[int, EntityLabel], ...]
    named_after: Mapping[int, EntityLabel]  # where a name a thing is named after would start

    @classmethod
    def of(cls, text: str, rules: EntityRules, spans: Iterable[tuple[int, int]] = ()) -> _Kinds:
        """The kinds of ``text``; ``spans`` are the article's name mentions, which a list of
        examples (``drugs such as X, Y and Z``) runs through."""
        return cls(
            tuple(
                (m.end(), label) for pattern, label in rules.kinds for m in pattern.finditer(text)
            )
            + _listed_examples(text, rules, sorted(spans)),
            tuple(
                (m.start(), label)
                for pattern, label in rules.appositions
                for m in pattern.finditer(text)
            ),
            {
                m.end(): label
                for pattern, label in rules.named_after
                for m in pattern.finditer(text)
            },
        )


def _listed_examples(
    text: str, rules: EntityRules, spans: list[tuple[int, int]]
) -> tuple[tuple[int, EntityLabel], ...]:
    """(start, label) of each name in a list of examples of a kind (``drugs such as Ozempic
    and Mounjaro``, ``bands like X, Y or Z``): the list runs from the phrase through names
    joined by commas and conjunctions."""
    joins = rules.list_joins
    found: list[tuple[int, EntityLabel]] = []
    for pattern, label in rules.examples:
        for match in pattern.finditer(text):
            position = match.end()
            for start, end in spans:
                if start < position:
                    continue
                if start != position and not (joins and joins.fullmatch(text, position, start)):
                    break
                found.append((start, label))
                position = end
    return tuple(found)


def _unless_kind(entity: Entity, text: str, kinds: _Kinds) -> Entity:
    """A "person" the article introduces with a common noun saying what it is (``the video
    platform Twitch``, ``the town of Grayvoron``, ``la tempête Ciaran``, ``la revue X``), or sets
    beside one (``Spurs, the club where…``), is that kind of thing: people's names follow
    titles and trades, never such nouns. Anywhere in the article counts, since the model may
    have found the name only elsewhere; not before a possessive (``the state of Trump's
    health`` names no place). One only ever written after a noun of things named after people
    (``le lycée X``, ``la salle X``, ``la loi X``) is that thing."""
    if entity.label != "PER":
        return entity
    named = {kinds.named_after.get(m.start) for m in entity.mentions}
    if len(named) == 1 and (label := named.pop()) is not None:
        # Only ever the name of a school, a street, a law (``le lycée X``, ``la rue X``): the
        # thing named after the person, who is not spoken of.
        return relabel(entity, label)
    name = entity.name
    for start, label in kinds.before:
        if text.startswith(name, start) and not _NAME_GOES_ON.match(text, start + len(name)):
            return relabel(entity, label)
    for end, label in kinds.after:
        start = end - len(name)
        before = text[start - 1] if start > 0 else " "
        if start >= 0 and text.startswith(name, start) and not _NAME_GOES_ON.match(before):
            return relabel(entity, label)
    return entity


# Two words a scraping fault ran together ("FillonLes", "AouarB."): a capital after four
# lower-case letters inside a word. Names with a capital after a short prefix (McDonald,
# DeSantis, MacKenzie, FitzGerald) stay.
_GLUED_WORDS = re.compile(r"[a-zß-ÿ]{4}[A-ZÀ-Þ]")
# A word made of a lower-case prefix and a name ("post-Hulot", "anti-Trump", "pro-Macron");
# particles of two letters stay names ("al-Assad", "el-Sisi").
_PREFIXED_NAME = re.compile(r"^[a-zß-ÿ]{3,}-[A-ZÀ-Þ]")


def _unless_name_shape(entity: Entity) -> Entity:
    """A "person" whose name has no person's shape is a MISC name: a digit (``Horus 4``,
    ``B6``, a table's ``Hamel27A.``; a monarch's number is written in Roman numerals) makes a
    product, a model or a scraping leftover; two words run together (``FillonLes``) a
    scraping leftover; a lower-case prefix (``post-Hulot``, ``anti-Trump``) a word made from
    a name, which names a time, a stance or a camp, not the person."""
    name = entity.name
    if entity.label == "PER" and (
        any(c.isdigit() for c in name) or _GLUED_WORDS.search(name) or _PREFIXED_NAME.match(name)
    ):
        return relabel(entity, "MISC")
    return entity


def find_entities(
    text: str,
    spans: Iterable[tuple[int, int, str]],
    rules: EntityRules,
    common: frozenset[str] = frozenset(),
    suffixes: tuple[tuple[str, str], ...] = (),
    trades: frozenset[str] = frozenset(),
    verbs: Container[str] = frozenset(),
) -> tuple[Entity, ...]:
    """Entities of one article from the model's ``(start, end, label)`` spans over ``text``;
    ``common`` are the language's common words (``commonwords``), in lower case, ``suffixes``
    its lemmatizer's suffix rules (``lemma_suffixes``), that tell a form of one; ``trades``
    its nouns of trades and roles (``economist``), that only people's names follow, ``verbs``
    its speech verbs' forms (``Said``, no first name before a name).

    >>> rules = rules_for("fr")
    >>> [e.name for e in find_entities("Selon l'OTAN et l'ONU", [(6, 12, "ORG")], rules)]
    ['OTAN']
    """
    labelled: list[tuple[int, int, EntityLabel]] = [
        (start, end, rules.labels[label]) for start, end, label in spans if label in rules.labels
    ]
    keep = _capitalised_articles(text, labelled, rules)
    spans_cleaned = [
        (cleaned, label)
        for start, end, label in labelled
        if (cleaned := clean_span(text, start, end, label, rules, keep)) is not None
    ]
    people = frozenset(name_key(text[s:e]) for (s, e), label in spans_cleaned if label == "PER")
    not_people = [(s, e) for s, e, label in labelled if label != "PER"]
    groups: dict[str, list[_Found]] = {}
    for cleaned, label in spans_cleaned:
        named = _titled_person(text, cleaned, rules, people)
        if named is not None:
            # "Premier ministre Andrej Babiš" (MISC), "ministre de la Santé Roman Prymula"
            # (ORG): an office before a person the article names.
            cleaned, label = named, "PER"
        elif label != "PER" and (held := _portfolio_person(text, cleaned, rules)) is not None:
            # "ministre de la Culture Rachida Dati" (ORG), "[ministre de l']Économie Bruno Le
            # Maire" (ORG): a portfolio run on into its holder's name.
            cleaned, label = held, "PER"
        elif label in {"ORG", "MISC"} and _after_trade(text, cleaned, trades):
            label = "PER"  # "warned economist Eswar Prasad", "l'analyste Saikat Ray"
        elif label != "PER" and _first_name_after_role(text, cleaned, trades):
            label = "PER"  # "Sa voisine, Fatou, a dû descendre" (LOC)
        lone_first_name = text[cleaned[0] : cleaned[1]].lower() in first_names()
        if label == "PER" or lone_first_name:
            cleaned = _run_on_name(text, cleaned, not_people, common, suffixes, verbs)
        possessive = "'s" in rules.suffixes
        if not possessive and (glued := _GLUED_S.match(text, cleaned[1])):
            # A language without a possessive 's writes it as part of a name ("Moody's",
            # "McDonald's"): the model's span, cut before it, is taken to its end.
            cleaned = (cleaned[0], glued.end())
        name = text[cleaned[0] : cleaned[1]]
        if label == "PER" and possessive and (cut := _POSSESSIVE.search(name)):
            # "Bryan Kohberger’s Pullman apartment": the person ends at the possessive.
            cleaned, name = (cleaned[0], cleaned[0] + cut.start()), name[: cut.start()]
        if not any(c.isupper() for c in name) and any(c.islower() for c in name):
            continue  # a common word the model took for a name ("pendaison")
        for pattern, forced in rules.label_patterns:
            if pattern.search(name):
                label = forced
                break
        key = name_key(name)
        groups.setdefault(key, []).append(_Found(cleaned[0], cleaned[1], name, label, key))
    _name_repeated(groups, text)
    _merge_middle_initials(groups)
    _merge_surnames(groups)
    _merge_acronyms(groups, text)
    kinds = _Kinds.of(text, rules, [(m.start, m.end) for ms in groups.values() for m in ms])
    entities = []
    for found in groups.values():
        entity = _unless_written_lower(_entity(found), text)
        entity = _unless_group(entity, text, rules)
        entity = _unless_common_word(entity, text, rules, common, suffixes)
        entity = _unless_noun_phrase(entity, rules, common)
        entity = _unless_singular_article(_unless_kind(entity, text, kinds), text, rules)
        entities.append(_unless_name_shape(entity))
    return tuple(sorted(entities, key=lambda e: e.mentions[0].start))


class EntityFinder:
    """The entities component: groups the ``ner`` pipe's spans into the article's entities and
    links those naming a known fact to it."""

    name = "entities"
    requires = frozenset({"ner"})

    def __init__(
        self, linker: Linker | None = None, models: Mapping[str, str] | None = None
    ) -> None:
        self.linker = linker or Linker.default()
        self.models = models or {}  # language -> pipeline, whose lexicon gives common words

    def __call__(self, doc: Doc, analysis: Analysis) -> Analysis:
        """``analysis`` with its entities found in ``doc`` (whose text is the article's)."""
        language = analysis.article.language
        spans = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        rules = rules_for(language)
        model = self.models.get(language or "")
        lexicon = model if rules.common_openers else None
        common = common_words(lexicon) if lexicon else frozenset()
        suffixes = lemma_suffixes(lexicon) if lexicon else ()
        trades = lexicon_for(language).trade_nouns
        verbs = lexicon_for(language).verbs
        found = find_entities(analysis.article.text, spans, rules, common, suffixes, trades, verbs)
        return replace(analysis, entities=link_entities(found, language, self.linker))
