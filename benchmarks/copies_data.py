"""The copies benchmark's corpus: real PolNeAR articles (read from ``../shared/eval`` at run
time, never stored here) and realistic copies made from them by the transformations below.

Each copy applies two or three transformations, chosen at random with a fixed seed:

- another outlet's boilerplate around the text (lines written here) and another title;
- truncation to the first 45–85 % of the paragraphs;
- paragraphs reordered (two swapped) or 1–2 paragraphs of another article inserted;
- light edits: about 4 % of the words dropped or doubled, curly quotes, a sentence removed.

A third of the copies stay at the same outlet (a later *version* of the article: edits and
added paragraphs); the others go to another outlet (a *copy*). Every paragraph of a copy
remembers the paragraph of the original it came from, so a quotation found in a copy can be
traced to the original's quotation without comparing their words.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
POLNEAR = EVAL / "polnear"

BOILERPLATE_HEAD = [
    "Advertisement",
    "Share this article on Facebook Share on Twitter Email",
    "Home | Politics | Nation | World",
    "Posted by the newsroom staff",
    "Listen to this article (4 min)",
]
BOILERPLATE_TAIL = [
    "Subscribe to our daily newsletter for the latest headlines.",
    "Copyright 2016 The Example Ledger. All rights reserved. This material may not be published,"
    " broadcast, rewritten or redistributed.",
    "Related: more stories from our politics desk",
    "Comments are closed for this story.",
    "Follow us on social media for breaking news alerts and updates from the campaign trail.",
]
OUTLETS = ["example-ledger.com", "daily-sample.net", "news-mirror.org", "the-reprint.co"]


@dataclass
class Doc:
    """One benchmark article: its text as paragraphs, and where each paragraph came from."""

    id: str
    family: str  # the original article's id: every copy and version of one text shares it
    outlet: str
    published: str
    title: str
    paragraphs: list[str]
    # (article id, paragraph index) each paragraph was taken from; None for boilerplate
    sources: list[tuple[str, int] | None] = field(default_factory=list)
    kind: str = "original"  # original, copy or version

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def metadata() -> dict[str, dict[str, str]]:
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as f:
        return {row["filename"]: row for row in csv.DictReader(f, delimiter="\t")}


def originals(split: str) -> list[Doc]:
    """The split's PolNeAR articles; successive versions of one story (same outlet and title)
    are one family."""
    meta = metadata()
    docs = []
    by_title: dict[tuple[str, str], str] = {}
    for path in sorted((POLNEAR / split / "text").glob("*.txt")):
        name = path.stem
        row = meta.get(name, {})
        outlet = row.get("publisher") or name.split("_")[0]
        title = row.get("title") or name
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        family = by_title.setdefault((outlet, title), name) if title != name else name
        kind = "original" if family == name else "version"
        docs.append(
            Doc(
                name,
                family,
                outlet,
                row.get("publication_date") or name.split("_")[1],
                title,
                paragraphs,
                [(name, i) for i in range(len(paragraphs))],
                kind,
            )
        )
    return docs


def _edit(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split()
    out = []
    for word in words:
        roll = rng.random()
        if roll < 0.02:
            continue
        out.append(word)
        if roll > 0.98:
            out.append(word)
    return " ".join(out).replace('"', "\u201d")


def make_copy(original: Doc, other: Doc, n: int, rng: random.Random) -> Doc:
    """A copy (or version) of ``original``; ``other`` lends paragraphs to insert."""
    version = rng.random() < 1 / 3
    paragraphs = list(original.paragraphs)
    sources = list(original.sources)
    steps = rng.sample(["boilerplate", "truncate", "reorder", "insert", "edit"], rng.choice([2, 3]))
    if version:
        steps = [s for s in steps if s != "boilerplate"] or ["edit"]
    title = original.title
    if "truncate" in steps and len(paragraphs) > 3:
        keep = max(2, round(len(paragraphs) * rng.uniform(0.45, 0.85)))
        paragraphs, sources = paragraphs[:keep], sources[:keep]
    if "reorder" in steps and len(paragraphs) > 3:
        i, j = rng.sample(range(1, len(paragraphs)), 2)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
        sources[i], sources[j] = sources[j], sources[i]
    if "insert" in steps and other.paragraphs:
        for _ in range(rng.choice([1, 2])):
            at, k = rng.randrange(1, len(paragraphs) + 1), rng.randrange(len(other.paragraphs))
            paragraphs.insert(at, other.paragraphs[k])
            sources.insert(at, other.sources[k])
    if "edit" in steps:
        paragraphs = [_edit(p, rng) for p in paragraphs]
        if len(paragraphs) > 2:
            k = rng.randrange(1, len(paragraphs))
            sentences = paragraphs[k].split(". ")
            if len(sentences) > 1:
                sentences.pop(rng.randrange(len(sentences)))
                paragraphs[k] = ". ".join(sentences)
    outlet = original.outlet
    if not version:
        outlet = rng.choice(OUTLETS)
        title = f"{original.title} | {outlet.split('.')[0].replace('-', ' ').title()}"
    if "boilerplate" in steps:
        head = rng.sample(BOILERPLATE_HEAD, 2)
        tail = rng.sample(BOILERPLATE_TAIL, 2)
        paragraphs = head + paragraphs + tail
        sources = [None, None, *sources, None, None]
    day = int(original.published[8:10]) if original.published[8:10].isdigit() else 1
    published = original.published[:8] + f"{min(28, day + rng.choice([0, 0, 1])):02d}"
    return Doc(
        f"{original.id}~{n}",
        original.family,
        outlet,
        published + f"T{12 + n:02d}:00:00",
        title,
        paragraphs,
        sources,
        "version" if version else "copy",
    )


def corpus(split: str, copies_per_article: float = 1.2, seed: int = 15) -> list[Doc]:
    """The split's originals and their copies, in a shuffled order of arrival (a copy may
    arrive before its original, as crawls do)."""
    rng = random.Random(seed)
    docs = originals(split)
    made = []
    for doc in docs:
        count = int(copies_per_article) + (rng.random() < copies_per_article % 1)
        for n in range(count if rng.random() < 0.6 else 0):
            made.append(make_copy(doc, rng.choice(docs), n, rng))
    everything = docs + made
    rng.shuffle(everything)
    return everything
