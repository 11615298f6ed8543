"""How sure newsdesk is of a quotation and of its speaker, in [0, 1].

Each quotation carries the evidence it was found with: the reader that proposed it (an incise
after a quotation, a ``que`` clause, a parsed object, a colon, a continuation…) with its kind,
and the path its speaker was resolved by (a name, a pronoun to the current speaker or to another
person, a role, an organisation noun…). The confidence is the share of such quotations that were
right on annotated articles, read from ``data/confidence.toml``: of the quotations given 0.9,
about nine in ten were right there.

The table is written by ``benchmarks/calibrate.py`` from the articles the rules were worked on
only (never from the check articles, on which ``benchmarks/quotes.py`` reports whether the
calibration holds). A reader or path the table lacks takes the language's overall rate; a
language the table lacks takes French's, lowered (``UNKNOWN_LANGUAGE_FACTOR``), since its
quotations come from punctuation alone.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsdesk.analyze.quotetext import Candidate, QuoteText
from newsdesk.analyze.speakers import Mention
from newsdesk.records import Entity

TABLE = Path(__file__).parent / "data" / "confidence.toml"
FALLBACK_LANGUAGE = "fr"
UNKNOWN_LANGUAGE_FACTOR = 0.8
# Readers that join a quotation to its speaker by punctuation or layout, not by a speech verb
# beside it: ``X a dressé un bilan : « … »``, ``X a déclaré :`` then a quoted paragraph.
LOOSE_READERS = frozenset({"colon", "intro", "post", "paragraphs", "narrative"})


@dataclass(frozen=True)
class Evidence:
    """What a quotation was found and attributed with: the keys of the confidence table."""

    reader: str
    kind: str
    speaker_path: str

    @property
    def quote_key(self) -> str:
        return f"{self.reader}/{self.kind}"


def speaker_path(
    candidate: Candidate,
    mention: Mention | None,
    entity: Entity | None,
    previous: Entity | None,
    *,
    doubts: tuple[str, ...] = (),
) -> str:
    """How the speaker of ``candidate`` was found (``entity-PER``, ``pronoun-speaker``…);
    a resolution with doubts (``SpeakerResolver.doubts``: a rival named since its person, an
    organisation found by salience alone; ``risks``) is a path of its own
    (``pronoun-other-contested``, ``organisation-resolved-salient``, ``entity-PER-loose``)."""
    if candidate.inherit:
        return "continuation" if entity is not None else "continuation-none"
    if candidate.reader == "testimony":
        return "testimony"
    if mention is None:
        return "none"
    if mention.kind == "entity":
        label = mention.entity.label if mention.entity is not None else "MISC"
        return "-".join((f"entity-{label}", *doubts))
    if mention.kind == "anonymous":
        return "anonymous"
    if entity is None:
        return f"{mention.kind}-unresolved"
    path = f"{mention.kind}-resolved"
    if mention.kind in {"pronoun", "person"}:
        path = f"{mention.kind}-{'speaker' if entity is previous else 'other'}"
    return "-".join((path, *doubts))


def risks(article: QuoteText, candidate: Candidate, entity: Entity | None) -> tuple[str, ...]:
    """What makes a speaker found by ``candidate``'s mention wrong more often on unseen
    articles, whatever the path: ``loose`` (no speech verb right beside the quotation ties
    the mention to it: a colon, an introduction, an embedded post or a quoted paragraph, or
    the mention lies in another sentence than the quotation), ``personal`` (an organisation
    whose name opens with a known first name: a person the model may have labelled ORG),
    ``short`` (an organisation of one word, no acronym: often a piece of a longer name)."""
    mention = candidate.mention
    if candidate.inherit or mention is None or entity is None:
        return ()
    found: list[str] = []
    start, end = article.sentence_of(mention.start)
    if candidate.reader in LOOSE_READERS or not (start < candidate.end and candidate.start < end):
        found.append("loose")
    if mention.kind == "entity" and entity.label == "ORG":
        words = entity.name.split()
        if len(words) > 1 and words[0].lower() in article.lexicon.first_names:
            found.append("personal")
        elif len(words) == 1 and not entity.name.isupper():
            found.append("short")
    return tuple(found)


@dataclass(frozen=True)
class Table:
    """Rates by key for one language, and the language's overall rates."""

    quotes: Mapping[str, float]
    speakers: Mapping[str, float]
    quote_default: float
    speaker_default: float


@cache
def tables(path: Path = TABLE) -> Mapping[str, Table]:
    """The calibration tables by language."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    return {
        language: Table(
            quotes={k: float(v) for k, v in table.get("quotes", {}).items()},
            speakers={k: float(v) for k, v in table.get("speakers", {}).items()},
            quote_default=float(table["quote_default"]),
            speaker_default=float(table["speaker_default"]),
        )
        for language, table in data.items()
    }


def confidences(evidence: Evidence, language: str | None) -> tuple[float, float]:
    """(confidence, speaker_confidence) of a quotation found with ``evidence``."""
    known = tables()
    table = known.get(language or "")
    factor = 1.0
    if table is None:
        table = known[FALLBACK_LANGUAGE]
        factor = UNKNOWN_LANGUAGE_FACTOR
    quote = table.quotes.get(
        evidence.quote_key, table.quotes.get(evidence.reader, table.quote_default)
    )
    speaker = table.speakers.get(evidence.speaker_path, table.speaker_default)
    return round(quote * factor, 3), round(speaker * factor, 3)
