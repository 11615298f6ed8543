"""Places on real articles: precision and recall over place mentions, annotated by hand.

    .venv/bin/python benchmarks/places_real.py [--verbose]

The annotations (tests/data/places/real_places.tsv) are offsets and span hashes into texts read
from ../shared/eval at run time, never copied. The articles are cut once into a development
half and a check half (fixed draw, seed 14); the check half is scored and never read for
errors (``--verbose`` lists the development half's). A third set, ``later``
(tests/data/places/real_places_later.tsv: French pages of fr-pages, English pages of outlets
from Australia, Canada and Mexico in xx-pages), was annotated after the place rules were
written and is only ever scored, like the check half.

A predicted mention is a mention of a located place; it is right when it overlaps an annotated
mention and the place is the one annotated: the country for a country, a state or region of
that country for an area, a point within 0.6 degrees for a city (also used for a French
département or an island: what counts is where it is). An ``optional`` span is a reading a
reader could take either way (a country in an organisation's name, `Russia's Defense
Ministry`; `the Kyiv region`; a palace): a prediction overlapping it is not counted, and it is
not counted in recall. Recall: annotated mentions with a right prediction.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / ".." / "shared" / "eval"
GOLD = ROOT / "tests" / "data" / "places" / "real_places.tsv"
LATER = ROOT / "tests" / "data" / "places" / "real_places_later.tsv"
PEOPLE = ROOT / "tests" / "data" / "places" / "real_people.tsv"
OPTIONAL = "optional"
SEED = 14
CITY_DEGREES = 0.6


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    digest: str
    target: str


@dataclass
class Tally:
    right: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        p = self.right / self.predicted if self.predicted else 0.0
        r = self.found / self.gold if self.gold else 0.0
        return (
            f"  {name:<6} precision {p:.3f} ({self.right}/{self.predicted})"
            f"  recall {r:.3f} ({self.found}/{self.gold})"
        )


def read_gold(path: Path = GOLD) -> dict[str, list[Span]]:
    """Annotated spans per source file (an article naming no place has an empty list)."""
    gold: dict[str, list[Span]] = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, start, end, digest, target = line.split("\t")
        gold.setdefault(source, [])
        if target != "none":
            gold[source].append(Span(int(start), int(end), digest, target))
    return dict(gold)


def read_text(source: str) -> tuple[str, str]:
    """(text, language) of an annotated source, read as the annotations were made."""
    path = EVAL / source
    if source.endswith(".json"):
        record = json.loads(path.read_text("utf-8"))
        return record["text"], record.get("language", "fr")
    from newsdesk.extract.charset import decode_html
    from newsdesk.extract.html import extract_html

    raw = path.read_bytes()
    if source.endswith(".gz"):
        raw = gzip.decompress(raw)
    return extract_html(decode_html(raw)).text, _language(source)


def _language(source: str) -> str:
    """The language of an HTML page: its folder's (en-pages, fr-pages), else the one
    xx-pages lists for it."""
    folder = source.split("/")[0]
    if folder in ("en-pages", "fr-pages"):
        return folder[:2]
    listed = json.loads((EVAL / folder / "pages.json").read_text("utf-8"))
    name = source.rsplit("/", 1)[-1]
    return next(str(page["lang"]) for page in listed if page["file"] == name)


def split(sources: list[str]) -> tuple[list[str], list[str]]:
    names = sorted(sources)
    random.Random(SEED).shuffle(names)
    check = set(names[: len(names) // 2])
    return [s for s in sorted(sources) if s not in check], sorted(check)


def is_right(place: Any, target: str) -> bool:
    kind, _, value = target.partition(":")
    if kind == "country":
        return bool(place.feature == "country" and place.country_code == value)
    if kind == "area":
        return bool(place.feature in ("state", "region") and place.country_code == value)
    if kind == "continent":
        return bool(place.feature == "continent")
    if kind == "city" and place.lat is not None and place.lon is not None:
        lat, lon = (float(x) for x in value.split(","))
        return abs(place.lat - lat) <= CITY_DEGREES and abs(place.lon - lon) <= CITY_DEGREES
    return False


def score(source: str, spans: list[Span], analysis: Any, tally: Tally) -> None:
    text = analysis.article.text
    for span in spans:
        digest = hashlib.sha256(text[span.start : span.end].encode()).hexdigest()[:12]
        if digest != span.digest:
            raise SystemExit(f"{source}: the text changed at {span.start}-{span.end}")
    optional = [s for s in spans if s.target == OPTIONAL]
    spans = [s for s in spans if s.target != OPTIONAL]
    tally.gold += len(spans)
    mentions = {e.id: e.mentions for e in analysis.entities}
    hit: set[Span] = set()
    for place in analysis.places:
        if place.lat is None:
            continue
        for m in mentions.get(place.entity_id, ()):
            over = [s for s in spans if s.start < m.end and m.start < s.end]
            if not over and any(s.start < m.end and m.start < s.end for s in optional):
                continue
            tally.predicted += 1
            good = [s for s in over if is_right(place, s.target)]
            if good:
                tally.right += 1
                hit.update(good)
            else:
                got = f"{place.name}/{place.feature}/{place.country_code}/{place.lat},{place.lon}"
                want = over[0].target if over else "no place"
                tally.errors.append(f"{source}: {m.text!r} -> {got}, annotated {want}")
    tally.found += len(hit)
    for s in spans:
        if s not in hit:
            tally.errors.append(f"{source}: missed {text[s.start : s.end]!r} ({s.target})")


@dataclass
class Share:
    """Entities labelled PER: how many are people, of how many counted."""

    people: int = 0
    counted: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        share = self.people / self.counted if self.counted else 0.0
        return (
            f"  {name:<6} PER entities that are people {share:.3f} ({self.people}/{self.counted})"
        )


def people_share(sources: list[str], gold: dict[str, list[Span]], analyzer: Any) -> Share:
    """Of the entities labelled PER in ``sources``, those with a mention over an annotated
    person; one whose mentions all lie over ``optional`` spans is not counted."""
    from newsdesk.records import Article

    share = Share()
    for source in sources:
        text, language = read_text(source)
        spans = gold[source]
        for span in spans:
            digest = hashlib.sha256(text[span.start : span.end].encode()).hexdigest()[:12]
            if digest != span.digest:
                raise SystemExit(f"{source}: the text changed at {span.start}-{span.end}")
        article = Article(id=source, text=text, title=None, published=None, language=language)
        for entity in analyzer.analyze_one(article).entities:
            if entity.label != "PER":
                continue
            over = [
                [s for s in spans if s.start < m.end and m.start < s.end] for m in entity.mentions
            ]
            if any(s.target == "person" for found in over for s in found):
                share.people += 1
            elif over and all(over):
                continue  # every mention lies over a span a reader could take either way
            else:
                share.errors.append(f"{source}: {entity.name!r} is no person")
            share.counted += 1
    return share


def run(sources: list[str], gold: dict[str, list[Span]], analyzer: Any) -> Tally:
    """The tally of ``sources`` analyzed by ``analyzer`` (entities and places)."""
    from newsdesk.records import Article

    tally = Tally()
    for source in sources:
        text, language = read_text(source)
        article = Article(id=source, text=text, title=None, published=None, language=language)
        score(source, gold[source], analyzer.analyze_one(article), tally)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list development errors")
    parser.add_argument(
        "--people",
        action="store_true",
        help="the share of entities labelled PER that are people (tests/data/places/"
        "real_people.tsv); --verbose lists the development half's others",
    )
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"evaluation data not found at {EVAL}", file=sys.stderr)
        return 1
    from newsdesk.analyze import Analyzer
    from newsdesk.config import Settings

    gold = read_gold()
    analyzer = Analyzer(Settings(), components=("entities", "places"))
    dev, check = split(list(gold))
    later = read_gold(LATER)
    sets = (("dev", dev), ("check", check), ("later", sorted(later)))
    if args.people:
        people = read_gold(PEOPLE)
        for name, sources in sets:
            share = people_share(sources, people, analyzer)
            print(share.line(name) + f"  ({len(sources)} articles)")
            if args.verbose and name == "dev":
                for error in share.errors:
                    print("    " + error)
        return 0
    for name, sources in sets:
        tally = run(sources, later if name == "later" else gold, analyzer)
        print(tally.line(name) + f"  ({len(sources)} articles)")
        if args.verbose and name == "dev":
            for error in tally.errors:
                print("    " + error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
